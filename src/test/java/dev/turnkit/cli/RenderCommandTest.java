package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.cli.MainTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static Result run(String... args) {
        return MainTest.run(args);
    }

    private static final String SECRET = "cli-test-secret-0123456789abcdef";

    @TempDir
    Path project;
    Path stacks;
    Path out;
    String devYaml;

    @BeforeEach
    void copyExampleStack() throws IOException {
        stacks = Files.createDirectories(project.resolve("stacks"));
        out = project.resolve("out");
        devYaml = Files.readString(Path.of("stacks", "Pulumi.dev.yaml"));
        Files.writeString(stacks.resolve("Pulumi.dev.yaml"), devYaml);
        Path secret = project.resolve(".turnkit/dev/turn-secret");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, SECRET + "\n");
    }

    Result render(String... extra) {
        String[] base = {"render", "--stack", "dev", "--out", out.toString(), "--stacks-dir", stacks.toString()};
        return run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
    }

    Result renderVariant(String from, String to) throws IOException {
        assertThat(devYaml).as("the example stack has the line the test changes").contains(from);
        Files.writeString(stacks.resolve("Pulumi.dev.yaml"), devYaml.replace(from, to));
        return render();
    }

    void assertBadConfig(Result r, String... lines) {
        assertThat(r.code()).as("bad stack config is UNKNOWN (3)").isEqualTo(3);
        assertThat(r.err()).contains(lines);
        assertThat(r.out()).isEmpty();
        assertThat(out).as("nothing is written when the config is bad").doesNotExist();
    }

    @Test
    void writesEveryHostFileWithSecretsRedacted() throws IOException {
        Result r = render();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("secrets redacted", "/etc/turnserver.conf", "/usr/local/sbin/turnkit-firewall");
        String conf = Files.readString(out.resolve("etc/turnserver.conf"));
        assertThat(conf).as("coturn reads the secrets from its userdb").contains("userdb=/var/lib/turn/turndb")
                .doesNotContain("static-auth-secret").doesNotContain(SECRET);
        assertThat(Files.readString(out.resolve("etc/turnkit/turn-secret")))
                .isEqualTo("REDACTED-turnkit:turnSecretFile\n");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)).as("no file carries the real secret")
                    .allSatisfy(p -> assertThat(Files.readString(p)).doesNotContain(SECRET));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("etc/turnkit/turn-secret"))))
                .as("secret files keep their host mode").isEqualTo("rw-------");
        assertThat(Files.isExecutable(out.resolve("usr/local/sbin/turnkit-firewall"))).isTrue();
        assertThat(r.err()).as("old coturn on ARM64 is a warning").contains("warning: turnkit:coturnVersion");
    }

    @Test
    void includeSecretsReadsTheSecretFile() throws IOException {
        Result r = render("--include-secrets");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("etc/turnserver.conf"))).doesNotContain(SECRET);
        assertThat(Files.readString(out.resolve("etc/turnkit/turn-secret"))).isEqualTo(SECRET + "\n");
        assertThat(r.out()).contains("secrets INCLUDED");
    }

    @Test
    void includeSecretsWithAMissingFileWritesNothing() throws IOException {
        Files.delete(project.resolve(".turnkit/dev/turn-secret"));
        assertBadConfig(render("--include-secrets"), "turnkit:turnSecretFile:", "does not exist");
    }

    @Test
    void addressOverridesForPreviews() throws IOException {
        Result r = render("--public-ip", "198.51.100.44", "--private-ip", "10.0.0.44");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("etc/turnserver.conf")))
                .contains("external-ip=198.51.100.44/10.0.0.44", "relay-ip=10.0.0.44");
        deleteOut();
        assertBadConfig(render("--public-ip", "10.9.9.9"), "turnkit:publicIp: 10.9.9.9");
    }

    @Test
    void jsonListsTheFiles() throws IOException {
        Result r = render("--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("stack").asText()).isEqualTo("dev");
        assertThat(doc.get("secretsIncluded").asBoolean()).isFalse();
        assertThat(doc.get("files")).as("the check service is one long-lived watch (no timer); the userdb sync script")
                .hasSize(11);
        assertThat(doc.get("files").get(0).get("path").asText()).as("first: a deploy runs it before any restart")
                .isEqualTo("/usr/local/sbin/turnkit-sync-secrets");
        assertThat(doc.get("files").get(1).get("path").asText()).isEqualTo("/etc/turnserver.conf");
        assertThat(doc.get("files").get(1).get("secret").asBoolean()).as("the secrets are in coturn's userdb")
                .isFalse();
        assertThat(Path.of(doc.get("files").get(1).get("written").asText())).exists();
    }

    @Test
    void unknownShape() throws IOException {
        assertBadConfig(renderVariant("turnkit:shape: VM.Standard.A1.Flex", "turnkit:shape: VM.Standard.E5.Flex"),
                "turnkit: turnkit:shape: 'VM.Standard.E5.Flex' — allowed: VM.Standard.A1.Flex | "
                        + "VM.Standard.E2.1.Micro");
    }

    @Test
    void portClash() throws IOException {
        assertBadConfig(renderVariant("turnkit:credentialsMaxTtl: 3600",
                "turnkit:credentialsMaxTtl: 3600\n  turnkit:credentialsPort: 3478"),
                "turnkit:credentialsPort: 3478 — clashes with turnkit:listeningPort");
    }

    @Test
    void relayRangeOverlap() throws IOException {
        assertBadConfig(renderVariant("turnkit:credentialsMaxTtl: 3600",
                "turnkit:credentialsMaxTtl: 3600\n  turnkit:relayMinPort: 5000\n  turnkit:relayMaxPort: 6000"),
                "overlaps turnkit:tlsListeningPort 5349");
    }

    @Test
    void badCidr() throws IOException {
        assertBadConfig(renderVariant("turnkit:subnetCidr: 10.0.0.0/24", "turnkit:subnetCidr: 10.0.0/24"),
                "turnkit:subnetCidr: '10.0.0/24' — expected an IPv4 CIDR");
    }

    @Test
    void missingDomain() throws IOException {
        assertBadConfig(renderVariant("  turnkit:domain: turn-dev.example.com\n", ""),
                "turnkit: turnkit:domain: missing — the TURN server's DNS name");
    }

    @Test
    void severalProblemsAreOneLineEachPlusASummary() throws IOException {
        Files.writeString(stacks.resolve("Pulumi.dev.yaml"), devYaml
                .replace("  turnkit:domain: turn-dev.example.com\n", "")
                .replace("turnkit:shape: VM.Standard.A1.Flex", "turnkit:shape: Huge")
                .replace("turnkit:privateIp: 10.0.0.10", "turnkit:privateIp: 10.0.5.10"));
        Result r = render();
        assertBadConfig(r, "turnkit: turnkit:domain: missing", "turnkit: turnkit:shape: 'Huge'",
                "turnkit: turnkit:privateIp: 10.0.5.10 — must lie inside turnkit:subnetCidr 10.0.0.0/24",
                "Pulumi.dev.yaml: 3 problems, nothing written");
        assertThat(r.err().lines()).hasSize(4);
    }

    @Test
    void missingStackFileNamesTheStacksFound() {
        Result r = run("render", "--stack", "staging", "--out", out.toString(), "--stacks-dir", stacks.toString());
        assertBadConfig(r, "Pulumi.staging.yaml: no such stack file — stacks found: dev");
    }

    @Test
    void pulumiSecretCannotBeIncluded() throws IOException {
        Result r = renderVariant("turnkit:turnSecretFile: .turnkit/dev/turn-secret",
                "turnkit:turnSecret:\n    secure: v1:abc:def");
        assertThat(r.code()).as("redacted render works with a Pulumi secret: " + r.err()).isZero();
        Files.writeString(stacks.resolve("Pulumi.dev.yaml"), devYaml.replace(
                "turnkit:turnSecretFile: .turnkit/dev/turn-secret", "turnkit:turnSecret:\n    secure: v1:abc:def"));
        deleteOut();
        assertBadConfig(render("--include-secrets"), "turnkit:turnSecret: a Pulumi secret — turnkit never decrypts it");
    }

    private void deleteOut() throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
