package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit plan}: the stack program offline, through {@link Main#run}. */
class PlanCommandTest {
    @TempDir
    Path stacks;

    private void stackFile(String name, String... extraLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "config:",
                "  oci:region: eu-frankfurt-1",
                "  turnkit:domain: turn.example.com",
                "  turnkit:privateIp: 10.0.0.10",
                "  turnkit:shape: VM.Standard.A1.Flex",
                "  turnkit:bootVolumeGb: 50",
                "  turnkit:adminSshCidr: 198.51.100.7/32",
                "  turnkit:acmeEmail: ops@example.com",
                "  turnkit:sshPublicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForDocumentation0000000000 ops@example",
                "  turnkit:firebaseProjectId: example-webrtc-dev",
                "  turnkit:turnSecretFile: .turnkit/test/turn-secret",
                "  turnkit:compartmentId: ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexample",
                "  turnkit:availabilityDomains:",
                "    - Uocm:EU-FRANKFURT-1-AD-1",
                "    - Uocm:EU-FRANKFURT-1-AD-2"));
        lines.addAll(List.of(extraLines));
        Files.write(stacks.resolve("Pulumi." + name + ".yaml"), lines, StandardCharsets.UTF_8);
    }

    private MainTest.Result plan(String stack, String... more) {
        List<String> args = new ArrayList<>(List.of("plan", "--stack", stack, "--stacks-dir", stacks.toString()));
        args.addAll(List.of(more));
        return MainTest.run(args.toArray(String[]::new));
    }

    @Test
    void jsonIsParseableAndTheSameOnEveryRun() throws IOException {
        stackFile("dev", "  turnkit:ocpus: 2", "  turnkit:memoryGb: 12", "  turnkit:dnsZone: example.com");
        MainTest.Result first = plan("dev", "--json");
        MainTest.Result second = plan("dev", "--json");

        assertThat(first.code()).as("a free, valid stack plans with exit 0: " + first.err()).isZero();
        assertThat(second.out()).as("same stack, same plan, byte for byte").isEqualTo(first.out());
        JsonNode doc = new ObjectMapper().readTree(first.out());
        assertThat(doc.path("stack").asText()).isEqualTo("dev");
        assertThat(doc.path("verdict").asText()).isEqualTo("ok");
        assertThat(doc.path("freeTier").path("verdict").asText()).isEqualTo("free");
        List<String> types = new ArrayList<>();
        doc.path("resources").forEach(r -> types.add(r.path("type").asText()));
        assertThat(types).contains("oci:Core/vcn:Vcn", "oci:Core/instance:Instance", "oci:Core/publicIp:PublicIp",
                "oci:Dns/rrset:Rrset", "turnkit:index:TurnHost");
        List<String> names = new ArrayList<>();
        doc.path("resources").forEach(r -> names.add(r.path("name").asText()));
        assertThat(names).as("resources sorted by name").isSorted();
        List<String> keys = new ArrayList<>();
        doc.path("firewall").forEach(r -> keys.add(r.path("key").asText()));
        assertThat(keys).as("firewall sorted by key").isSorted().contains("ssh", "relay-udp", "relay-udp-egress");
        assertThat(doc.path("outputs").path("turnsUri").asText()).isEqualTo("turns:turn.example.com:5349?transport=tcp");
        JsonNode vm = null;
        for (JsonNode r : doc.path("resources")) {
            if (r.path("type").asText().equals("oci:Core/instance:Instance")) {
                vm = r.path("inputs");
            }
        }
        assertThat(vm).isNotNull();
        assertThat(vm.path("shapeConfig").path("ocpus").asInt()).isEqualTo(2);
        assertThat(vm.path("metadata").path("user_data").asText()).as("user data summarised, never printed")
                .startsWith("cloud-init, ").contains("sha256");
        assertThat(first.out()).as("secrets are never read by plan").doesNotContain("test-turn-secret");
    }

    @Test
    void theTableShowsResourcesFirewallAndVerdict() throws IOException {
        stackFile("dev");
        MainTest.Result r = plan("dev");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("turnkit-dev-vm", "oci:Core/networkSecurityGroupSecurityRule", "Cloud firewall",
                "ssh", "198.51.100.7/32", "Free tier: free", "publicIpAttached = true");
    }

    @Test
    void aStackBeyondTheFreeTierIsAPolicyViolationWithExit2() throws IOException {
        stackFile("big", "  turnkit:ocpus: 4", "  turnkit:memoryGb: 24", "  turnkit:allowPaid: false");
        MainTest.Result r = plan("big", "--json");
        assertThat(r.code()).as("policy violation is CRITICAL (2)").isEqualTo(2);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("verdict").asText()).isEqualTo("policy-violation");
        assertThat(doc.path("resources").size()).as("nothing would be created").isZero();
        List<String> keys = new ArrayList<>();
        doc.path("freeTier").path("violations").forEach(v -> keys.add(v.path("key").asText()));
        assertThat(keys).containsExactly("turnkit:ocpus", "turnkit:memoryGb");
        assertThat(r.err()).startsWith("turnkit: plan refused: turnkit:ocpus: 4")
                .contains("allowance of 2 OCPUs").hasLineCount(1);
    }

    @Test
    void allowPaidLetsTheSameStackPlan() throws IOException {
        stackFile("big", "  turnkit:ocpus: 4", "  turnkit:memoryGb: 24", "  turnkit:allowPaid: true");
        MainTest.Result r = plan("big", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).path("freeTier").path("verdict").asText())
                .isEqualTo("paid (allowed by turnkit:allowPaid)");
    }

    @Test
    void badConfigIsUnknownWithExit3AndNoPlan() throws IOException {
        stackFile("bad", "  turnkit:adminSshCidr: 0.0.0.0/0");
        MainTest.Result r = plan("bad", "--json");
        assertThat(r.code()).as("bad config is UNKNOWN (3)").isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("turnkit: ").contains("turnkit:adminSshCidr");
    }

    @Test
    void aMissingStackFileSaysWhereItLooked() {
        MainTest.Result r = plan("nope");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("Pulumi.nope.yaml: no such stack file");
    }

    @Test
    void theExampleStacksOfTheRepositoryPlanCleanly() {
        for (String stack : List.of("dev", "prod")) {
            MainTest.Result r = MainTest.run("plan", "--stack", stack, "--stacks-dir", "stacks", "--json");
            assertThat(r.code()).as("stacks/Pulumi." + stack + ".yaml plans (what the CI plan job runs): " + r.err())
                    .isZero();
        }
    }

    @Test
    void otherCommandsDoNotLoadThePulumiSdk() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--help").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the CLI exits").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(output).as("the CLI ran").contains("dev.turnkit.cli.PlanCommand");
        assertThat(output).as("no Pulumi class is loaded unless plan runs").doesNotContain("com.pulumi.");
    }
}
