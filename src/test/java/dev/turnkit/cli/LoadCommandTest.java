package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.testsupport.CoturnConfigs;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit load} against real coturn on loopback: every packet accounted for, and quota failures counted. */
class LoadCommandTest {
    static final String SECRET = "load-test-secret-value";
    @TempDir
    Path dir;

    private JsonNode udp(MainTest.Result r) throws Exception {
        return transport(r, "udp");
    }

    private static JsonNode transport(MainTest.Result r, String id) throws Exception {
        JsonNode node = new ObjectMapper().readTree(r.out()).get("transports").get(id);
        assertThat(node).as("a result for " + id + " in " + r.out() + r.err()).isNotNull();
        return node;
    }

    /** Every call up, nothing lost, and what the callers sent = what the callees got = what they echoed = echoes. */
    private static void assertEveryPacketAccountedFor(JsonNode t, int calls, String what) {
        assertThat(t.get("callsUp").asInt()).as(what).isEqualTo(calls);
        assertThat(t.get("allocationsFailed").asInt()).as(what).isZero();
        assertThat(t.get("failures").size()).as(what + ": " + t.get("failures")).isZero();
        long sent = t.get("sent").asLong();
        // at most 4 s of 50 pps per call; fewer where a call came up late (cold TLS handshakes on a busy machine
        // can take seconds, and the media time counts from the first call up)
        assertThat(sent).as(what + ": " + calls + " calls × 50 pps for up to 4 s each").isBetween((long) calls,
                calls * 50L * 4 + calls);
        assertThat(t.get("receivedByPeer").asLong()).as(what + ": callees got every packet").isEqualTo(sent);
        assertThat(t.get("echoed").asLong()).as(what).isEqualTo(sent);
        assertThat(t.get("receivedBack").asLong()).as(what + ": callers got every echo").isEqualTo(sent);
        assertThat(t.get("loss").asDouble()).as(what).isZero();
        assertThat(t.get("bytesRelayed").asLong()).as(what).isEqualTo(2 * sent * 160);
        assertThat(t.get("rttP50Ms").asDouble()).as(what).isPositive()
                .isLessThanOrEqualTo(t.get("rttP99Ms").asDouble());
    }

    private CoturnServer.Builder coturn() {
        return CoturnServer.builder().secret(SECRET).lines(CoturnConfigs.hardenedPeerRules())
                .lines(CoturnConfigs.loopbackEchoException("127.0.0.2"));
    }

    @Test
    void twentyCallsAllSucceedWithoutLossAndTheCountsAddUpOnBothSides() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        try (CoturnServer turn = coturn().start()) {
            MainTest.Result r = MainTest.run("load", "--server", "127.0.0.1", "--port", Integer.toString(turn.port()),
                    "--secret-file", secret.toString(), "--calls", "20", "--duration", "4s", "--ramp-up", "1s",
                    "--json");
            assertThat(r.code()).as(r.out() + r.err() + turn.logTail()).isZero();
            assertEveryPacketAccountedFor(udp(r), 20, "udp");
            assertThat(r.err()).as("a progress line on stderr").contains("load udp:").contains("calls up");
        }
    }

    @Test
    void overTcpAndTlsTwentyCallsEachAllSucceedWithoutLossAndTheCountsAddUp() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (CoturnServer turn = coturn().tls(cert).start()) {
            MainTest.Result r = MainTest.run("load", "--server", "127.0.0.1", "--port", Integer.toString(turn.port()),
                    "--tls-port", Integer.toString(turn.tlsPort()), "--ca-file", cert.cert().toString(),
                    "--tls-server-name", "localhost", "--secret-file", secret.toString(), "--calls", "20",
                    "--duration", "4s", "--ramp-up", "1s", "--transport", "tcp,tls", "--json");
            assertThat(r.code()).as(r.out() + r.err() + turn.logTail()).isZero();
            assertEveryPacketAccountedFor(transport(r, "tcp"), 20, "tcp");
            assertEveryPacketAccountedFor(transport(r, "tls"), 20, "tls");
            assertThat(new ObjectMapper().readTree(r.out()).get("transports").size()).as("only the two asked for")
                    .isEqualTo(2);
            assertThat(r.err()).contains("load tcp:").contains("load tls:");
            String log = Files.readString(turn.directory().resolve("turnserver.log"));
            assertThat(log).as("coturn saw the allocations over TCP and over TLS").contains("TCP").contains("TLS");
        }
    }

    @Test
    void tlsToAServerWhoseCertificateIsNotTrustedFailsEveryAllocationAndSaysWhy() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (CoturnServer turn = coturn().tls(cert).start()) {
            MainTest.Result r = MainTest.run("load", "--server", "127.0.0.1", "--tls-port",
                    Integer.toString(turn.tlsPort()), "--tls-server-name", "localhost", "--secret-file",
                    secret.toString(), "--calls", "2", "--duration", "2s", "--ramp-up", "1s", "--transport", "tls");
            assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.out()).contains("tls: 0/2 calls up, 2 allocations failed")
                    .contains("certificate chain not trusted");
        }
    }

    @Test
    void anUnknownTransportIsBadUsage() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        MainTest.Result r = MainTest.run("load", "--server", "127.0.0.1", "--secret-file", secret.toString(),
                "--transport", "udp,sctp");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("unknown transport 'sctp' (expected udp, tcp or tls)");
    }

    @Test
    void quotaFailuresAreCountedAndTheExitCodeSaysSo() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        try (CoturnServer turn = coturn().line("total-quota=10").start()) {
            MainTest.Result r = MainTest.run("load", "--server", "127.0.0.1", "--port", Integer.toString(turn.port()),
                    "--secret-file", secret.toString(), "--calls", "8", "--duration", "3s", "--ramp-up", "2s",
                    "--json");
            JsonNode udp = udp(r);
            assertThat(r.code()).as("failed allocations pass --max-failed 0: " + r.out() + r.err()).isEqualTo(2);
            assertThat(udp.get("callsUp").asInt()).as("10 allocations = 5 calls (set up one after another: the "
                    + "ramp-up spaces them 250 ms apart)").isEqualTo(5);
            assertThat(udp.get("allocationsFailed").asInt()).isEqualTo(3);
            assertThat(udp.get("failures").toString()).contains("486");
            assertThat(udp.get("loss").asDouble()).as("the calls that are up lose nothing").isZero();
        }
        // a fresh server: coturn may hold the released allocations' quota for a moment
        try (CoturnServer turn = coturn().line("total-quota=10").start()) {
            MainTest.Result tolerant = MainTest.run("load", "--server", "127.0.0.1", "--port",
                    Integer.toString(turn.port()), "--secret-file", secret.toString(), "--calls", "8", "--duration",
                    "3s", "--ramp-up", "2s", "--max-failed", "3");
            assertThat(tolerant.code()).as(tolerant.out() + tolerant.err()).isZero();
            assertThat(tolerant.out()).contains("5/8 calls up, 3 allocations failed");
        }
    }
}
