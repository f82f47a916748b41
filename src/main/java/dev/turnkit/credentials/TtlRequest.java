package dev.turnkit.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.model.Json;
import java.io.IOException;
import java.io.InputStream;

/**
 * The TTL a client asks for: {@code ?ttl=N} in the query, or a JSON body {@code {"ttl": N}} on POST (the body wins
 * when both are given). Whole seconds, at least 1; clamping to the configured maximum is the caller's job. The body
 * is bounded: a {@code Content-Length} over the limit is refused before reading, and no more than the limit plus
 * one byte is ever read.
 */
final class TtlRequest {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final int maxBodyBytes;

    TtlRequest(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The requested TTL in seconds, or null when the request asks for none. */
    Long parse(EndpointRequest request) throws IOException, BadRequestException {
        Long ttl = fromQuery(request.rawQuery());
        if (request.method().equals("POST")) {
            Long fromBody = fromBody(request.header("Content-Length"), request.body());
            if (fromBody != null) {
                ttl = fromBody;
            }
        }
        return ttl;
    }

    /** {@code ttl=N} in a raw query string (the last one wins), or null. */
    static Long fromQuery(String rawQuery) throws BadRequestException {
        Long ttl = null;
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("ttl=")) {
                    String text = pair.substring(4);
                    if (!digits(text, 9)) {
                        throw badTtl("ttl must be a whole number of seconds");
                    }
                    ttl = atLeastOne(Long.parseLong(text));
                }
            }
        }
        return ttl;
    }

    /** {@code {"ttl": N}} from a JSON object body; null for an empty body or no (or a null) {@code ttl}. */
    Long fromBody(String contentLength, InputStream in) throws IOException, BadRequestException {
        if (contentLength != null && (!digits(contentLength, 10)
                || Long.parseLong(contentLength) > maxBodyBytes)) {
            throw tooLarge();
        }
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        if (body.length == 0) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException(400, "bad_request", "the body must be JSON such as {\"ttl\": 600}");
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException(400, "bad_request", "the body must be a JSON object such as {\"ttl\": 600}");
        }
        JsonNode t = node.get("ttl");
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.isIntegralNumber() || !t.canConvertToLong()) {
            throw badTtl("ttl must be a whole number of seconds");
        }
        return atLeastOne(t.asLong());
    }

    /** 1 to {@code max} ASCII digits and nothing else (no sign, no spaces). */
    static boolean digits(String text, int max) {
        int n = text.length();
        if (n < 1 || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long atLeastOne(long ttl) throws BadRequestException {
        if (ttl < 1) {
            throw badTtl("ttl must be at least 1 second");
        }
        return ttl;
    }

    private static BadRequestException badTtl(String message) {
        return new BadRequestException(400, "bad_ttl", message);
    }

    private BadRequestException tooLarge() {
        return new BadRequestException(413, "body_too_large", "the body may hold at most " + maxBodyBytes + " bytes");
    }
}
