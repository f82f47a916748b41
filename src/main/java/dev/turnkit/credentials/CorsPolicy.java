package dev.turnkit.credentials;

import java.util.Set;

/**
 * CORS for the credentials endpoint: only the configured exact origins, echoed back (never {@code *}, never
 * credentials mode); a request from any other origin is refused outright rather than answered without CORS
 * headers, so that a misconfigured app fails loudly. Requests without {@code Origin} (not from a browser page)
 * are not CORS requests and pass.
 */
final class CorsPolicy {
    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> allowedOrigins;

    CorsPolicy(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** True when a request with this {@code Origin} header (null for none) may be served. */
    boolean allows(String origin) {
        return origin == null || allowedOrigins.contains(origin);
    }

    /** Adds the headers of an allowed cross-origin response; nothing for a request without {@code Origin}. */
    void addResponseHeaders(String origin, EndpointResponse response) {
        if (origin != null) {
            response.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Expose-Headers", "Retry-After");
        }
    }

    /** The answer to an allowed preflight ({@code OPTIONS}): 204 with the methods, headers and cache time. */
    EndpointResponse preflight(String origin) {
        EndpointResponse r = EndpointResponse.empty(204)
                .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        addResponseHeaders(origin, r);
        return r;
    }
}
