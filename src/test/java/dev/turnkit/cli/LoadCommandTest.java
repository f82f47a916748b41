package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.testsupport.CoturnConfigs;
import dev.turnkit.testsupport.CoturnServer;
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
        return new ObjectMapper().readTree(r.out()).get("transports").get("udp");
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
            JsonNode udp = udp(r);
            assertThat(r.code()).as(r.out() + r.err() + turn.logTail()).isZero();
            assertThat(udp.get("callsUp").asInt()).isEqualTo(20);
            assertThat(udp.get("allocationsFailed").asInt()).isZero();
            long sent = udp.get("sent").asLong();
            assertThat(sent).as("20 calls × 50 pps for 3-4 s each").isBetween(20L * 50 * 2, 20L * 50 * 5);
            assertThat(udp.get("receivedByPeer").asLong()).as("callees got every packet").isEqualTo(sent);
            assertThat(udp.get("echoed").asLong()).isEqualTo(sent);
            assertThat(udp.get("receivedBack").asLong()).as("callers got every echo").isEqualTo(sent);
            assertThat(udp.get("loss").asDouble()).isZero();
            assertThat(udp.get("bytesRelayed").asLong()).isEqualTo(2 * sent * 160);
            assertThat(udp.get("rttP50Ms").asDouble()).isPositive()
                    .isLessThanOrEqualTo(udp.get("rttP99Ms").asDouble());
            assertThat(r.err()).as("a progress line on stderr").contains("calls up");
        }
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
