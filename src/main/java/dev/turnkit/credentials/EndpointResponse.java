package dev.turnkit.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the endpoint answers to one {@link EndpointRequest}: status, headers and body, plus what the access log and
 * a {@link RequestListener} learn about it (error code, uid, TTL). Filled in by the handler that makes it, then
 * only read.
 */
public final class EndpointResponse {
    /** {@link #status()} when no response can be sent (the client went away while the request was read). */
    public static final int NO_RESPONSE = 0;

    private final int status;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>(8);
    private String error;
    private String uid;
    private Long ttl;

    private EndpointResponse(int status, byte[] body) {
        this.status = status;
        this.body = body;
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-store");
    }

    /** A JSON response (also the default content type; {@link #header} may replace it). */
    public static EndpointResponse json(int status, byte[] body) {
        return new EndpointResponse(status, body);
    }

    /** A response without a body, such as a 204. */
    public static EndpointResponse empty(int status) {
        return new EndpointResponse(status, null);
    }

    /** {@code {"error": code, "message": message}}; the code is also what the access log records. */
    public static EndpointResponse error(int status, String code, String message) {
        byte[] body = ("{\"error\":" + JsonText.quote(code) + ",\"message\":" + JsonText.quote(message) + "}")
                .getBytes(StandardCharsets.UTF_8);
        EndpointResponse r = new EndpointResponse(status, body);
        r.error = code;
        return r;
    }

    /** Nothing can be answered; {@code error} says why, for the log. */
    static EndpointResponse noResponse(String error) {
        EndpointResponse r = new EndpointResponse(NO_RESPONSE, null);
        r.error = error;
        return r;
    }

    /** Sets (or replaces) a response header. */
    public EndpointResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Records {@code code} in the log instead of the body's error code (e.g. which rate limit refused). */
    EndpointResponse loggedAs(String code) {
        this.error = code;
        return this;
    }

    EndpointResponse issuedTo(String uid, Long ttl) {
        this.uid = uid;
        this.ttl = ttl;
        return this;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The body, or null for none. */
    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The error code of a refusal (as in the JSON body), or null. */
    public String error() {
        return error;
    }

    /** The verified uid, once known, or null. */
    public String uid() {
        return uid;
    }

    /** The TTL of issued credentials, or null. */
    public Long ttl() {
        return ttl;
    }
}
