package dev.turnkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.credentials.AccessLog;
import dev.turnkit.credentials.AuthEmulator;
import dev.turnkit.credentials.CredentialsServer;
import dev.turnkit.credentials.CredentialsServerConfig;
import dev.turnkit.credentials.EndpointExtensions;
import dev.turnkit.credentials.SharedAuthEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} after credentials were issued: the 200 outcome and the issued counter (a real emulator token). */
@ExtendWith(SharedAuthEmulator.Resolver.class)
class CredentialsMetricsIssuedTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;

    @Test
    void anIssuedCredentialCountsAs200AndIncrementsIssued(AuthEmulator emulator) throws Exception {
        AuthEmulator.SignedInUser user = emulator.signUp("metrics-" + System.nanoTime() + "@example.com",
                "secret123");
        Path secret = dir.resolve("turn-secret");
        Files.writeString(secret, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        CredentialsServerConfig config = CredentialsServerConfig.builder().port(0).projectId(emulator.projectId())
                .secretFile(secret).turnHost("turn.example.test").authEmulatorHost(emulator.hostPort()).build();
        CredentialsMetrics metrics = new CredentialsMetrics();
        try (CredentialsServer server = CredentialsServer.start(config, Map.of(), Clock.systemUTC(),
                new AccessLog(line -> { }), metrics.addTo(EndpointExtensions.none()))) {
            HttpResponse<String> refused = get(server.credentialsUri(), null);
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<String> issued = get(server.credentialsUri(), user.idToken());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);

            // listeners run once the response is written: scrape until both requests are in (bounded)
            String count = "turnkit_credentials_request_duration_seconds_count{route=\"/v1/turn-credentials\"} 2";
            String body;
            Instant deadline = Instant.now().plusSeconds(10);
            do {
                body = get(URI.create(server.baseUri() + CredentialsMetrics.PATH), null).body();
            } while (!body.contains(count) && Instant.now().isBefore(deadline) && pause());
            assertThat(body).contains(count,
                    "turnkit_credentials_requests_total{code=\"200\",route=\"/v1/turn-credentials\"} 1",
                    "turnkit_credentials_requests_total{code=\"401\",route=\"/v1/turn-credentials\"} 1",
                    "turnkit_credentials_issued_total 1");
        }
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
