package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit plan}: the stack program offline, through {@link Main#run}. */
class PlanCommandTest {
    @TempDir
    Path stacks;

    /** The Pulumi project directory: its target/turnkit.jar is what the stack uploads without a release. */
    @TempDir
    Path project;

    @BeforeEach
    void laptopBuild() throws IOException {
        Files.createDirectories(project.resolve("target"));
        Files.writeString(project.resolve("target/turnkit.jar"), "PK laptop build");
    }

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
        List<String> args = new ArrayList<>(List.of("plan", "--stack", stack, "--stacks-dir", stacks.toString(),
                "--project-dir", project.toString()));
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
    void withoutAReleaseThePlanListsTheUploadOfTheLaptopBuild() throws IOException {
        stackFile("dev");
        MainTest.Result r = plan("dev");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("oci:ObjectStorage/bucket:Bucket  turnkit-dev-jar-bucket",
                "accessType=NoPublicAccess",
                "oci:ObjectStorage/storageObject:StorageObject  turnkit-dev-jar-object",
                "source=" + project.resolve("target/turnkit.jar").toAbsolutePath(),
                "oci:ObjectStorage/preauthrequest:Preauthrequest  turnkit-dev-jar-url-",
                "accessType=ObjectRead", "objectName=turnkit.jar",
                "timeExpires=<time of pulumi up + turnkit:turnkitJarUploadMinutes>",
                "turnkit.jar: uploads " + project.resolve("target/turnkit.jar").toAbsolutePath());
    }

    @Test
    void aReleaseIsDownloadedAndNothingIsUploaded() throws IOException {
        stackFile("rel", "  turnkit:turnkitJarUrl: https://example.com/v1/turnkit.jar",
                "  turnkit:turnkitJarSha256: \"" + "ab".repeat(32) + "\"");
        Files.delete(project.resolve("target/turnkit.jar"));
        MainTest.Result r = plan("rel");
        assertThat(r.code()).as("a release needs no build: " + r.err()).isZero();
        assertThat(r.out()).doesNotContain("oci:ObjectStorage")
                .contains("turnkit.jar: the VM downloads https://example.com/v1/turnkit.jar");
    }

    /** Serves {@code body} as the v1.2.3 release's turnkit.jar.sha256 of acme/turnkit on a loopback port. */
    private static HttpServer releaseServer(String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/acme/turnkit/releases/download/v1.2.3/turnkit.jar.sha256", x -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, bytes.length);
            try (var out = x.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static String base(HttpServer server) {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @Test
    void aReleaseByVersionUsesTheChecksumOfTheReleaseAndUploadsNothing() throws IOException {
        String sha = "cd".repeat(32);
        stackFile("ver", "  turnkit:turnkitVersion: \"1.2.3\"", "  turnkit:turnkitReleaseRepo: acme/turnkit");
        Files.delete(project.resolve("target/turnkit.jar"));
        HttpServer server = releaseServer(sha + "  turnkit.jar\n");
        try {
            MainTest.Result r = plan("ver", "--release-base-url", base(server));
            assertThat(r.code()).as("a release needs no build: " + r.err()).isZero();
            assertThat(r.out()).doesNotContain("oci:ObjectStorage").contains("turnkit.jar: the VM downloads"
                    + " https://github.com/acme/turnkit/releases/download/v1.2.3/turnkit.jar and runs it only if its"
                    + " SHA-256 is " + sha + " (from turnkit.jar.sha256 of the release)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBadChecksumFileIsBadInputWithOneLineNamingTheUrlAndNoPlan() throws IOException {
        stackFile("ver", "  turnkit:turnkitVersion: \"1.2.3\"", "  turnkit:turnkitReleaseRepo: acme/turnkit");
        HttpServer server = releaseServer("<html>moved</html>\n");
        try {
            MainTest.Result r = plan("ver", "--json", "--release-base-url", base(server));
            assertThat(r.code()).as("bad input (3)").isEqualTo(3);
            assertThat(r.out()).as("no plan printed").isEmpty();
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("turnkit: turnkit:turnkitVersion: " + base(server)
                    + "/acme/turnkit/releases/download/v1.2.3/turnkit.jar.sha256 is not a sha256sum line")
                    .contains("first field is not 64 lowercase hex digits");
            assertThat(project.resolve("target").toFile().list()).as("no side effects")
                    .containsExactly("turnkit.jar");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutAReleaseOrABuildThePlanIsBadInputWithOneLine() throws IOException {
        stackFile("dev");
        Files.delete(project.resolve("target/turnkit.jar"));
        MainTest.Result r = plan("dev", "--json");
        assertThat(r.code()).as("bad input (3)").isEqualTo(3);
        assertThat(r.out()).as("no plan printed").isEmpty();
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("turnkit: " + project.resolve("target/turnkit.jar").toAbsolutePath()
                + " not found").contains("mvn -B -DskipTests package", "turnkit:turnkitJarUrl");
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
    void theFirebaseSideIsPlannedWithTheGcpResourcesAndTheFreePlanVerdict() throws IOException {
        stackFile("fb", "  turnkit:firestoreLocation: eur3");
        MainTest.Result r = plan("fb");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("gcp:firestore/database:Database  turnkit-fb-signaling-firestore",
                "gcp:firestore/index:Index", "gcp:identityplatform/config:Config", "gcp:firebase/webApp:WebApp",
                "Firebase: free plan (Spark)", "TTL policies off: TTL deletes need billing",
                "firebaseWebConfig = ", "firebaseProjectId = example-webrtc-dev")
                .doesNotContain("gcp:firestore/field:Field");

        MainTest.Result json = plan("fb", "--json");
        assertThat(json.out()).contains("\"verdict\" : \"free plan (Spark)\"", "\"billingOptions\" : [ ]");
    }

    @Test
    void billingOptionsAreOptInAndReportedByPlan() throws IOException {
        stackFile("paid", "  turnkit:firestoreLocation: eur3", "  turnkit:gcpBilling: true",
                "  turnkit:firestorePointInTimeRecovery: true");
        MainTest.Result r = plan("paid");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Firebase: billing (Blaze)",
                "billing-only: turnkit:firestorePointInTimeRecovery: PITR data is billed",
                "turnkit-paid-signaling-ttl-webrtc-sessions", "turnkit-paid-signaling-ttl-ice-candidates");
    }

    @Test
    void badFirebaseConfigGetsOneClearErrorEachAndExit3() throws IOException {
        Map<String, String[]> cases = Map.of(
                "turnkit:firebaseProjectId: missing", new String[] {"  turnkit:firestoreLocation: eur3",
                    "  turnkit:firebaseProjectId: ''"},
                "turnkit:firestoreLocation: 'europe-west99' — not a Firestore location",
                        new String[] {"  turnkit:firestoreLocation: europe-west99"},
                "turnkit:firestorePointInTimeRecovery: PITR data is billed — billing-only: set turnkit:gcpBilling",
                        new String[] {"  turnkit:firestoreLocation: eur3",
                            "  turnkit:firestorePointInTimeRecovery: true"},
                "turnkit:firestoreDatabase calls: only the (default) database has a free quota — billing-only",
                        new String[] {"  turnkit:firestoreLocation: eur3", "  turnkit:firestoreDatabase: calls"},
                "turnkit:signInProviders: set only with turnkit:firestoreLocation",
                        new String[] {"  turnkit:signInProviders: [anonymous]"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            stackFile("bad", c.getValue());
            MainTest.Result r = plan("bad");
            assertThat(r.code()).as(c.getKey()).isEqualTo(3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains(c.getKey());
        }
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
            MainTest.Result r = MainTest.run("plan", "--stack", stack, "--stacks-dir", "stacks", "--json",
                    "--project-dir", project.toString());
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
