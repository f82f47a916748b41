package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import dev.turnkit.model.PortRange;
import dev.turnkit.model.StackConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cloud firewall the stack creates (design-notes.md §7.2), checked on the NSG rules sent to the provider. */
class FirewallPolicyTest {
    private static final String RULE = "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    /** direction/protocol/ports/stateless of a rule as sent to OCI, e.g. {@code INGRESS 17 49152-50151 stateless}. */
    private static String shape(Map<String, Object> in) {
        Map<?, ?> options = (Map<?, ?>) (in.get("tcpOptions") != null ? in.get("tcpOptions") : in.get("udpOptions"));
        String ports = "-";
        if (options != null) {
            Map<?, ?> range = (Map<?, ?>) (options.get("destinationPortRange") != null
                    ? options.get("destinationPortRange") : options.get("sourcePortRange"));
            ports = ((Double) range.get("min")).intValue() + "-" + ((Double) range.get("max")).intValue();
        }
        if (in.get("icmpOptions") instanceof Map<?, ?> icmp) {
            ports = "icmp " + ((Double) icmp.get("type")).intValue() + "/" + ((Double) icmp.get("code")).intValue();
        }
        String peer = in.get("direction").equals("INGRESS") ? (String) in.get("source") : (String) in.get("destination");
        return in.get("direction") + " " + in.get("protocol") + " " + ports + " " + peer
                + (Boolean.TRUE.equals(in.get("stateless")) ? " stateless" : "");
    }

    @Test
    void sshIsNeverOpenToTheWholeInternet() {
        StackRun run = StackRun.up(TestStacks.config());
        List<Map<String, Object>> rules = run.ofType(RULE).stream().map(OfflineOci.Registered::inputs).toList();
        for (Map<String, Object> in : rules) {
            Map<?, ?> tcp = (Map<?, ?>) in.get("tcpOptions");
            boolean coversSsh = in.get("direction").equals("INGRESS") && (in.get("protocol").equals("all")
                    || tcp != null && ((Map<?, ?>) tcp.get("destinationPortRange")).get("min").equals(22.0));
            if (coversSsh) {
                assertThat(in.get("source")).as("SSH only from turnkit:adminSshCidr").isEqualTo(TestStacks.ADMIN_CIDR)
                        .isNotEqualTo("0.0.0.0/0");
            }
        }
        assertThat(rules).extracting(FirewallPolicyTest::shape).contains("INGRESS 6 22-22 " + TestStacks.ADMIN_CIDR);
    }

    @Test
    void exactlyTheRequiredPortsAreOpen() {
        StackRun run = StackRun.up(TestStacks.config());
        Set<String> rules = run.ofType(RULE).stream().map(r -> shape(r.inputs())).collect(Collectors.toSet());
        assertThat(rules).as("SSH from the admin CIDR; TURN 3478 udp+tcp; TURNS 5349; relay range; ACME 80;"
                + " HTTPS 443; ICMP 3/4; stateless UDP with egress twins; all egress")
                .containsExactlyInAnyOrder(
                        "INGRESS 6 22-22 " + TestStacks.ADMIN_CIDR,
                        "INGRESS 6 80-80 0.0.0.0/0",
                        "INGRESS 6 443-443 0.0.0.0/0",
                        "INGRESS 6 3478-3478 0.0.0.0/0",
                        "INGRESS 6 5349-5349 0.0.0.0/0",
                        "INGRESS 17 3478-3478 0.0.0.0/0 stateless",
                        "EGRESS 17 3478-3478 0.0.0.0/0 stateless",
                        "INGRESS 17 49152-50151 0.0.0.0/0 stateless",
                        "EGRESS 17 49152-50151 0.0.0.0/0 stateless",
                        "INGRESS 1 icmp 3/4 0.0.0.0/0",
                        "EGRESS all - 0.0.0.0/0");
    }

    @Test
    void everyStatelessIngressRuleHasAStatelessEgressTwinOnItsSourcePorts() {
        StackRun run = StackRun.up(TestStacks.config());
        for (OfflineOci.Registered r : run.ofType(RULE)) {
            Map<String, Object> in = r.inputs();
            if (in.get("direction").equals("INGRESS") && Boolean.TRUE.equals(in.get("stateless"))) {
                Map<?, ?> ports = (Map<?, ?>) ((Map<?, ?>) in.get("udpOptions")).get("destinationPortRange");
                assertThat(run.ofType(RULE)).as(r.name() + " has its reply twin")
                        .anyMatch(t -> t.inputs().get("direction").equals("EGRESS")
                                && Boolean.TRUE.equals(t.inputs().get("stateless"))
                                && t.inputs().get("udpOptions") instanceof Map<?, ?> u
                                && ports.equals(u.get("sourcePortRange")));
            }
        }
    }

    @Test
    void ruleNamesComeFromStableKeysSoAddingARuleChangesNoOtherRule() {
        StackConfig config = TestStacks.config();
        SortedMap<String, NsgRule> base = NsgRules.of(config);
        Map<String, Map<String, Object>> before = byName(StackRun.up(config, base));
        PulumiTest.cleanup();
        NsgRule extra = new NsgRule("aaa-stun-alt", NsgRule.Direction.INGRESS,
                NsgRule.Protocol.UDP, NsgRules.ANYWHERE, Optional.of(new PortRange(3479, 3479)),
                Optional.empty(), false, "a rule that sorts first");
        Map<String, Map<String, Object>> after = byName(StackRun.up(config, NsgRules.with(base, extra)));

        Set<String> added = new HashSet<>(after.keySet());
        added.removeAll(before.keySet());
        assertThat(added).as("only the new rule is new").containsExactly("turnkit-test-fw-aaa-stun-alt");
        for (Map.Entry<String, Map<String, Object>> e : before.entrySet()) {
            assertThat(after.get(e.getKey())).as(e.getKey() + " keeps its name and inputs").isEqualTo(e.getValue());
        }
        assertThat(before.keySet()).as("names are <host>-fw-<key>")
                .allMatch(n -> base.keySet().stream().anyMatch(k -> n.equals("turnkit-test-fw-" + k)));
    }

    @Test
    void aRuleOpeningSshToEveryoneIsAPolicyViolation() {
        StackConfig config = TestStacks.config();
        NsgRule open = new NsgRule("ssh-anywhere", NsgRule.Direction.INGRESS,
                NsgRule.Protocol.TCP, NsgRules.ANYWHERE, Optional.of(new PortRange(20, 25)),
                Optional.empty(), false, "wrong");
        assertThat(NsgRules.policyViolations(NsgRules.of(config))).as("the stack's own table is clean")
                .isEmpty();
        assertThat(NsgRules.policyViolations(NsgRules.with(NsgRules.of(config), open)))
                .containsExactly("firewall rule ssh-anywhere opens SSH (TCP 22) to 0.0.0.0/0 — SSH must be limited"
                        + " to turnkit:adminSshCidr");
    }

    private static Map<String, Map<String, Object>> byName(StackRun run) {
        return run.ofType(RULE).stream().collect(Collectors.toMap(OfflineOci.Registered::name,
                OfflineOci.Registered::inputs));
    }
}
