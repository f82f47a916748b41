package dev.turnkit.infra;

import dev.turnkit.infra.NsgRule.Direction;
import dev.turnkit.infra.NsgRule.Icmp;
import dev.turnkit.infra.NsgRule.Protocol;
import dev.turnkit.model.Cidr;
import dev.turnkit.model.FirewallRule;
import dev.turnkit.model.PortRange;
import dev.turnkit.model.StackConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cloud firewall of the TURN host (an OCI network security group) as a table keyed by stable names
 * (design-notes.md §7.2). The public ports come from {@link FirewallRule#publicInbound}, the list the host firewall
 * script is rendered from too, so both firewalls open the same ports. Added here: SSH only from
 * {@code turnkit:adminSshCidr}, ICMP type 3 code 4 (path-MTU discovery) and all egress. UDP rules are stateless
 * with a stateless egress twin on the same source ports (media must not fill the per-VNIC connection-tracking
 * table; a stateless ingress rule without its twin breaks replies).
 */
public final class NsgRules {
    /** Everyone (IPv4). */
    public static final String ANYWHERE = "0.0.0.0/0";

    private NsgRules() {
    }

    /** The rules for a stack, sorted by key. */
    public static SortedMap<String, NsgRule> of(StackConfig config) {
        SortedMap<String, NsgRule> rules = new TreeMap<>();
        add(rules, new NsgRule("ssh", Direction.INGRESS, Protocol.TCP, config.access().adminSshCidr(),
                Optional.of(new PortRange(22, 22)), Optional.empty(), false, "SSH for administrators only"));
        for (FirewallRule open : FirewallRule.publicInbound(config)) {
            if (open.protocol().equals("udp")) {
                add(rules, new NsgRule(open.name(), Direction.INGRESS, Protocol.UDP, ANYWHERE,
                        Optional.of(open.ports()), Optional.empty(), true, open.description()));
                add(rules, new NsgRule(open.name() + "-egress", Direction.EGRESS, Protocol.UDP, ANYWHERE,
                        Optional.of(open.ports()), Optional.empty(), true,
                        open.description() + " (stateless reply twin: source ports)"));
            } else if (open.protocol().equals("tcp")) {
                add(rules, new NsgRule(open.name(), Direction.INGRESS, Protocol.TCP, ANYWHERE,
                        Optional.of(open.ports()), Optional.empty(), false, open.description()));
            } else {
                throw new IllegalStateException("unexpected protocol in the public port list: " + open);
            }
        }
        add(rules, new NsgRule("icmp-path-mtu", Direction.INGRESS, Protocol.ICMP, ANYWHERE, Optional.empty(),
                Optional.of(new Icmp(3, 4)), false, "path-MTU discovery (fragmentation needed)"));
        add(rules, new NsgRule("egress-all", Direction.EGRESS, Protocol.ALL, ANYWHERE, Optional.empty(),
                Optional.empty(), false, "relay to peers, apt, ACME, token keys"));
        return Collections.unmodifiableSortedMap(rules);
    }

    /**
     * Policy checks on a firewall table: SSH (TCP 22) is never open to the whole internet. The config already
     * refuses {@code turnkit:adminSshCidr: 0.0.0.0/0}; this guards rules added in code.
     */
    public static List<String> policyViolations(SortedMap<String, NsgRule> rules) {
        List<String> out = new ArrayList<>();
        for (NsgRule r : rules.values()) {
            boolean ssh = r.direction() == Direction.INGRESS
                    && (r.protocol() == Protocol.TCP || r.protocol() == Protocol.ALL)
                    && r.ports().map(p -> p.contains(22)).orElse(true);
            if (ssh && Cidr.parse(r.cidr()).prefix() == 0) {
                out.add("firewall rule " + r.key() + " opens SSH (TCP 22) to " + r.cidr()
                        + " — SSH must be limited to turnkit:adminSshCidr");
            }
        }
        return out;
    }

    /** The rules plus one more (keys must stay unique): how a new rule is added without touching the others. */
    public static SortedMap<String, NsgRule> with(SortedMap<String, NsgRule> rules, NsgRule extra) {
        SortedMap<String, NsgRule> copy = new TreeMap<>(rules);
        add(copy, extra);
        return Collections.unmodifiableSortedMap(copy);
    }

    private static void add(SortedMap<String, NsgRule> rules, NsgRule rule) {
        if (rules.putIfAbsent(rule.key(), rule) != null) {
            throw new IllegalArgumentException("duplicate firewall rule key: " + rule.key());
        }
    }
}
