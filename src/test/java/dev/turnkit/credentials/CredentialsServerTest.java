package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.testsupport.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint against real ID tokens from the Firebase Auth emulator (emulator mode, loopback, plain HTTP). */
@ExtendWith(SharedAuthEmulator.Resolver.class)
class CredentialsServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.example.test";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static AuthEmulator emulator;
    private static AuthEmulator.SignedInUser alice;

    @TempDir
    Path dir;

    private final List<CredentialsServer> servers = new ArrayList<>();
    private final Queue<String> logLines = new ConcurrentLinkedQueue<>();
    private String secret;

    @BeforeAll
    static void signUp(AuthEmulator shared) {
        emulator = shared;
        alice = emulator.signUp("alice-" + System.nanoTime() + "@example.com", "secret123");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(CredentialsServer::close);
    }

    private CredentialsServer start(Consumer<CredentialsServerConfig.Builder> customize) {
        secret = TestSecrets.random();
        CredentialsServerConfig.Builder b = CredentialsServerConfig.builder()
                .port(0)
                .projectId(emulator.projectId())
                .secretFile(TestSecrets.write(dir, "turn-secret-" + servers.size(), secret, "rw-------"))
                .turnHost("turn.example.test")
                .allowOrigin(APP)
                .authEmulatorHost(emulator.hostPort());
        customize.accept(b);
        CredentialsServer server = CredentialsServer.start(b.build(), Map.of(), Clock.systemUTC(),
                new AccessLog(logLines::add));
        servers.add(server);
        return server;
    }

    private CredentialsServer start() {
        return start(b -> { });
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** An unsigned token like the emulator's, with chosen claims (the emulator-mode verifier skips signatures). */
    private static String craftToken(String uid, String audience, Instant issued, Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = "{\"iss\":\"https://securetoken.google.com/" + audience + "\",\"aud\":\"" + audience
                + "\",\"sub\":\"" + uid + "\",\"user_id\":\"" + uid + "\",\"iat\":" + issued.getEpochSecond()
                + ",\"auth_time\":" + issued.getEpochSecond() + ",\"exp\":" + expires.getEpochSecond()
                + ",\"firebase\":{\"sign_in_provider\":\"password\",\"identities\":{}}}";
        return header + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static void assertRefused(HttpResponse<String> r, String error) throws IOException {
        assertThat(r.statusCode()).as("a refused token is 401: " + r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(json(r).path("error").asText()).as("the JSON error names the reason").isEqualTo(error);
        assertThat(r.body()).as("a refusal carries no credential").doesNotContain("password", "iceServers");
    }

    @Test
    void validTokenGetsCredentialsForItsOwnUidWithTheSeedFieldsAndIceServers() throws Exception {
        CredentialsServer server = start();
        Instant before = Instant.now();

        HttpResponse<String> r = get(URI.create(server.credentialsUri() + "?username=mallory"), alice.idToken());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).as("credentials are never cached").hasValue("no-store");
        JsonNode body = json(r);
        String username = body.path("username").asText();
        assertThat(username).as("the TURN user is the token's uid, never a request parameter")
                .matches("[0-9]+:" + alice.uid());
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry).as("the username carries the expiry, default TTL 1 h")
                .isBetween(before.getEpochSecond() + 3600 - 2, Instant.now().getEpochSecond() + 3600 + 2);
        assertThat(body.path("ttl").asLong()).isEqualTo(3600);
        assertThat(body.path("password").asText()).as("password = base64(HMAC-SHA1(current secret, username))")
                .isEqualTo(TurnRestCredentials.password(secret.getBytes(StandardCharsets.UTF_8), username));
        List<String> turnUris = List.of("turn:turn.example.test:3478?transport=udp",
                "turn:turn.example.test:3478?transport=tcp", "turns:turn.example.test:5349?transport=tcp");
        assertThat(JSON.convertValue(body.path("uris"), List.class)).as("coturn's real ports, not 3479")
                .isEqualTo(turnUris);
        JsonNode ice = body.path("iceServers");
        assertThat(ice.size()).isEqualTo(2);
        assertThat(ice.get(0).path("urls").get(0).asText()).isEqualTo("stun:turn.example.test:3478");
        assertThat(ice.get(1).path("username").asText()).isEqualTo(username);
        assertThat(ice.get(1).path("credential").asText()).isEqualTo(body.path("password").asText());
        assertThat(JSON.convertValue(ice.get(1).path("urls"), List.class)).isEqualTo(turnUris);
    }

    @Test
    void turns443IsListedWhenConfigured() throws Exception {
        CredentialsServer server = start(b -> b.turns443(true));
        JsonNode body = json(get(server.credentialsUri(), alice.idToken()));
        assertThat(body.path("uris").toString()).contains("turns:turn.example.test:443?transport=tcp");
    }

    @Test
    void missingOrMalformedAuthorizationIs401() throws Exception {
        CredentialsServer server = start();
        HttpResponse<String> none = get(server.credentialsUri(), null);
        assertRefused(none, "missing_token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        HttpResponse<String> basic = send(HttpRequest.newBuilder(server.credentialsUri())
                .header("Authorization", "Basic YWxpY2U6c2VjcmV0"));
        assertRefused(basic, "missing_token");
    }

    @Test
    void garbageExpiredWrongAudienceAndUnknownUserTokensAre401() throws Exception {
        CredentialsServer server = start();
        Instant now = Instant.now();
        assertRefused(get(server.credentialsUri(), "not-a-jwt"), "invalid_token");
        assertRefused(get(server.credentialsUri(),
                craftToken(alice.uid(), emulator.projectId(), now.minusSeconds(7200), now.minusSeconds(3600))),
                "expired_token");
        assertRefused(get(server.credentialsUri(),
                craftToken(alice.uid(), "demo-someone-else", now.minusSeconds(10), now.plusSeconds(3600))),
                "invalid_token");
        assertRefused(get(server.credentialsUri(),
                craftToken("ghost", emulator.projectId(), now.minusSeconds(10), now.plusSeconds(3600))),
                "user_not_found");
    }

    @Test
    void disabledUserIs401() throws Exception {
        CredentialsServer server = start();
        AuthEmulator.SignedInUser bob = emulator.signUp("bob-" + System.nanoTime() + "@example.com", "secret123");
        emulator.disableUser(bob.uid());
        assertRefused(get(server.credentialsUri(), bob.idToken()), "user_disabled");
    }

    @Test
    void ttlRequestsAreHonouredBelowTheCapAndClampedAboveIt() throws Exception {
        CredentialsServer server = start(b -> b.maxTtl(Duration.ofMinutes(10)).defaultTtl(Duration.ofMinutes(5)));
        assertThat(json(get(server.credentialsUri(), alice.idToken())).path("ttl").asLong())
                .as("default TTL").isEqualTo(300);
        assertThat(json(get(URI.create(server.credentialsUri() + "?ttl=60"), alice.idToken())).path("ttl").asLong())
                .as("a shorter TTL is granted").isEqualTo(60);
        JsonNode clamped = json(get(URI.create(server.credentialsUri() + "?ttl=86400"), alice.idToken()));
        assertThat(clamped.path("ttl").asLong()).as("a longer TTL is clamped to the max").isEqualTo(600);
        long expiry = Long.parseLong(clamped.path("username").asText().split(":")[0]);
        assertThat(expiry).as("the expiry in the username follows the clamped TTL")
                .isLessThanOrEqualTo(Instant.now().getEpochSecond() + 601);
        HttpResponse<String> post = send(HttpRequest.newBuilder(server.credentialsUri())
                .header("Authorization", "Bearer " + alice.idToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ttl\": 120}")));
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        assertThat(json(post).path("ttl").asLong()).as("POST {\"ttl\":120}").isEqualTo(120);
        HttpResponse<String> bad = get(URI.create(server.credentialsUri() + "?ttl=-5"), alice.idToken());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).isEqualTo("bad_ttl");
    }

    @Test
    void oversizedOrMalformedBodiesAreRefused() throws Exception {
        CredentialsServer server = start();
        HttpResponse<String> big = send(HttpRequest.newBuilder(server.credentialsUri())
                .header("Authorization", "Bearer " + alice.idToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"ttl\":60,\"pad\":\"" + "x".repeat(5000) + "\"}")));
        assertThat(big.statusCode()).isEqualTo(413);
        HttpResponse<String> notJson = send(HttpRequest.newBuilder(server.credentialsUri())
                .header("Authorization", "Bearer " + alice.idToken())
                .POST(HttpRequest.BodyPublishers.ofString("ttl=60")));
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> hugeHeader = send(HttpRequest.newBuilder(server.credentialsUri())
                .header("Authorization", "Bearer " + alice.idToken())
                .header("X-Padding", "y".repeat(9000)));
        assertThat(hugeHeader.statusCode()).as("headers beyond the limit").isEqualTo(431);
    }

    @Test
    void perUidRateLimitAnswers429WithRetryAfter() throws Exception {
        CredentialsServer server = start(b -> b.uidRequestsPerMinute(2));
        assertThat(get(server.credentialsUri(), alice.idToken()).statusCode()).isEqualTo(200);
        assertThat(get(server.credentialsUri(), alice.idToken()).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = get(server.credentialsUri(), alice.idToken());
        assertThat(limited.statusCode()).as("the third request within a minute").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).as("Retry-After seconds").isBetween(1L, 60L));
        assertThat(json(limited).path("error").asText()).isEqualTo("rate_limited");
        AuthEmulator.SignedInUser carol = emulator.signUpAnonymously();
        assertThat(get(server.credentialsUri(), carol.idToken()).statusCode())
                .as("another user is not limited by alice's bucket").isEqualTo(200);
    }

    @Test
    void perIpRateLimitAppliesBeforeTokenVerification() throws Exception {
        CredentialsServer server = start(b -> b.ipRequestsPerMinute(3).uidRequestsPerMinute(100));
        for (int i = 0; i < 3; i++) {
            assertThat(get(server.credentialsUri(), "garbage-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = get(server.credentialsUri(), alice.idToken());
        assertThat(limited.statusCode()).as("the client IP spent its bucket on bad tokens").isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void corsAllowsExactlyTheConfiguredOrigins() throws Exception {
        CredentialsServer server = start();
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(server.credentialsUri())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .containsIgnoringCase("authorization");
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(server.credentialsUri())
                .header("Origin", APP).header("Authorization", "Bearer " + alice.idToken()));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).as("exact origin echoed, never *")
                .hasValue(APP);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        for (String evil : new String[] {"https://evil.example.test", APP + ".evil.test", "http://app.example.test",
            "null"}) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(server.credentialsUri())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", evil).header("Access-Control-Request-Method", "GET"));
            assertThat(refused.statusCode()).as("origin " + evil).isEqualTo(403);
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as("origin " + evil).isEmpty();
        }
    }

    @Test
    void wrongMethodsAre405UnknownPathsAre404AndHealthzAnswers() throws Exception {
        CredentialsServer server = start();
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(server.credentialsUri())
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST, OPTIONS");
            assertThat(json(r).path("error").asText()).isEqualTo("method_not_allowed");
        }
        assertThat(get(server.baseUri().resolve("/turn-credentials?username=alice"), null).statusCode())
                .as("the seed's unauthenticated path does not exist").isEqualTo(404);
        HttpResponse<String> health = get(server.baseUri().resolve("/healthz"), null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void accessLogIsJsonLinesWithoutTokensOrCredentials() throws Exception {
        CredentialsServer server = start();
        HttpResponse<String> ok = get(URI.create(server.credentialsUri() + "?ttl=600"), alice.idToken());
        JsonNode body = json(ok);
        get(server.credentialsUri(), "garbage-token-value-123");

        assertThat(logLines).as("one line per request and the service events").hasSizeGreaterThanOrEqualTo(3);
        for (String line : logLines) {
            assertThat(JSON.readTree(line).isObject()).as("JSON line: " + line).isTrue();
            assertThat(line).as("no ID token in the log")
                    .doesNotContain(alice.idToken())
                    .doesNotContain(alice.idToken().substring(0, 40))
                    .doesNotContain("garbage-token-value-123");
            assertThat(line).as("no TURN password or username in the log")
                    .doesNotContain(body.path("password").asText())
                    .doesNotContain(body.path("username").asText())
                    .doesNotContain(secret);
        }
        assertThat(logLines).anySatisfy(line -> {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("status").asInt()).isEqualTo(200);
            assertThat(entry.path("uid").asText()).isEqualTo(alice.uid());
            assertThat(entry.path("ttl").asLong()).isEqualTo(600);
        });
        assertThat(logLines).anySatisfy(line -> assertThat(JSON.readTree(line).path("error").asText())
                .isEqualTo("invalid_token"));
        assertThat(logLines).as("emulator mode is announced loudly, once")
                .filteredOn(line -> line.contains("WARNING") && line.contains("EMULATOR")).hasSize(1);
    }

    @Test
    void listenersHearEveryOutcomeAndAddedRoutesAreServed() throws Exception {
        Queue<RequestListener.RequestOutcome> outcomes = new ConcurrentLinkedQueue<>();
        secret = TestSecrets.random();
        CredentialsServerConfig config = CredentialsServerConfig.builder().port(0).projectId(emulator.projectId())
                .secretFile(TestSecrets.write(dir, "turn-secret-listener", secret, "rw-------"))
                .turnHost("turn.example.test").authEmulatorHost(emulator.hostPort()).build();
        CredentialsServer server = CredentialsServer.start(config, Map.of(), Clock.systemUTC(),
                new AccessLog(logLines::add), EndpointExtensions.none().withListener(outcomes::add)
                        .withRoute("/metrics", r -> EndpointResponse.json(200, "{}".getBytes(StandardCharsets.UTF_8))
                                .header("Content-Type", "text/plain; version=0.0.4")));
        servers.add(server);

        assertThat(get(server.credentialsUri(), alice.idToken()).statusCode()).isEqualTo(200);
        assertThat(get(server.credentialsUri(), null).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = get(server.baseUri().resolve("/metrics"), null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4");
        get(server.baseUri().resolve("/no/such/" + System.nanoTime()), null);
        for (int i = 0; i < 100 && outcomes.size() < 4; i++) {
            Thread.sleep(50); // listeners run just after the response is sent
        }

        assertThat(outcomes).extracting(RequestListener.RequestOutcome::route, RequestListener.RequestOutcome::status,
                RequestListener.RequestOutcome::error).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/v1/turn-credentials", 200, null),
                        org.assertj.core.groups.Tuple.tuple("/v1/turn-credentials", 401, "missing_token"),
                        org.assertj.core.groups.Tuple.tuple("/metrics", 200, null),
                        org.assertj.core.groups.Tuple.tuple("(other)", 404, "not_found"));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.nanos()).isPositive());
        assertThat(outcomes.peek().uid()).isEqualTo(alice.uid());
        assertThatThrownBy(() -> EndpointExtensions.none().withRoute("/healthz", r -> null))
                .as("added routes cannot replace the endpoint's own").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void servesOverTlsToAClientTrustingTheCertificate() throws Exception {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "endpoint", 0, 2);
        CredentialsServer server = start(b -> b.tls(pem.cert(), pem.key()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem.cert())) {
            trust.setCertificateEntry("endpoint", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);

        assertThat(server.credentialsUri().getScheme()).isEqualTo("https");
        CredentialsClient.Issued issued = new CredentialsClient(Duration.ofSeconds(10), tls)
                .fetch(server.credentialsUri(), alice.idToken());
        assertThat(issued.username()).endsWith(":" + alice.uid());
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                server.credentialsUri()).header("Authorization", "Bearer " + alice.idToken())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Strict-Transport-Security")).as("HSTS over TLS").isPresent();
        assertThatThrownBy(() -> new CredentialsClient(Duration.ofSeconds(10)).fetch(server.credentialsUri(),
                alice.idToken())).as("a client that does not trust the certificate refuses it")
                .isInstanceOf(IOException.class);
    }

    @Test
    void idTokenFilesAreReadStrictly() throws Exception {
        Path good = Files.writeString(dir.resolve("token"), alice.idToken() + "\n");
        assertThat(CredentialsClient.readIdToken(good)).isEqualTo(alice.idToken());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> CredentialsClient.readIdToken(empty)).hasMessageContaining("is empty");
        Path junk = Files.writeString(dir.resolve("junk"), "not a token");
        assertThatThrownBy(() -> CredentialsClient.readIdToken(junk)).hasMessageContaining("does not hold one JWT")
                .hasMessageNotContaining("not a token");
    }

    @Test
    void clientFetchesCredentialsAndReportsRefusals() throws Exception {
        CredentialsServer server = start();
        CredentialsClient client = new CredentialsClient(Duration.ofSeconds(10));
        CredentialsClient.Issued issued = client.fetch(server.credentialsUri(), alice.idToken(), Duration.ofMinutes(2));
        assertThat(issued.username()).endsWith(":" + alice.uid());
        assertThat(issued.ttl()).isEqualTo(120);
        assertThat(issued.stunUris()).containsExactly("stun:turn.example.test:3478");
        assertThat(issued.toString()).doesNotContain(issued.password());
        assertThatThrownBy(() -> client.fetch(server.credentialsUri(), "bad"))
                .isInstanceOfSatisfying(CredentialsClient.CredentialsException.class,
                        e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("invalid_token");
    }

    /** What came back on a raw connection, and whether the server closed it. */
    private record Raw(String text, boolean closed) {
    }

    /** Writes raw bytes on a new connection and reads until the server closes it or {@code responses} arrived. */
    private static String raw(CredentialsServer server, String request, int responses) throws IOException {
        return rawExchange(server, request, responses).text();
    }

    private static Raw rawExchange(CredentialsServer server, String request, int responses) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder got = new StringBuilder();
            boolean closed = false;
            byte[] buf = new byte[8192];
            while (got.toString().split("HTTP/1\\.1 ", -1).length - 1 < responses || !complete(got.toString())) {
                int n;
                try {
                    n = in.read(buf);
                } catch (java.net.SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    closed = true;
                    break;
                }
                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            return new Raw(got.toString(), closed);
        }
    }

    /** True when the last response in {@code text} has all of its Content-Length body. */
    private static boolean complete(String text) {
        int start = text.lastIndexOf("HTTP/1.1 ");
        int end = text.indexOf("\r\n\r\n", start);
        if (start < 0 || end < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)")
                .matcher(text.substring(start, end));
        return !m.find() || text.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWithADateHeader() throws Exception {
        CredentialsServer server = start();
        String response = raw(server, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v1/turn-credentials HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", 3);
        List<String> statuses = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP/1\\.1 ([0-9]{3})").matcher(response);
        while (m.find()) {
            statuses.add(m.group(1));
        }
        assertThat(statuses).as(response).containsExactly("200", "401", "404");
        assertThat(response).containsIgnoringCase("date: ").contains("\"error\":\"missing_token\"");
    }

    @Test
    void moreThan64HeadersOrABrokenRequestLineAreRefusedAndTheConnectionClosed() throws Exception {
        CredentialsServer server = start();
        StringBuilder many = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 70; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        String tooMany = raw(server, many.append("\r\n").toString(), 1);
        assertThat(tooMany).as(tooMany).startsWith("HTTP/1.1 431").contains("headers_too_large")
                .containsIgnoringCase("connection: close");
        String broken = raw(server, "GARBAGE\r\n\r\n", 1);
        assertThat(broken).as(broken).startsWith("HTTP/1.1 400");
        assertThat(logLines).anySatisfy(l -> assertThat(l).contains("\"status\":431", "\"path\":\"(other)\""));
    }

    @Test
    void headAnswersWithoutABodyAndHttp10ClosesTheConnection() throws Exception {
        CredentialsServer server = start();
        String head = raw(server, "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1);
        assertThat(head).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
        Raw http10 = rawExchange(server, "GET /healthz HTTP/1.0\r\n\r\n", 2);
        assertThat(http10.text()).startsWith("HTTP/1.1 200").endsWith("{\"status\":\"ok\"}");
        assertThat(http10.closed()).as("an HTTP/1.0 request without keep-alive closes the connection").isTrue();
    }
}
