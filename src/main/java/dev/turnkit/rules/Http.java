package dev.turnkit.rules;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** The one HTTP helper of this package: every request has a connect and a response timeout. */
final class Http {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final Duration timeout;

    Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends {@code method uri} with an optional JSON body; network failures become a {@link RulesException}. */
    HttpResponse<String> send(String method, URI uri, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(b::header);
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RulesException(RulesException.Kind.REFUSED,
                    method + " " + uri + " timed out after " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new RulesException(RulesException.Kind.REFUSED, "cannot reach " + uri.getScheme() + "://"
                    + uri.getAuthority() + " (" + method + " " + uri.getPath() + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesException(RulesException.Kind.REFUSED, method + " " + uri + " interrupted", e);
        }
    }

    /** {@code s} on one line, at most 300 characters (for error messages). */
    static String oneLine(String s) {
        String flat = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
