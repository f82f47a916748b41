package dev.turnkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {
    @TempDir
    Path dir;

    @Test
    void stopsWhatItStartedNewestFirstByPid() {
        ManagedChild a;
        ManagedChild b;
        try (Supervisor sup = new Supervisor()) {
            a = sup.start("a", List.of("sleep", "60"), dir, dir.resolve("a.log"), Map.of());
            b = sup.start("b", List.of("sleep", "60"), dir, dir.resolve("b.log"), Map.of());
            assertThat(a.live()).as("a is running").isPresent();
            assertThat(b.live()).as("b is running").isPresent();
        }
        assertThat(a.live()).as("a stopped on close").isEmpty();
        assertThat(b.live()).as("b stopped on close").isEmpty();
    }

    @Test
    void aRecordWithAnotherStartTimeIsNotOurProcess() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            ManagedChild stale = new ManagedChild("stale", other.pid(), Instant.parse("2001-01-01T00:00:00Z"),
                    List.of("sleep"), "x.log");
            assertThat(stale.live()).as("a reused PID is never taken for our child").isEmpty();
            assertThat(Supervisor.stop(stale)).isFalse();
            assertThat(other.isAlive()).as("the unrelated process survives").isTrue();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void readinessFailureShowsTheLogTail() {
        try (Supervisor sup = new Supervisor()) {
            ManagedChild c = sup.start("broken", List.of("sh", "-c", "echo 'bad config line 3'; exit 1"), dir,
                    dir.resolve("broken.log"), Map.of());
            assertThatThrownBy(() -> sup.awaitReady(c, Duration.ofSeconds(5), () -> false))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("broken exited before it was ready")
                    .hasMessageContaining("bad config line 3");
        }
    }

    @Test
    void missingProgramIsAClearError() {
        try (Supervisor sup = new Supervisor()) {
            assertThatThrownBy(() -> sup.start("ghost", List.of("/nonexistent/turnserver"), dir,
                    dir.resolve("g.log"), Map.of()))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageStartingWith("cannot start ghost (/nonexistent/turnserver)");
        }
    }

    @Test
    void stateFileRoundTripsAndDownStopsTheRecordedProcesses() throws Exception {
        Supervisor sup = new Supervisor();
        ManagedChild c = sup.start("sleeper", List.of("sleep", "60"), dir, dir.resolve("s.log"), Map.of());
        sup.release();
        LocalEndpoints endpoints = new LocalEndpoints("demo-turnkit", new LocalEndpoints.Turn("127.0.0.1", 3478, 5349,
                "turnkit.local", List.of("stun:127.0.0.1:3478"), "49152-49251", "s", "ca", "conf"), null, null,
                new LocalEndpoints.Credentials("http://127.0.0.1:8088/v1/turn-credentials"), null, dir.toString(),
                dir.resolve("logs").toString());
        StateFile.write(dir, List.of(c), endpoints);

        StateFile.State state = StateFile.read(dir).orElseThrow();
        assertThat(state.children()).containsExactly(c);
        assertThat(state.endpoints()).as("typed endpoints round-trip through Jackson").isEqualTo(endpoints);
        assertThat(Files.getPosixFilePermissions(dir.resolve("state.json")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        assertThat(Supervisor.stop(state.children().get(0))).as("stopped by the recorded PID").isTrue();
        assertThat(c.live()).isEmpty();
        StateFile.delete(dir);
        assertThat(Files.exists(dir.resolve("state.json"))).isFalse();
        assertThat(StateFile.read(dir)).isEmpty();
    }
}
