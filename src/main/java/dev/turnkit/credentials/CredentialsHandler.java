package dev.turnkit.credentials;

import dev.turnkit.credentials.IdTokenVerifier.InvalidTokenException;
import dev.turnkit.credentials.IdTokenVerifier.VerifierUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The endpoint's behaviour as a function, {@link #handle(EndpointRequest) request -> response}, with no socket:
 * routing, CORS ({@link CorsPolicy}), both rate limiters, bearer parsing, the TTL ({@link TtlRequest}), token
 * verification and the iceServers body ({@link IceServersBody}). {@link CredentialsServer} adapts it to the JDK
 * server. Order of the credential checks: size, origin, method, per-IP limit (before any token work), bearer, TTL,
 * token, uid, per-uid limit. The API and its security model are in docs/credentials.md.
 */
final class CredentialsHandler {
    static final String OTHER_ROUTE = "(other)";
    private static final int MAX_RATE_KEYS = 100_000;
    private static final int MAX_TOKEN_CHARS = 4096;

    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final CredentialsServerConfig config;
    private final IdTokenVerifier verifier;
    private final byte[] secret;
    private final Clock clock;
    private final AccessLog events;
    private final Map<String, Route> extraRoutes;
    private final CorsPolicy cors;
    private final TtlRequest ttls;
    private final IceServersBody body;
    private final RateLimiter ipLimiter;
    private final RateLimiter uidLimiter;
    private final long defaultTtl;
    private final long maxTtl;

    /**
     * @param nanoClock the rate limiters' clock ({@code System::nanoTime})
     * @param events where unexpected failures are logged
     */
    CredentialsHandler(CredentialsServerConfig config, IdTokenVerifier verifier, byte[] secret, Clock clock,
            LongSupplier nanoClock, AccessLog events, Map<String, Route> extraRoutes) {
        this.config = config;
        this.verifier = verifier;
        this.secret = secret.clone();
        this.clock = clock;
        this.events = events;
        this.extraRoutes = Map.copyOf(extraRoutes);
        this.cors = new CorsPolicy(config.allowedOrigins());
        this.ttls = new TtlRequest(config.maxBodyBytes());
        this.body = IceServersBody.of(config);
        this.ipLimiter = new RateLimiter(config.ipRequestsPerMinute(), MAX_RATE_KEYS, nanoClock);
        this.uidLimiter = new RateLimiter(config.uidRequestsPerMinute(), MAX_RATE_KEYS, nanoClock);
        this.defaultTtl = config.defaultTtl().toSeconds();
        this.maxTtl = config.maxTtl().toSeconds();
    }

    static boolean ownPath(String path) {
        return path.equals(CredentialsServer.CREDENTIALS_PATH) || path.equals(CredentialsServer.HEALTH_PATH);
    }

    /** The route label of a path: the path itself when it is served, else {@code (other)}. */
    String route(String path) {
        return ownPath(path) || extraRoutes.containsKey(path) ? path : OTHER_ROUTE;
    }

    /** Answers one request; never throws. */
    EndpointResponse handle(EndpointRequest request) {
        try {
            String path = request.path();
            if (path.equals(CredentialsServer.CREDENTIALS_PATH)) {
                return credentials(request);
            }
            if (path.equals(CredentialsServer.HEALTH_PATH)) {
                return health(request);
            }
            Route extra = extraRoutes.get(path);
            if (extra != null) {
                return extra.handle(request);
            }
            return EndpointResponse.error(404, "not_found", "the endpoint is " + CredentialsServer.CREDENTIALS_PATH);
        } catch (IOException | UncheckedIOException e) {
            return EndpointResponse.noResponse("io_error");
        } catch (RuntimeException e) {
            events.event("ERROR", "internal_error", e.getClass().getName());
            return EndpointResponse.error(500, "internal_error", "internal error");
        }
    }

    private static EndpointResponse health(EndpointRequest request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return EndpointResponse.error(405, "method_not_allowed", "use GET").header("Allow", "GET, HEAD");
        }
        return EndpointResponse.json(200, HEALTHY.clone());
    }

    private EndpointResponse credentials(EndpointRequest request) throws IOException {
        if (request.headerBytes() > config.maxHeaderBytes()) {
            return noStore(EndpointResponse.error(431, "headers_too_large", "request headers exceed "
                    + config.maxHeaderBytes() + " bytes"));
        }
        String origin = request.header("Origin");
        if (!cors.allows(origin)) {
            return noStore(EndpointResponse.error(403, "origin_not_allowed", "this origin may not call the endpoint"));
        }
        EndpointResponse response;
        try {
            response = noStore(credentialsFromAllowedOrigin(request, origin));
        } catch (VerifierUnavailableException e) {
            events.event("ERROR", "verifier_unavailable", e.getMessage());
            response = noStore(EndpointResponse.error(503, "verifier_unavailable",
                    "ID tokens cannot be checked right now; retry later"));
        }
        cors.addResponseHeaders(origin, response);
        return response;
    }

    private EndpointResponse credentialsFromAllowedOrigin(EndpointRequest request, String origin)
            throws IOException {
        String method = request.method();
        if (method.equals("OPTIONS")) {
            return cors.preflight(origin);
        }
        if (!method.equals("GET") && !method.equals("POST")) {
            return EndpointResponse.error(405, "method_not_allowed", "use GET or POST")
                    .header("Allow", CorsPolicy.ALLOWED_METHODS);
        }
        long wait = ipLimiter.acquire(request.clientIp());
        if (wait > 0) {
            return tooMany(wait, "rate_limited_ip");
        }
        String token = bearer(request.header("Authorization"));
        if (token == null) {
            return EndpointResponse.error(401, "missing_token", "send 'Authorization: Bearer <Firebase ID token>'")
                    .header("WWW-Authenticate", "Bearer");
        }
        Long requested;
        try {
            requested = ttls.parse(request);
        } catch (BadRequestException e) {
            return e.toResponse();
        }
        String uid;
        try {
            uid = verifier.verify(token);
        } catch (InvalidTokenException e) {
            return EndpointResponse.error(401, e.reason(), "the ID token was refused (" + e.reason() + ")")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        if (!usableUid(uid)) {
            return EndpointResponse.error(403, "uid_not_usable", "this account's uid cannot be a TURN user name")
                    .issuedTo(uid, null);
        }
        wait = uidLimiter.acquire(uid);
        if (wait > 0) {
            return tooMany(wait, "rate_limited_uid").issuedTo(uid, null);
        }
        long ttl = Math.min(requested == null ? defaultTtl : requested, maxTtl);
        TurnRestCredentials issued = TurnRestCredentials.issue(secret, uid, Duration.ofSeconds(ttl), clock.instant());
        EndpointResponse ok = EndpointResponse.json(200, body.render(issued, ttl)).issuedTo(uid, ttl);
        if (config.tls()) {
            ok.header("Strict-Transport-Security", "max-age=31536000");
        }
        return ok;
    }

    private static EndpointResponse noStore(EndpointResponse response) {
        return response.header("Pragma", "no-cache").header("Vary", "Origin, Authorization");
    }

    private static EndpointResponse tooMany(long waitSeconds, String loggedAs) {
        return EndpointResponse.error(429, "rate_limited", "too many requests; retry after " + waitSeconds + " s")
                .header("Retry-After", Long.toString(waitSeconds)).loggedAs(loggedAs);
    }

    /**
     * True for uids that are safe as the user part of {@code <expiry>:<user>}: 1-128 of {@code [A-Za-z0-9._-]} (no
     * separator, no control characters). A loop, not a regex: it runs for every issued credential.
     */
    static boolean usableUid(String uid) {
        int n = uid.length();
        if (n < 1 || n > 128) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = uid.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_CHARS + 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
