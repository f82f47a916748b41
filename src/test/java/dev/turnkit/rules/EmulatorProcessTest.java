package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator process's lifecycle, with small real processes in place of the emulator jar. */
class EmulatorProcessTest {
    @TempDir
    Path dir;

    @Test
    void aProcessThatExitsBeforeItServesFailsWithItsExitCodeAndLastLogLines() {
        Path log = dir.resolve("e.log");
        EmulatorProcess p = EmulatorProcess.start("the test emulator",
                List.of("/bin/sh", "-c", "for i in 1 2 3 4 5 6 7; do echo line$i; done; exit 3"), log);
        assertThatThrownBy(() -> p.awaitReady(Duration.ofSeconds(20), () -> false))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).isEqualTo("the test emulator exited with 3 before it was ready; log "
                            + log + ": line3 | line4 | line5 | line6 | line7");
                });
    }

    @Test
    void readinessIsPolledAndATimeoutSaysHowLong() throws Exception {
        EmulatorProcess p = EmulatorProcess.start("the test emulator", List.of("/bin/sleep", "30"),
                dir.resolve("s.log"));
        try {
            int[] polls = {0};
            p.awaitReady(Duration.ofSeconds(10), () -> ++polls[0] == 3);
            assertThat(polls[0]).isEqualTo(3);
            assertThatThrownBy(() -> p.awaitReady(Duration.ofMillis(300), () -> false))
                    .hasMessageStartingWith("the test emulator was not ready after 0 s; log ");
        } finally {
            p.stop();
        }
        assertThat(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)).as("stopped by PID")
                .isFalse();
    }

    @Test
    void aProgramThatCannotStartIsBadInput() {
        assertThatThrownBy(() -> EmulatorProcess.start("the test emulator",
                List.of(dir.resolve("missing").toString()), dir.resolve("m.log")))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("cannot start the test emulator: ");
                });
    }

    @Test
    void theFirestoreCommandLineRunsTheJarOnTheGivenAddressAndProject() {
        FirestoreEmulator.Options options = FirestoreEmulator.Options.defaults().withJar(Path.of("/opt/fs.jar"))
                .withProjectId("demo-x");
        List<String> command = FirestoreEmulator.command(options, 9099);
        assertThat(Files.isExecutable(Path.of(command.get(0)))).as("this JVM's java").isTrue();
        assertThat(command.subList(1, command.size())).containsExactly("-Duser.language=en", "-cp", "/opt/fs.jar",
                FirestoreEmulator.MAIN_CLASS, "start", "--host", "127.0.0.1", "--port", "9099", "--project_id",
                "demo-x");
    }
}
