package dev.turnkit.credentials;

/**
 * Told about every request the endpoint completed: the access log is one; metrics can be another. Called on the
 * request thread after the response was sent, so it must be quick and must not throw.
 */
@FunctionalInterface
public interface RequestListener {

    void completed(RequestOutcome outcome);

    /**
     * One completed request.
     *
     * @param clientIp the peer's address
     * @param method the request method
     * @param route the matched route ({@code /v1/turn-credentials}, {@code /healthz}, an added route), or
     *     {@code (other)}: never the raw path, so that labels stay bounded
     * @param status the HTTP status sent, or {@link EndpointResponse#NO_RESPONSE}
     * @param nanos time from receiving the request to sending the response
     * @param uid the verified uid, or null
     * @param ttl the TTL of issued credentials, or null
     * @param error the error code of a refusal (e.g. {@code rate_limited_uid}), or null
     */
    record RequestOutcome(String clientIp, String method, String route, int status, long nanos, String uid, Long ttl,
            String error) {
    }
}
