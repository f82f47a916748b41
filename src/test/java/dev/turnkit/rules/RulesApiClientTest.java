package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failure modes of the Rules API client: permission, server errors, hangs, no credentials. */
class RulesApiClientTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String body = "{}";
    private volatile boolean hang;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            if (hang) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private RulesApiClient client(RequestCredentials tokens, Duration timeout) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
        return new RulesApiClient(base, base, tokens, timeout);
    }

    @Test
    void permissionDeniedIsARefusalThatNamesTheRole() {
        // given:
        status = 403;
        body = "{\"error\":{\"code\":403,\"message\":\"The caller does not have permission\","
                + "\"status\":\"PERMISSION_DENIED\"}}";
        // when / then:
        assertThatThrownBy(() -> client(RequestCredentials.bearer("t"), Duration.ofSeconds(5)).getRelease("p", "cloud.firestore"))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("HTTP 403 PERMISSION_DENIED: The caller does not have"
                            + " permission", "roles/firebaserules.admin");
                });
    }

    @Test
    void aServerErrorIsAOneLineRefusal() {
        // given:
        status = 503;
        body = "<html>\n<body>Service Unavailable</body>\n</html>";
        // when / then:
        assertThatThrownBy(() -> client(RequestCredentials.bearer("t"), Duration.ofSeconds(5)).listReleases("p"))
                .isInstanceOf(RulesException.class)
                .hasMessage("Rules API GET projects/p/releases?pageSize=100: HTTP 503 <html> <body>Service"
                        + " Unavailable</body> </html>");
    }

    @Test
    void aHangingServerTimesOut() {
        // given:
        hang = true;
        // when / then:
        assertThatThrownBy(() -> client(RequestCredentials.bearer("t"), Duration.ofSeconds(1)).test("p",
                new RulesSource("firestore.rules", "x")))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("timed out after 1 s");
    }

    @Test
    void missingCredentialsStopBeforeAnyRequest() {
        // given:
        RequestCredentials none = uri -> {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "no Google credentials");
        };
        // when / then:
        assertThatThrownBy(() -> client(none, Duration.ofSeconds(5)).getRelease("p", "cloud.firestore"))
                .hasMessage("no Google credentials");
        assertThat(requests.get()).isZero();
    }
}
