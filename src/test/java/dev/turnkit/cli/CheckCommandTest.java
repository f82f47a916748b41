package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.testsupport.CoturnConfigs;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit check} end to end through Main.run against real coturn: exit codes, JSON, table, usage errors. */
class CheckCommandTest {
    static final String SECRET = "cli-test-secret-value";
    @TempDir
    static Path dir;
    static TestCertificates.Pem cert;
    static CoturnServer turn;
    static Path secretFile;

    static MainTest.Result run(String... args) {
        return MainTest.run(args);
    }

    @BeforeAll
    static void start() throws Exception {
        cert = TestCertificates.selfSigned(dir, "turn", 0, 10);
        secretFile = dir.resolve("secret");
        Files.writeString(secretFile, SECRET + "\n");
        turn = CoturnServer.builder().secret(SECRET).ipv6().tls(cert)
                .lines(CoturnConfigs.hardenedPeerRules())
                .lines(CoturnConfigs.loopbackEchoException("127.0.0.2"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (turn != null) {
            turn.close();
        }
    }

    static List<String> base(String... more) {
        List<String> args = new ArrayList<>(List.of("check", "--server", turn.host(), "--port",
                Integer.toString(turn.port()), "--tls-port", Integer.toString(turn.tlsPort()), "--secret-file",
                secretFile.toString(), "--ca-file", cert.cert().toString(), "--tls-server-name", "localhost",
                "--timeout", "15s"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void healthyServerExitsZeroWithOneJsonDocument() throws Exception {
        MainTest.Result r = run(base("--transports", "udp,tcp", "--json").toArray(String[]::new));

        assertThat(r.code()).as(r.out() + r.err() + turn.logTail()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("status").asText()).isEqualTo("OK");
        assertThat(doc.get("checks")).hasSize(7);
        for (JsonNode c : doc.get("checks")) {
            assertThat(c.fieldNames()).toIterable().containsExactly("name", "transport", "status", "durationMs",
                    "detail");
        }
        assertThat(r.out() + r.err()).as("the secret is never printed").doesNotContain(SECRET);
    }

    @Test
    void warningExitsOneAndTheTableNamesTheCause() {
        MainTest.Result r = run(base("--checks", "tls-certificate,stun-binding").toArray(String[]::new));

        assertThat(r.code()).as("a certificate with 10 days left is a WARNING: " + r.out()).isEqualTo(1);
        assertThat(r.out()).contains("STATUS", "CHECK", "TRANSPORT", "DETAIL", "WARNING", "tls-certificate",
                "renewal is overdue", "127.0.0.1: WARNING");
    }

    @Test
    void stackGivesThePortsAndTheCommandLineOverridesTheServer() throws Exception {
        Path stacks = Files.createDirectories(dir.resolve("stacks"));
        // The stack's own ports are the test coturn's; its relay range is kept clear of them.
        Files.writeString(stacks.resolve("Pulumi.dev.yaml"), Files.readString(Path.of("stacks", "Pulumi.dev.yaml"))
                + "  turnkit:listeningPort: " + turn.port() + "\n"
                + "  turnkit:tlsListeningPort: " + turn.tlsPort() + "\n"
                + "  turnkit:relayMinPort: 20000\n  turnkit:relayMaxPort: 20999\n");
        // --server: the stack's domain (turn-dev.example.com) is not this machine, so the test names loopback
        MainTest.Result r = run("check", "--stack", "dev", "--stacks-dir", stacks.toString(), "--server",
                turn.host(), "--secret-file", secretFile.toString(), "--ca-file", cert.cert().toString(),
                "--tls-server-name", "localhost", "--checks", "stun-binding,turn-allocate", "--transports",
                "udp,tls", "--timeout", "15s", "--json");

        assertThat(r.code()).as(r.out() + r.err() + turn.logTail()).isZero();
        assertThat(r.out()).contains("\"status\":\"OK\"");

        MainTest.Result missing = run("check", "--stack", "nope", "--stacks-dir", stacks.toString());
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("Pulumi.nope.yaml: no such stack file", "stacks found: dev");
    }

    @Test
    void wrongPasswordExitsTwo() {
        MainTest.Result r = run("check", "--server", turn.host(), "--port", Integer.toString(turn.port()), "--transports",
                "udp", "--checks", "turn-allocate", "--username", "1:someone", "--password", "not-the-password",
                "--timeout", "15s");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("CRITICAL", "401").doesNotContain("not-the-password");
    }

    @Test
    void aStoppedServerExitsTwo() {
        int port = dev.turnkit.testsupport.ManagedProcess.freePort();
        MainTest.Result r = run("check", "--server", "127.0.0.1", "--port", Integer.toString(port), "--tls-port",
                Integer.toString(port), "--secret-file", secretFile.toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("\"status\":\"CRITICAL\"", "refused");
    }

    @Test
    void badUsageExitsThreeWithOneClearLine() throws Exception {
        MainTest.Result missing = run("check");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("Missing required option: '--server=HOST'");

        MainTest.Result unknownCheck = run("check", "--server", "x", "--checks", "stun-bind");
        assertThat(unknownCheck.code()).isEqualTo(3);
        assertThat(unknownCheck.err().strip()).isEqualTo("turnkit: unknown check 'stun-bind' (known: stun-binding, "
                + "turn-allocate, relay-echo, auth-required, peer-deny-sweep, tls-certificate)");
        assertThat(unknownCheck.out()).isEmpty();

        MainTest.Result transport = run("check", "--server", "x", "--transports", "sctp");
        assertThat(transport.code()).isEqualTo(3);
        assertThat(transport.err()).contains("unknown transport 'sctp'");

        MainTest.Result both = run("check", "--server", "x", "--secret-file", secretFile.toString(), "--username", "u",
                "--password", "p");
        assertThat(both.code()).as("--secret-file and --username/--password exclude each other").isEqualTo(3);

        MainTest.Result noPassword = run("check", "--server", "x", "--username", "u");
        assertThat(noPassword.code()).isEqualTo(3);
        assertThat(noPassword.err()).contains("--password");

        Path empty = Files.createFile(dir.resolve("empty-secret"));
        MainTest.Result emptySecret = run("check", "--server", "x", "--secret-file", empty.toString());
        assertThat(emptySecret.code()).isEqualTo(3);
        assertThat(emptySecret.err()).contains("is empty");

        MainTest.Result timeout = run("check", "--server", "x", "--timeout", "soon");
        assertThat(timeout.code()).isEqualTo(3);
        assertThat(timeout.err()).contains("invalid duration 'soon'");
    }

    @Test
    void durationsParseHowPeopleWriteThem() {
        assertThat(Durations.parse("500ms").toMillis()).isEqualTo(500);
        assertThat(Durations.parse("1.5s").toMillis()).isEqualTo(1500);
        assertThat(Durations.parse("2m").toMillis()).isEqualTo(120_000);
        assertThat(Durations.parse("PT3S").toMillis()).isEqualTo(3000);
    }
}
