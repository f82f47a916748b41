package dev.turnkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.cli.Main;
import dev.turnkit.testsupport.Components;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** {@code turnkit credentials serve} exposes {@code /metrics}: outcomes, latency, and promtool accepts it. */
class CredentialsMetricsProcessTest {
    private static final Pattern SERVING = Pattern.compile("serving (http://127\\.0\\.0\\.1:[0-9]+)/v1/turn-credentials");
    @TempDir
    Path dir;

    @Test
    void metricsCountRequestsByOutcomeAndPassPromtool() throws Exception {
        Path promtool = Components.promtool();
        Path secret = dir.resolve("turn-secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "credentials", "serve", "--port", "0",
                "--project", "demo-turnkit-metrics", "--turn-host", "turn.example.test", "--secret-file",
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
            assertThat(base).as(Files.readString(err)).isNotNull();
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/turn-credentials"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("no ID token").isEqualTo(401);
            }
            // Listeners see a request after its response is sent, so the last one may land a moment after the
            // client has its 401: scrape until the third request's latency is in (bounded).
            String histogramCount = "turnkit_credentials_request_duration_seconds_count{route=\"/v1/turn-credentials\"} 3";
            HttpResponse<String> metrics;
            Instant scrapeDeadline = Instant.now().plusSeconds(10);
            do {
                metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (!metrics.body().contains(histogramCount)) {
                    Thread.sleep(100);
                }
            } while (!metrics.body().contains(histogramCount) && Instant.now().isBefore(scrapeDeadline));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body()).contains(
                    "turnkit_credentials_requests_total{code=\"401\",route=\"/v1/turn-credentials\"} 3",
                    "turnkit_credentials_request_duration_seconds_count{route=\"/v1/turn-credentials\"} 3",
                    "turnkit_credentials_request_duration_seconds_bucket{route=\"/v1/turn-credentials\",le=\"+Inf\"} 3",
                    "turnkit_credentials_issued_total 0");

            Path file = dir.resolve("metrics.txt");
            Files.writeString(file, metrics.body());
            Process lint = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(lint.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lint.exitValue()).as("promtool check metrics:\n" + out + metrics.body()).isZero();
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
