package dev.turnkit.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.turnkit.model.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The TURN credentials endpoint: {@code GET|POST /v1/turn-credentials} with {@code Authorization: Bearer <Firebase
 * ID token>} returns short-lived coturn REST credentials for the token's uid, plus {@code /healthz}. Built on the
 * JDK {@code HttpServer}/{@code HttpsServer}; see docs/credentials.md for the API and the security model.
 *
 * <p>Start with {@link #start}, stop with {@link #close()} (also what a SIGTERM hook should call).
 */
public final class CredentialsServer implements AutoCloseable {
    public static final String CREDENTIALS_PATH = "/v1/turn-credentials";
    public static final String HEALTH_PATH = "/healthz";

    static {
        JdkServerDefaults.apply(); // before the JDK server first loads
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RATE_KEYS = 100_000;
    private static final int MAX_TOKEN_CHARS = 4096;
    /** uids that are safe as the user part of {@code <expiry>:<user>} (no separator, no control characters). */
    private static final Pattern USABLE_UID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final CredentialsServerConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService poller;
    private final IdTokenVerifier verifier;
    private final AccessLog log;
    private final Clock clock;
    private final byte[] secret;
    private final RateLimiter ipLimiter;
    private final RateLimiter uidLimiter;
    private final List<String> turnUris;
    private final String stunUri;
    private final String turnUrisJson;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CredentialsServer(CredentialsServerConfig config, HttpServer server, ExecutorService executor,
            ScheduledExecutorService poller, IdTokenVerifier verifier, AccessLog log, Clock clock, byte[] secret) {
        this.config = config;
        this.server = server;
        this.executor = executor;
        this.poller = poller;
        this.verifier = verifier;
        this.log = log;
        this.clock = clock;
        this.secret = secret;
        this.ipLimiter = new RateLimiter(config.ipRequestsPerMinute(), MAX_RATE_KEYS, System::nanoTime);
        this.uidLimiter = new RateLimiter(config.uidRequestsPerMinute(), MAX_RATE_KEYS, System::nanoTime);
        String host = config.turnHost();
        this.stunUri = "stun:" + host + ":" + config.turnPort();
        List<String> uris = new ArrayList<>(List.of(
                "turn:" + host + ":" + config.turnPort() + "?transport=udp",
                "turn:" + host + ":" + config.turnPort() + "?transport=tcp",
                "turns:" + host + ":" + config.turnsPort() + "?transport=tcp"));
        if (config.turns443() && config.turnsPort() != 443) {
            uris.add("turns:" + host + ":443?transport=tcp");
        }
        this.turnUris = List.copyOf(uris);
        this.turnUrisJson = turnUris.stream().map(JsonText::quote)
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Starts with the process environment, the system clock and the access log on stderr. */
    public static CredentialsServer start(CredentialsServerConfig config) {
        return start(config, System.getenv(), Clock.systemUTC(), AccessLog.stderr());
    }

    /**
     * Starts serving; returns once the socket is bound.
     *
     * @param env the process environment: an inherited {@code FIREBASE_AUTH_EMULATOR_HOST} is refused in production
     * @throws ConfigException for unusable secrets, TLS files, a refused emulator setup or a port in use
     */
    public static CredentialsServer start(CredentialsServerConfig config, Map<String, String> env, Clock clock,
            AccessLog log) {
        byte[] secret = SecretFile.read(config.secretFile(), "TURN secret file");
        String keyInfo = "signing TURN credentials with secret " + SecretFile.keyId(secret);
        if (config.previousSecretFile() != null) {
            byte[] previous = SecretFile.read(config.previousSecretFile(), "previous TURN secret file");
            if (Arrays.equals(previous, secret)) {
                throw new ConfigException("the previous TURN secret equals the current one: rotation needs a new "
                        + "secret in " + config.secretFile());
            }
            keyInfo += "; coturn should also accept the previous secret " + SecretFile.keyId(previous)
                    + " until the longest TTL (" + config.maxTtl().toSeconds() + " s) has passed";
        }
        ReloadingKeyManager keys = config.tls()
                ? new ReloadingKeyManager(config.tlsCertFile(), config.tlsKeyFile(),
                        m -> log.event("INFO", "tls_reload", m))
                : null;
        IdTokenVerifier verifier = FirebaseIdTokenVerifier.create(config.projectId(), config.authEmulatorHost(),
                config.checkRevoked(), config.tokenCacheTtl(), env, clock);
        HttpServer server;
        try {
            InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
            if (keys != null) {
                HttpsServer https = HttpsServer.create(address, 256);
                https.setHttpsConfigurator(configurator(keys));
                server = https;
            } else {
                server = HttpServer.create(address, 256);
            }
        } catch (IOException e) {
            verifier.close();
            throw new ConfigException("cannot listen on " + config.bindAddress().getHostAddress() + ":"
                    + config.port() + ": " + e.getMessage());
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "credentials-http-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "credentials-tls-reload");
            t.setDaemon(true);
            return t;
        });
        CredentialsServer cs = new CredentialsServer(config, server, executor, poller, verifier, log, clock, secret);
        server.createContext(CREDENTIALS_PATH, cs::handleCredentials);
        server.createContext(HEALTH_PATH, cs::handleHealth);
        server.createContext("/", cs::handleNotFound);
        server.setExecutor(executor);
        server.start();
        if (keys != null) {
            long every = config.reloadInterval().toMillis();
            poller.scheduleWithFixedDelay(keys::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
        if (config.emulatorMode()) {
            log.event("WARNING", "emulator_mode", "WARNING: Firebase Auth EMULATOR mode (" + config.authEmulatorHost()
                    + "): ID token signatures are NOT checked. For local development only; never in production.");
        }
        log.event("INFO", "started", "serving " + cs.baseUri() + CREDENTIALS_PATH + " for project "
                + config.projectId() + "; " + keyInfo);
        return cs;
    }

    private static HttpsConfigurator configurator(KeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            return new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters ssl = context.getDefaultSSLParameters();
                    ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    ssl.setNeedClientAuth(false);
                    params.setSSLParameters(ssl);
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable in this JVM", e);
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://host:port} (or {@code http://} on loopback without TLS). */
    public URI baseUri() {
        String host = config.bindAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((config.tls() ? "https" : "http") + "://" + host + ":" + port());
    }

    /** The credentials URL, {@code <base>/v1/turn-credentials}. */
    public URI credentialsUri() {
        return URI.create(baseUri() + CREDENTIALS_PATH);
    }

    /** Stops accepting, lets running exchanges finish for up to a second, releases everything. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(1);
        poller.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        verifier.close();
    }

    // ---- handlers -------------------------------------------------------------------------------------------

    private void handleHealth(HttpExchange ex) {
        long start = System.nanoTime();
        try (ex) {
            int status;
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                status = sendError(ex, 405, "method_not_allowed", "use GET");
            } else {
                status = sendJson(ex, 200, Map.of("status", "ok"));
            }
            log.request(ip(ex), ex.getRequestMethod(), HEALTH_PATH, status, System.nanoTime() - start, null, null,
                    null);
        } catch (IOException e) {
            // client went away; nothing to answer
        }
    }

    private void handleNotFound(HttpExchange ex) {
        long start = System.nanoTime();
        try (ex) {
            int status = sendError(ex, 404, "not_found", "the endpoint is " + CREDENTIALS_PATH);
            log.request(ip(ex), ex.getRequestMethod(), "(other)", status, System.nanoTime() - start, null, null,
                    "not_found");
        } catch (IOException e) {
            // client went away
        }
    }

    /** What one request produced, for the access log. */
    private static final class Outcome {
        int status;
        String uid;
        Long ttl;
        String error;

        Outcome fail(int code, String err) {
            this.status = code;
            this.error = err;
            return this;
        }
    }

    private void handleCredentials(HttpExchange ex) {
        long start = System.nanoTime();
        Outcome outcome = new Outcome();
        try (ex) {
            serveCredentials(ex, outcome);
        } catch (IOException | UncheckedIOException e) {
            outcome.error = outcome.error == null ? "io_error" : outcome.error;
        } catch (IdTokenVerifier.VerifierUnavailableException e) {
            outcome.fail(503, "verifier_unavailable");
            log.event("ERROR", "verifier_unavailable", e.getMessage());
            trySend(ex, 503, "verifier_unavailable", "ID tokens cannot be checked right now; retry later");
        } catch (RuntimeException e) {
            outcome.fail(500, "internal_error");
            log.event("ERROR", "internal_error", e.getClass().getName());
            trySend(ex, 500, "internal_error", "internal error");
        }
        String path = ex.getRequestURI().getRawPath().equals(CREDENTIALS_PATH) ? CREDENTIALS_PATH : "(other)";
        log.request(ip(ex), ex.getRequestMethod(), path, outcome.status, System.nanoTime() - start, outcome.uid,
                outcome.ttl, outcome.error);
    }

    private void serveCredentials(HttpExchange ex, Outcome out) throws IOException {
        Headers request = ex.getRequestHeaders();
        Headers response = ex.getResponseHeaders();
        response.set("Cache-Control", "no-store");
        response.set("Pragma", "no-cache");
        response.set("Vary", "Origin, Authorization");
        if (!ex.getRequestURI().getRawPath().equals(CREDENTIALS_PATH)) {
            out.fail(sendError(ex, 404, "not_found", "the endpoint is " + CREDENTIALS_PATH), "not_found");
            return;
        }
        if (headerBytes(request) > config.maxHeaderBytes()) {
            out.fail(sendError(ex, 431, "headers_too_large", "request headers exceed " + config.maxHeaderBytes()
                    + " bytes"), "headers_too_large");
            return;
        }
        String origin = request.getFirst("Origin");
        if (origin != null) {
            if (!config.allowedOrigins().contains(origin)) {
                out.fail(sendError(ex, 403, "origin_not_allowed", "this origin may not call the endpoint"),
                        "origin_not_allowed");
                return;
            }
            response.set("Access-Control-Allow-Origin", origin);
            response.set("Access-Control-Expose-Headers", "Retry-After");
        }
        String method = ex.getRequestMethod();
        if (method.equals("OPTIONS")) {
            response.set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            response.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
            response.set("Access-Control-Max-Age", "600");
            ex.sendResponseHeaders(204, -1);
            out.status = 204;
            return;
        }
        if (!method.equals("GET") && !method.equals("POST")) {
            response.set("Allow", "GET, POST, OPTIONS");
            out.fail(sendError(ex, 405, "method_not_allowed", "use GET or POST"), "method_not_allowed");
            return;
        }
        String ip = ip(ex);
        long wait = ipLimiter.acquire(ip);
        if (wait > 0) {
            out.fail(tooMany(ex, wait), "rate_limited_ip");
            return;
        }
        String token = bearer(request.getFirst("Authorization"));
        if (token == null) {
            response.set("WWW-Authenticate", "Bearer");
            out.fail(sendError(ex, 401, "missing_token", "send 'Authorization: Bearer <Firebase ID token>'"),
                    "missing_token");
            return;
        }
        Long requested;
        try {
            requested = requestedTtl(ex);
        } catch (BadRequest e) {
            out.fail(sendError(ex, e.status, e.code, e.getMessage()), e.code);
            return;
        }
        String uid;
        try {
            uid = verifier.verify(token);
        } catch (IdTokenVerifier.InvalidTokenException e) {
            response.set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            out.fail(sendError(ex, 401, e.reason(), "the ID token was refused (" + e.reason() + ")"), e.reason());
            return;
        }
        out.uid = uid;
        if (!USABLE_UID.matcher(uid).matches()) {
            out.fail(sendError(ex, 403, "uid_not_usable", "this account's uid cannot be a TURN user name"),
                    "uid_not_usable");
            return;
        }
        wait = uidLimiter.acquire(uid);
        if (wait > 0) {
            out.fail(tooMany(ex, wait), "rate_limited_uid");
            return;
        }
        long ttl = Math.min(requested == null ? config.defaultTtl().toSeconds() : requested,
                config.maxTtl().toSeconds());
        out.ttl = ttl;
        Instant now = clock.instant();
        TurnRestCredentials issued = TurnRestCredentials.issue(secret, uid, Duration.ofSeconds(ttl), now);
        if (config.tls()) {
            response.set("Strict-Transport-Security", "max-age=31536000");
        }
        out.status = sendBytes(ex, 200, body(issued, ttl));
    }

    /**
     * The 200 body, written by hand on the hot path: every value is either from configuration (validated host
     * name, fixed ports) or made of JSON-safe characters (digits, the uid pattern, base64, ISO-8601).
     */
    private byte[] body(TurnRestCredentials issued, long ttl) {
        String username = JsonText.quote(issued.username());
        String password = JsonText.quote(issued.password());
        return ("{\"username\":" + username + ",\"password\":" + password + ",\"ttl\":" + ttl
                + ",\"expiresAt\":" + JsonText.quote(issued.expiresAt().toString()) + ",\"uris\":" + turnUrisJson
                + ",\"iceServers\":[{\"urls\":[" + JsonText.quote(stunUri) + "]},{\"urls\":" + turnUrisJson
                + ",\"username\":" + username + ",\"credential\":" + password + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A 4xx caused by the request, with its JSON error code. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        BadRequest(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /** The TTL the client asks for: {@code ?ttl=N} or a JSON body {@code {"ttl": N}}; null when absent. */
    private Long requestedTtl(HttpExchange ex) throws IOException, BadRequest {
        Long ttl = null;
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("ttl=")) {
                    ttl = parseTtl(pair.substring(4));
                }
            }
        }
        if (ex.getRequestMethod().equals("POST")) {
            byte[] body = readBody(ex);
            if (body.length > 0) {
                JsonNode node;
                try {
                    node = JSON.readTree(body);
                } catch (IOException e) {
                    throw new BadRequest(400, "bad_request", "the body must be JSON such as {\"ttl\": 600}");
                }
                if (node == null || !node.isObject()) {
                    throw new BadRequest(400, "bad_request", "the body must be a JSON object such as {\"ttl\": 600}");
                }
                JsonNode t = node.get("ttl");
                if (t != null && !t.isNull()) {
                    if (!t.canConvertToLong() || !t.isIntegralNumber()) {
                        throw new BadRequest(400, "bad_ttl", "ttl must be a whole number of seconds");
                    }
                    ttl = checkTtl(t.asLong());
                }
            }
        }
        return ttl;
    }

    private static Long parseTtl(String text) throws BadRequest {
        if (!text.matches("[0-9]{1,9}")) {
            throw new BadRequest(400, "bad_ttl", "ttl must be a whole number of seconds");
        }
        return checkTtl(Long.parseLong(text));
    }

    private static Long checkTtl(long ttl) throws BadRequest {
        if (ttl < 1) {
            throw new BadRequest(400, "bad_ttl", "ttl must be at least 1 second");
        }
        return ttl;
    }

    private byte[] readBody(HttpExchange ex) throws IOException, BadRequest {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && (!length.matches("[0-9]{1,10}") || Long.parseLong(length) > config.maxBodyBytes())) {
            throw new BadRequest(413, "body_too_large", "the body may hold at most " + config.maxBodyBytes()
                    + " bytes");
        }
        InputStream in = ex.getRequestBody();
        byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
        if (body.length > config.maxBodyBytes()) {
            throw new BadRequest(413, "body_too_large", "the body may hold at most " + config.maxBodyBytes()
                    + " bytes");
        }
        return body;
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_CHARS + 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static int headerBytes(Headers headers) {
        int total = 0;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String v : e.getValue()) {
                total += e.getKey().length() + v.length() + 4;
            }
        }
        return total;
    }

    private int tooMany(HttpExchange ex, long waitSeconds) throws IOException {
        ex.getResponseHeaders().set("Retry-After", Long.toString(waitSeconds));
        return sendError(ex, 429, "rate_limited", "too many requests; retry after " + waitSeconds + " s");
    }

    private static String ip(HttpExchange ex) {
        InetSocketAddress remote = ex.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "?" : remote.getAddress().getHostAddress();
    }

    private static int sendError(HttpExchange ex, int status, String code, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return sendJson(ex, status, body);
    }

    private static void trySend(HttpExchange ex, int status, String code, String message) {
        try {
            if (ex.getResponseCode() == -1) {
                sendError(ex, status, code, message);
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static int sendJson(HttpExchange ex, int status, Object body) throws IOException {
        return sendBytes(ex, status, JSON.writeValueAsBytes(body));
    }

    private static int sendBytes(HttpExchange ex, int status, byte[] bytes) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "no-store");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return status;
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        return status;
    }
}
