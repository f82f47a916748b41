package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.testsupport.ManagedProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit credentials serve} as a real process: serves until SIGTERM, then stops cleanly with its log flushed. */
class CredentialsServeProcessTest {
    private static final Pattern SERVING = Pattern.compile("serving (http://127\\.0\\.0\\.1:[0-9]+)/v1/turn-credentials");

    @TempDir
    Path dir;

    @Test
    void servesUntilSigtermAndExitsCleanly() throws Exception {
        Path secret = dir.resolve("turn-secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "credentials", "serve", "--port", "0",
                "--project", "demo-turnkit-process", "--turn-host", "turn.example.test", "--secret-file",
                secret.toString()))
                .redirectOutput(dir.resolve("stdout.log").toFile()).redirectError(err.toFile()).start();
        try {
            String base = null;
            Instant deadline = Instant.now().plusSeconds(60);
            while (base == null && Instant.now().isBefore(deadline) && p.isAlive()) {
                Matcher m = SERVING.matcher(Files.readString(err));
                base = m.find() ? m.group(1) : null;
                Thread.sleep(100);
            }
            assertThat(base).as("the start line names the URL:\n" + Files.readString(err)).isNotNull();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            p.destroy(); // SIGTERM, by PID
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stops within 20 s of SIGTERM").isTrue();
            assertThat(p.exitValue()).as("the JVM's SIGTERM status, which the unit lists in SuccessExitStatus")
                    .isEqualTo(143);
            assertThat(ManagedProcess.canConnect("127.0.0.1", URI.create(base).getPort())).as("port released")
                    .isFalse();
            assertThat(Files.readString(err)).as("the buffered access log was flushed on the way out")
                    .contains("\"path\":\"/healthz\"");
        } finally {
            p.destroyForcibly();
        }
    }
}
