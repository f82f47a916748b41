package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.testsupport.CoturnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit check --watch} as a real process: a line per run, the textfile, and SIGTERM between runs. */
class CheckWatchProcessTest {
    static final String SECRET = "watch-process-secret";
    @TempDir
    Path dir;

    @Test
    void printsALinePerRunWritesTheTextfileAndStopsCleanlyOnSigterm() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, SECRET + "\n");
        Path prom = dir.resolve("turnkit.prom");
        Path out = dir.resolve("stdout.log");
        Path err = dir.resolve("stderr.log");
        try (CoturnServer turn = CoturnServer.builder().secret(SECRET).start()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "check", "--server", "127.0.0.1",
                    "--port", Integer.toString(turn.port()), "--transports", "udp", "--checks",
                    "stun-binding,turn-allocate", "--secret-file", secret.toString(), "--watch", "1s", "--timeout",
                    "1s", "--prometheus", prom.toString()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                Instant deadline = Instant.now().plusSeconds(60);
                while (Files.readAllLines(out).size() < 3 && p.isAlive() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                }
                assertThat(Files.readAllLines(out)).as(Files.readString(err)).hasSizeGreaterThanOrEqualTo(3);
                assertThat(Files.readString(prom)).contains("turnkit_check_run_status{server=\"127.0.0.1\"} 0");

                p.destroy(); // SIGTERM, by PID
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stops within 20 s of SIGTERM").isTrue();
            } finally {
                p.destroyForcibly();
            }
            assertThat(p.exitValue()).as("the JVM's SIGTERM status, listed in the unit's SuccessExitStatus")
                    .isEqualTo(143);
            List<String> lines = Files.readAllLines(out);
            assertThat(lines).allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z OK 2 checks in \\d+ ms"));
            String log = Files.readString(err);
            assertThat(log).contains("watching 127.0.0.1 every 1.0 s", "watch stopped after " + lines.size()
                    + " runs").doesNotContain(SECRET);
        }
    }

    @Test
    void anAlertWebhookWithoutWatchIsBadUsage() {
        MainTest.Result r = MainTest.run("check", "--server", "127.0.0.1", "--alert-webhook",
                "https://hooks.example.test/T/B/x");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--alert-webhook needs --watch INTERVAL");
    }

    @Test
    void aWatchIntervalShorterThanTheTimeoutIsBadUsage() {
        MainTest.Result r = MainTest.run("check", "--server", "127.0.0.1", "--watch", "1s", "--timeout", "2s");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("runs would overlap");
    }
}
