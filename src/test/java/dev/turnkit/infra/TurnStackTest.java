package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.resources.CustomResource;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import dev.turnkit.infra.oci.GetAvailabilityDomainsAvailabilityDomain;
import dev.turnkit.infra.oci.GetAvailabilityDomainsResult;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stack program under mocks: what {@code pulumi up} would ask Oracle Cloud to create. */
class TurnStackTest {
    private static final String INSTANCE = "oci:Core/instance:Instance";
    private static final String PUBLIC_IP = "oci:Core/publicIp:PublicIp";
    private static final String PRIVATE_IP = "oci:Core/privateIp:PrivateIp";
    private static final String RRSET = "oci:Dns/rrset:Rrset";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void everyResourceIsAChildOfTheTurnHostComponentAndNamedAfterIt() {
        StackRun run = StackRun.up(TestStacks.config());
        assertThat(run.result().exitCode()).as("the program runs without errors: " + run.result().errors()).isZero();
        List<Resource> custom = run.result().resources().stream().filter(r -> r instanceof CustomResource).toList();
        assertThat(custom).as("the host creates resources").hasSizeGreaterThan(10);
        for (Resource r : custom) {
            String urn = PulumiTest.extractValue(r.urn());
            assertThat(urn).as(r.pulumiResourceName() + " is parented to the TurnHost component")
                    .contains("::pulumi:pulumi:Stack$turnkit:index:TurnHost$oci:");
            assertThat(r.pulumiResourceName()).as("child names derive from the component name")
                    .startsWith("turnkit-test-");
        }
        assertThat(run.ofType(TurnHost.TYPE)).extracting(OfflineOci.Registered::name).containsExactly("turnkit-test");
    }

    @Test
    void userDataDecodesToTheRenderedCloudInitWithTheReservedPublicIpAndTheFixedPrivateIp() {
        StackConfig config = TestStacks.config();
        StackRun run = StackRun.up(config);
        Map<?, ?> metadata = (Map<?, ?>) run.one(INSTANCE).inputs().get("metadata");
        String reservedIp = (String) run.output("publicIp");
        String cloudInit = new String(Base64.getDecoder().decode((String) metadata.get("user_data")),
                StandardCharsets.UTF_8);

        assertThat(cloudInit).as("user_data is the rendered cloud-init for this stack and its reserved IP")
                .isEqualTo(RenderedCloudInit.cloudInit(StackRun.RENDERER, config
                        .withJar(JarUploadTest.URL, JarUploadTest.sha256(StackRun.BuiltJar.PROJECT
                                .resolve(TurnkitJar.BUILD)))
                        .withAddresses(reservedIp, null), StackRun.SECRETS))
                .startsWith("#cloud-config")
                .contains("external-ip=" + reservedIp + "/" + TestStacks.PRIVATE_IP)
                .contains("relay-ip=" + TestStacks.PRIVATE_IP);
        assertThat(metadata.get("ssh_authorized_keys")).as("the admin's SSH key is installed")
                .isEqualTo(config.access().sshPublicKey());
        assertThat(metadata.keySet().stream().map(String::valueOf).toList()).as("OCI metadata keys verbatim, not camel-cased")
                .containsExactlyInAnyOrder("ssh_authorized_keys", "user_data");
    }

    @Test
    void theVmHasTheFixedPrivateIpNoEphemeralPublicIpAndTheFirewall() {
        StackRun run = StackRun.up(TestStacks.config());
        Map<?, ?> vnic = (Map<?, ?>) run.one(INSTANCE).inputs().get("createVnicDetails");
        assertThat(vnic.get("privateIpId")).as("the VM launches onto the reserved private IP")
                .isEqualTo(OfflineOci.idOf("turnkit-test-private-ip"));
        assertThat(vnic.containsKey("privateIp")).as("OCI takes privateIp or privateIpId, not both").isFalse();
        assertThat(vnic.get("assignPublicIp")).as("assignPublicIp is the string \"false\" on the wire")
                .isEqualTo("false");
        assertThat(vnic.get("nsgIds")).as("the VNIC is in the host's network security group")
                .isEqualTo(List.of(OfflineOci.idOf("turnkit-test-nsg")));
        assertThat(vnic.get("subnetId")).isEqualTo(OfflineOci.idOf("turnkit-test-subnet"));
    }

    @Test
    void a1GetsItsSizeAndAnArm64ImageMicroGetsAnAmd64ImageAndNoShapeConfig() {
        Map<String, Object> a1 = StackRun.up(TestStacks.config("ocpus", 2, "memoryGb", 12)).one(INSTANCE).inputs();
        PulumiTest.cleanup();
        Map<String, Object> micro = StackRun.up(TestStacks.config("shape", "VM.Standard.E2.1.Micro", "ocpus", null,
                "memoryGb", null)).one(INSTANCE).inputs();

        assertThat(a1.get("shape")).isEqualTo("VM.Standard.A1.Flex");
        assertThat(a1.get("shapeConfig")).isEqualTo(Map.of("ocpus", 2.0, "memoryInGbs", 12.0));
        assertThat(((Map<?, ?>) a1.get("sourceDetails")).get("sourceId").toString())
                .as("the A1 image is built for aarch64").contains("aarch64");
        assertThat(micro.get("shape")).isEqualTo("VM.Standard.E2.1.Micro");
        assertThat(micro).as("the Micro shape has a fixed size").doesNotContainKey("shapeConfig");
        assertThat(((Map<?, ?>) micro.get("sourceDetails")).get("sourceId").toString())
                .as("the Micro image is amd64").doesNotContain("aarch64").contains("Canonical-Ubuntu-24.04");
        assertThat(((Map<?, ?>) micro.get("sourceDetails")).get("bootVolumeSizeInGbs"))
                .as("boot volume size is a string on the wire").isEqualTo("50");
    }

    @Test
    void theFirstConfiguredAvailabilityDomainIsUsed() {
        StackRun run = StackRun.up(TestStacks.config());
        assertThat(run.one(INSTANCE).inputs().get("availabilityDomain")).isEqualTo("Uocm:EU-FRANKFURT-1-AD-1");
        assertThat(run.output("availabilityDomain")).isEqualTo("Uocm:EU-FRANKFURT-1-AD-1");
    }

    @Test
    void anAvailabilityDomainTheTenancyDoesNotHaveIsRefusedWithTheOnesItHas() {
        GetAvailabilityDomainsResult tenancy = GetAvailabilityDomainsResult.builder()
                .availabilityDomains(List.of(GetAvailabilityDomainsAvailabilityDomain.builder()
                        .name("Uocm:PHX-AD-1").build()))
                .build();
        assertThatThrownBy(() -> HostPlacement.chooseAvailabilityDomain(TestStacks.config(), tenancy))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("turnkit:availabilityDomains: 'Uocm:EU-FRANKFURT-1-AD-1'")
                .hasMessageContaining("Uocm:PHX-AD-1");
    }

    @Test
    void oneUpReservesThePrivateIpPointsThePublicIpAtItAndLaunchesTheVmOntoIt() {
        StackRun run = StackRun.up(TestStacks.config());
        Map<String, Object> privateIp = run.one(PRIVATE_IP).inputs();
        assertThat(privateIp).as("a reserved private IP in the subnet, without a VNIC")
                .containsEntry("subnetId", OfflineOci.idOf("turnkit-test-subnet"))
                .containsEntry("ipAddress", TestStacks.PRIVATE_IP)
                .containsEntry("lifetime", "RESERVED")
                .doesNotContainKey("vnicId");
        Map<String, Object> publicIp = run.one(PUBLIC_IP).inputs();
        assertThat(publicIp.get("lifetime")).as("the public IP survives the VM").isEqualTo("RESERVED");
        assertThat(publicIp.get("privateIpId")).as("attached in the same run, before the VM exists")
                .isEqualTo(OfflineOci.idOf("turnkit-test-private-ip"));
        assertThat(run.output("publicIpAttached")).isEqualTo(true);

        List<String> order = run.oci().registered().stream().map(OfflineOci.Registered::type)
                .filter(t -> t.equals(PRIVATE_IP) || t.equals(PUBLIC_IP) || t.equals(INSTANCE)).toList();
        assertThat(order).as("PrivateIp -> PublicIp -> Instance: no cycle")
                .containsExactly(PRIVATE_IP, PUBLIC_IP, INSTANCE);
    }

    @Test
    void aSecondUpChangesNothing() {
        StackConfig config = TestStacks.config();
        List<OfflineOci.Registered> first = StackRun.up(config).oci().registered();
        PulumiTest.cleanup();
        List<OfflineOci.Registered> second = StackRun.up(config).oci().registered();
        assertThat(second).as("same resources with the same inputs: nothing to update or replace")
                .containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void withADnsZoneTheTurnNamePointsAtTheReservedIp() {
        StackRun run = StackRun.up(TestStacks.config("dnsZone", "example.com"));
        Map<String, Object> rrset = run.one(RRSET).inputs();
        assertThat(rrset.get("zoneNameOrId")).isEqualTo("example.com");
        assertThat(rrset.get("domain")).isEqualTo("turn.example.com");
        assertThat(rrset.get("rtype")).isEqualTo("A");
        assertThat(rrset.get("items")).as("one A record with the reserved public IP")
                .isEqualTo(List.of(Map.of("domain", "turn.example.com", "rdata", run.output("publicIp"),
                        "rtype", "A", "ttl", 300.0)));
    }

    @Test
    void withoutADnsZoneNoDnsResourceIsCreated() {
        StackRun run = StackRun.up(TestStacks.config());
        assertThat(run.oci().registered()).extracting(OfflineOci.Registered::type)
                .as("no DNS resources without turnkit:dnsZone")
                .noneMatch(t -> t.startsWith("oci:Dns/"));
    }

    @Test
    void stackOutputsTellUsersHowToReachTheServer() {
        StackRun run = StackRun.up(TestStacks.config("publicIp", "203.0.113.10"));
        assertThat(run.output("publicIp")).isEqualTo("203.0.113.10");
        assertThat(run.output("turnUris")).isEqualTo(List.of("turn:turn.example.com:3478?transport=udp",
                "turn:turn.example.com:3478?transport=tcp"));
        assertThat(run.output("turnsUri")).isEqualTo("turns:turn.example.com:5349?transport=tcp");
        assertThat(run.output("credentialsUrl")).as("the full endpoint URL a client calls")
                .isEqualTo("https://turn.example.com/v1/turn-credentials");
        assertThat(run.output("sshCommand")).isEqualTo("ssh ubuntu@203.0.113.10");
    }

    @Test
    void aStackBeyondTheFreeTierCreatesNothing() {
        StackConfig paid = TestStacks.config("ocpus", 4, "memoryGb", 24);
        StackRun run = StackRun.up(paid);
        assertThat(run.result().exitCode()).as("the program fails").isNotZero();
        assertThat(run.oci().registered()).as("the guard runs before any resource is registered").isEmpty();
        assertThat(String.join("\n", run.result().errors()) + run.result().exceptions())
                .contains("turnkit:ocpus", "2 OCPUs");
    }
}
