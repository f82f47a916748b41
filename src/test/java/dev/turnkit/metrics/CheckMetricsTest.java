package dev.turnkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.testsupport.Components;
import dev.turnkit.testsupport.CoturnConfigs;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.ManagedProcess;
import dev.turnkit.testsupport.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The textfile of {@code check --prometheus}, from a real run against coturn, read by a real
 * {@code prometheus-node-exporter} (textfile collector) and linted by {@code promtool check metrics}.
 */
class CheckMetricsTest {
    static final String SECRET = "metrics-test-secret";
    @TempDir
    Path dir;

    @Test
    void nodeExporterServesEverySeriesAndPromtoolAcceptsTheFile() throws Exception {
        Path exporter = Components.nodeExporter();
        Path promtool = Components.promtool();
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 30);
        Path textDir = Files.createDirectories(dir.resolve("textfile"));
        Path file = textDir.resolve("turnkit.prom");
        CheckReport report;
        try (CoturnServer turn = CoturnServer.builder().secret(SECRET).ipv6().tls(cert)
                .lines(CoturnConfigs.hardenedPeerRules()).lines(CoturnConfigs.loopbackEchoException("127.0.0.2"))
                .start()) {
            TurnTarget target = TurnTarget.of(turn.host()).withPort(turn.port()).withTlsPort(turn.tlsPort())
                    .withTlsServerName("localhost").withCaFile(cert.cert())
                    .withCredentials(CredentialSource.restSecret(SECRET.getBytes(StandardCharsets.UTF_8)));
            report = new CheckRunner(Duration.ofSeconds(15)).run(Checks.suite(target, Checks.ALL,
                    Checks.allTransports()));
        }
        CheckMetrics metrics = new CheckMetrics("turn.test", file, m -> { });
        metrics.write(report, Instant.now());
        assertThat(textDir.toFile().list()).as("only the .prom file remains: the temporary file was renamed")
                .containsExactly("turnkit.prom");

        Process lint = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String lintOut = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue()).as("promtool check metrics:\n" + lintOut + "\n" + Files.readString(file))
                .isZero();

        int port = ManagedProcess.freePort();
        try (ManagedProcess ne = ManagedProcess.start("node-exporter", List.of(exporter.toString(),
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textDir, "--web.listen-address=127.0.0.1:" + port), dir,
                dir.resolve("node-exporter.log"))) {
            ne.awaitTcp("127.0.0.1", port, Duration.ofSeconds(30));
            String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scraped).as("no textfile error").contains("node_textfile_scrape_error 0");
            assertThat(scraped).contains(
                    "turnkit_check_status{check=\"turn-allocate\",server=\"turn.test\",transport=\"tls\"} 0",
                    "turnkit_check_status{check=\"peer-deny-sweep\",server=\"turn.test\",transport=\"udp\"} 0",
                    "turnkit_check_failing_runs{check=\"stun-binding\",server=\"turn.test\",transport=\"udp\"} 0",
                    "turnkit_check_loss_ratio{check=\"relay-echo\",server=\"turn.test\",transport=\"udp\"} 0",
                    "turnkit_check_run_status{server=\"turn.test\"} 0",
                    "turnkit_check_duration_seconds{check=\"relay-echo\"",
                    "turnkit_check_rtt_p50_seconds{check=\"relay-echo\"",
                    "turnkit_check_rtt_p95_seconds{check=\"relay-echo\"",
                    "turnkit_check_certificate_expiry_timestamp_seconds{check=\"tls-certificate\"",
                    "turnkit_check_last_run_timestamp_seconds{server=\"turn.test\"}");
            double expiry = Double.parseDouble(scraped.lines()
                    .filter(l -> l.startsWith("turnkit_check_certificate_expiry_timestamp_seconds{")).findFirst()
                    .orElseThrow().replaceAll(".* ", ""));
            double days = (expiry - Instant.now().getEpochSecond()) / 86400;
            assertThat(days).as("a 30-day certificate").isBetween(28.9, 30.1);
        }
    }

    @Test
    void failingRunsCountConsecutiveFailuresAndResetOnSuccess() throws Exception {
        Path file = dir.resolve("t.prom");
        CheckMetrics metrics = new CheckMetrics("s", file, m -> { });
        dev.turnkit.check.CheckResult bad = new dev.turnkit.check.CheckResult("stun-binding", "udp",
                dev.turnkit.check.Status.CRITICAL, Duration.ofMillis(3), "refused");
        dev.turnkit.check.CheckResult good = new dev.turnkit.check.CheckResult("stun-binding", "udp",
                dev.turnkit.check.Status.OK, Duration.ofMillis(3), "ok");
        String series = "turnkit_check_failing_runs{check=\"stun-binding\",server=\"s\",transport=\"udp\"} ";
        metrics.write(new CheckReport(dev.turnkit.check.Status.CRITICAL, Duration.ofMillis(3), List.of(bad)),
                Instant.now());
        metrics.write(new CheckReport(dev.turnkit.check.Status.CRITICAL, Duration.ofMillis(3), List.of(bad)),
                Instant.now());
        assertThat(Files.readString(file)).contains(series + "2");
        metrics.write(new CheckReport(dev.turnkit.check.Status.OK, Duration.ofMillis(3), List.of(good)),
                Instant.now());
        assertThat(Files.readString(file)).contains(series + "0",
                "turnkit_check_status{check=\"stun-binding\",server=\"s\",transport=\"udp\"} 0");
    }
}
