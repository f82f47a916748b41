package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint's behaviour without a socket: requests in, responses out. */
class CredentialsHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.example.test";
    private static final byte[] SECRET = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> events = new ArrayList<>();
    /** Token -> uid; "boom" makes the verifier unavailable, "npe" a bug; others are invalid. */
    private final Map<String, String> tokens = new HashMap<>(Map.of("alice-token", "alice", "weird-token", "a:b"));

    private final IdTokenVerifier verifier = new IdTokenVerifier() {
        @Override
        public String verify(String idToken) throws InvalidTokenException {
            verifications.incrementAndGet();
            if (idToken.equals("boom")) {
                throw new VerifierUnavailableException("keys unreachable", null);
            }
            if (idToken.equals("npe")) {
                throw new NullPointerException();
            }
            String uid = tokens.get(idToken);
            if (uid == null) {
                throw new InvalidTokenException("invalid_token");
            }
            return uid;
        }

        @Override
        public void close() {
        }
    };

    private CredentialsHandler handler(Consumer<CredentialsServerConfig.Builder> customize,
            Map<String, Route> routes) {
        CredentialsServerConfig.Builder b = CredentialsServerConfig.builder()
                .projectId("demo-turnkit-handler")
                .secretFile(dir.resolve("unused-by-the-handler"))
                .turnHost("turn.example.test")
                .allowOrigin(APP);
        customize.accept(b);
        return new CredentialsHandler(b.build(), verifier, SECRET, Clock.fixed(NOW, ZoneOffset.UTC), nanos::get,
                new AccessLog(events::add), routes);
    }

    private CredentialsHandler handler() {
        return handler(b -> { }, Map.of());
    }

    private static EndpointRequest get(String pathAndQuery, String... headerPairs) {
        return request("GET", pathAndQuery, "", headerPairs);
    }

    private static EndpointRequest request(String method, String pathAndQuery, String body, String... headerPairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return EndpointRequest.of(method, pathAndQuery, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(EndpointResponse r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void aValidTokenGetsCredentialsForItsUidWithTheDefaultTtl() throws Exception {
        EndpointResponse r = handler().handle(get("/v1/turn-credentials?username=mallory",
                "authorization", "Bearer alice-token"));

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = json(r);
        long expiry = NOW.getEpochSecond() + 3600;
        assertThat(body.path("username").asText()).as("the uid from the token, never a parameter")
                .isEqualTo(expiry + ":alice");
        assertThat(body.path("password").asText())
                .isEqualTo(TurnRestCredentials.password(SECRET, expiry + ":alice"));
        assertThat(body.path("ttl").asLong()).isEqualTo(3600);
        assertThat(r.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Pragma", "no-cache")
                .containsEntry("Vary", "Origin, Authorization")
                .containsEntry("Content-Type", "application/json; charset=utf-8")
                .doesNotContainKey("Strict-Transport-Security").doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(r.uid()).isEqualTo("alice");
        assertThat(r.ttl()).isEqualTo(3600L);
        assertThat(r.error()).isNull();
    }

    @Test
    void refusalsCarryTheirCodeAndNoCredential() throws Exception {
        CredentialsHandler h = handler();
        EndpointResponse none = h.handle(get("/v1/turn-credentials"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(json(none).path("error").asText()).isEqualTo("missing_token");
        EndpointResponse basic = h.handle(get("/v1/turn-credentials", "Authorization", "Basic YWxpY2U6c2VjcmV0"));
        assertThat(basic.error()).isEqualTo("missing_token");
        EndpointResponse bad = h.handle(get("/v1/turn-credentials", "Authorization", "bearer nope"));
        assertThat(bad.status()).as("the scheme is case-insensitive; the token is refused").isEqualTo(401);
        assertThat(bad.error()).isEqualTo("invalid_token");
        assertThat(bad.headers()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        EndpointResponse weird = h.handle(get("/v1/turn-credentials", "Authorization", "Bearer weird-token"));
        assertThat(weird.status()).as("a uid with ':' cannot be a TURN user").isEqualTo(403);
        assertThat(weird.error()).isEqualTo("uid_not_usable");
        for (EndpointResponse r : List.of(none, basic, bad, weird)) {
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("password", "iceServers");
        }
    }

    @Test
    void theIpLimitAppliesBeforeAnyTokenWorkAndTheUidLimitAfter() throws Exception {
        CredentialsHandler h = handler(b -> b.ipRequestsPerMinute(2).uidRequestsPerMinute(1), Map.of());
        assertThat(h.handle(get("/v1/turn-credentials", "Authorization", "Bearer alice-token")).status())
                .isEqualTo(200);
        EndpointResponse uidLimited = h.handle(get("/v1/turn-credentials", "Authorization", "Bearer alice-token"));
        assertThat(uidLimited.status()).isEqualTo(429);
        assertThat(json(uidLimited).path("error").asText()).as("the caller sees one code").isEqualTo("rate_limited");
        assertThat(uidLimited.error()).as("the log says which limit").isEqualTo("rate_limited_uid");
        assertThat(uidLimited.headers().get("Retry-After")).isEqualTo("60");
        int before = verifications.get();
        EndpointResponse ipLimited = h.handle(get("/v1/turn-credentials", "Authorization", "Bearer alice-token"));
        assertThat(ipLimited.error()).isEqualTo("rate_limited_ip");
        assertThat(verifications.get()).as("no token is verified once the IP is limited").isEqualTo(before);
        nanos.addAndGet(60_000_000_000L);
        assertThat(h.handle(get("/v1/turn-credentials", "Authorization", "Bearer alice-token")).status())
                .as("buckets refill over a minute").isEqualTo(200);
    }

    @Test
    void ttlsComeFromTheQueryOrTheBodyAndAreClamped() throws Exception {
        CredentialsHandler h = handler(b -> b.maxTtl(java.time.Duration.ofMinutes(10))
                .defaultTtl(java.time.Duration.ofMinutes(5)), Map.of());
        assertThat(h.handle(get("/v1/turn-credentials?ttl=60", "Authorization", "Bearer alice-token")).ttl())
                .isEqualTo(60L);
        EndpointResponse clamped = h.handle(get("/v1/turn-credentials?ttl=86400", "Authorization",
                "Bearer alice-token"));
        assertThat(json(clamped).path("ttl").asLong()).isEqualTo(600);
        assertThat(json(clamped).path("username").asText()).startsWith((NOW.getEpochSecond() + 600) + ":");
        assertThat(h.handle(request("POST", "/v1/turn-credentials", "{\"ttl\": 120}", "Authorization",
                "Bearer alice-token")).ttl()).isEqualTo(120L);
        EndpointResponse bad = h.handle(get("/v1/turn-credentials?ttl=-5", "Authorization", "Bearer alice-token"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).isEqualTo("bad_ttl");
    }

    @Test
    void corsRefusesUnknownOriginsAndAnswersPreflights() throws Exception {
        CredentialsHandler h = handler();
        EndpointResponse preflight = h.handle(request("OPTIONS", "/v1/turn-credentials", "", "Origin", APP));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.body()).isNull();
        assertThat(preflight.headers()).containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        EndpointResponse evil = h.handle(get("/v1/turn-credentials", "Origin", "https://evil.example.test",
                "Authorization", "Bearer alice-token"));
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.error()).isEqualTo("origin_not_allowed");
        assertThat(evil.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        EndpointResponse refusedButReadable = h.handle(get("/v1/turn-credentials", "Origin", APP));
        assertThat(refusedButReadable.status()).isEqualTo(401);
        assertThat(refusedButReadable.headers()).as("the app's page can read why it was refused")
                .containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Expose-Headers", "Retry-After");
        assertThat(verifications.get()).as("a refused origin never reaches the verifier").isZero();
    }

    @Test
    void methodsPathsHealthAndSizeLimits() throws Exception {
        CredentialsHandler h = handler();
        EndpointResponse put = h.handle(request("PUT", "/v1/turn-credentials", ""));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers()).containsEntry("Allow", "GET, POST, OPTIONS");
        EndpointResponse seed = h.handle(get("/turn-credentials?username=alice"));
        assertThat(seed.status()).isEqualTo(404);
        assertThat(h.route("/turn-credentials")).isEqualTo("(other)");
        assertThat(h.handle(get("/v1/turn-credentials/extra")).status()).as("exact paths only").isEqualTo(404);
        EndpointResponse health = h.handle(get("/healthz"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("ok");
        assertThat(h.handle(request("POST", "/healthz", "")).headers()).containsEntry("Allow", "GET, HEAD");
        EndpointResponse huge = h.handle(get("/v1/turn-credentials", "X-Padding", "y".repeat(9000)));
        assertThat(huge.status()).isEqualTo(431);
    }

    @Test
    void verifierOutagesAre503BugsAre500AndDeadClientsGetNothing() throws Exception {
        CredentialsHandler h = handler();
        EndpointResponse outage = h.handle(get("/v1/turn-credentials", "Origin", APP, "Authorization", "Bearer boom"));
        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.headers()).as("CORS headers on a 503 too").containsEntry("Access-Control-Allow-Origin", APP);
        EndpointResponse bug = h.handle(get("/v1/turn-credentials", "Authorization", "Bearer npe"));
        assertThat(bug.status()).isEqualTo(500);
        assertThat(json(bug).path("message").asText()).isEqualTo("internal error");
        assertThat(events).anySatisfy(e -> assertThat(e).contains("verifier_unavailable"))
                .anySatisfy(e -> assertThat(e).contains("internal_error").contains("NullPointerException"));
        EndpointRequest dead = new EndpointRequest("POST", "/v1/turn-credentials", null,
                EndpointRequest.of("POST", "/", Map.of("Authorization", "Bearer alice-token"), new byte[0]).headers(),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                }, "127.0.0.1");
        EndpointResponse nothing = h.handle(dead);
        assertThat(nothing.status()).isEqualTo(EndpointResponse.NO_RESPONSE);
        assertThat(nothing.error()).isEqualTo("io_error");
    }

    @Test
    void tlsResponsesCarryHsts() {
        CredentialsHandler h = handler(b -> b.tls(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem")),
                Map.of());
        assertThat(h.handle(get("/v1/turn-credentials", "Authorization", "Bearer alice-token")).headers())
                .containsEntry("Strict-Transport-Security", "max-age=31536000");
    }

    @Test
    void addedRoutesAreServedAndLabelled() {
        Route metrics = r -> EndpointResponse.json(200, "# metrics\n".getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain; version=0.0.4");
        CredentialsHandler h = handler(b -> { }, Map.of("/metrics", metrics));
        EndpointResponse r = h.handle(get("/metrics"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Content-Type", "text/plain; version=0.0.4");
        assertThat(h.route("/metrics")).isEqualTo("/metrics");
        assertThat(h.route("/v1/turn-credentials")).isEqualTo("/v1/turn-credentials");
    }
}
