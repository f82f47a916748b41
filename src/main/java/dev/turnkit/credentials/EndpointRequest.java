package dev.turnkit.credentials;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the endpoint's {@link CredentialsHandler} sees it, independent of the server that received
 * it: tests build one with {@link #of} and call the handler without a socket.
 *
 * @param method the request method, e.g. {@code GET}
 * @param path the raw path, without the query
 * @param rawQuery the raw query string, or null
 * @param headers the request headers; {@code get} must ignore case, as HTTP header names do
 * @param body the request body, read at most once
 * @param clientIp the peer's address, for rate limiting and the access log
 */
public record EndpointRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
        InputStream body, String clientIp) {

    /** A request with the given headers (one value each) and body, from {@code 127.0.0.1}. */
    public static EndpointRequest of(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        int q = pathAndQuery.indexOf('?');
        return new EndpointRequest(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? null : pathAndQuery.substring(q + 1), h, new ByteArrayInputStream(body), "127.0.0.1");
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The size of the header block, counted as {@code name: value\r\n} per value. */
    int headerBytes() {
        if (headers instanceof SizedHeaders sized) {
            return sized.headerBytes();
        }
        int total = 0;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String v : e.getValue()) {
                total += e.getKey().length() + v.length() + 4;
            }
        }
        return total;
    }

    /** A header map that knows its size as {@link #headerBytes()} counts it, without grouping values by name. */
    interface SizedHeaders {
        int headerBytes();
    }
}
