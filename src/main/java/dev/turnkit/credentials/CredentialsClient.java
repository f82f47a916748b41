package dev.turnkit.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Fetches TURN credentials from a credentials endpoint the way an app does: {@code GET <url>} with
 * {@code Authorization: Bearer <ID token>}. Every call has a connect and a request timeout. Used by
 * {@code turnkit check --credentials-url}.
 */
public final class CredentialsClient {
    private static final ObjectMapper JSON = Json.MAPPER;

    private final HttpClient http;
    private final Duration timeout;

    /** Credentials as the endpoint returned them. {@link #toString()} hides the password. */
    public record Issued(String username, String password, long ttl, Instant expiresAt, List<String> uris,
            List<String> stunUris) {
        @Override
        public String toString() {
            return "Issued[username=" + username + ", password=<redacted>, ttl=" + ttl + ", uris=" + uris + "]";
        }
    }

    /** The endpoint refused or answered something unusable; {@link #status()} is the HTTP status (0 if none). */
    public static final class CredentialsException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public CredentialsException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A client trusting the JVM's CA certificates. */
    public CredentialsClient(Duration timeout) {
        this(timeout, null);
    }

    /** A client with its own trust (e.g. a test certificate); {@code sslContext} null means the JVM default. */
    public CredentialsClient(Duration timeout, SSLContext sslContext) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        this.http = b.build();
    }

    /**
     * Reads an ID token from a file (as {@code --id-token-file} gives it): the content without surrounding white
     * space; the token itself never appears in the error.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is empty or does not look like a JWT (three dot-separated parts)
     */
    public static String readIdToken(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("ID token file " + file + " is empty");
        }
        if (token.split("\\.", -1).length != 3 || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("ID token file " + file + " does not hold one JWT (header.payload."
                    + "signature)");
        }
        return token;
    }

    /** Fetches credentials with the endpoint's default TTL. */
    public Issued fetch(URI endpoint, String idToken) throws IOException, InterruptedException {
        return fetch(endpoint, idToken, null);
    }

    /**
     * Fetches credentials, asking for {@code ttl} (null: the endpoint's default; the endpoint may grant less).
     *
     * @throws CredentialsException on a non-200 answer (with the endpoint's error code) or a malformed body
     * @throws IOException on connection problems and timeouts
     */
    public Issued fetch(URI endpoint, String idToken, Duration ttl) throws IOException, InterruptedException {
        if (idToken == null || idToken.isBlank()) {
            throw new IllegalArgumentException("the ID token is empty");
        }
        URI uri = ttl == null ? endpoint : URI.create(endpoint + (endpoint.getRawQuery() == null ? "?" : "&")
                + "ttl=" + ttl.toSeconds());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + idToken.strip())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CredentialsException(response.statusCode(), endpoint + " answered " + response.statusCode()
                    + " with a body that is not JSON");
        }
        if (response.statusCode() != 200) {
            String error = body == null ? "" : body.path("error").asText("");
            throw new CredentialsException(response.statusCode(), endpoint + " refused: HTTP "
                    + response.statusCode() + (error.isEmpty() ? "" : " " + error));
        }
        return parse(endpoint, body);
    }

    static Issued parse(URI endpoint, JsonNode body) throws CredentialsException {
        if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()
                || !body.path("ttl").canConvertToLong() || !body.path("uris").isArray()) {
            throw new CredentialsException(200, endpoint + " answered without username, password, ttl and uris");
        }
        List<String> uris = new ArrayList<>();
        body.path("uris").forEach(u -> uris.add(u.asText()));
        List<String> stun = new ArrayList<>();
        for (JsonNode server : body.path("iceServers")) {
            for (JsonNode u : server.path("urls")) {
                if (u.asText().startsWith("stun:")) {
                    stun.add(u.asText());
                }
            }
        }
        String username = body.path("username").asText();
        int colon = username.indexOf(':');
        Instant expiresAt = body.path("expiresAt").isTextual() ? Instant.parse(body.path("expiresAt").asText())
                : colon > 0 && username.substring(0, colon).matches("[0-9]+")
                        ? Instant.ofEpochSecond(Long.parseLong(username.substring(0, colon))) : null;
        return new Issued(username, body.path("password").asText(), body.path("ttl").asLong(), expiresAt,
                List.copyOf(uris), List.copyOf(stun));
    }
}
