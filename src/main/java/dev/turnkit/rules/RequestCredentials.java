package dev.turnkit.rules;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The headers a request must carry to be authorised: what google-auth-library's {@code getRequestMetadata(uri)}
 * returns ({@code Authorization}, and {@code x-goog-user-project} when the credentials name a quota project).
 * Tests pass fixed headers.
 */
@FunctionalInterface
public interface RequestCredentials {
    /** Headers for a request to {@code uri}; a {@link RulesException} of kind BAD_INPUT without usable credentials. */
    Map<String, List<String>> requestMetadata(URI uri);

    /** Just {@code Authorization: Bearer token}. */
    static RequestCredentials bearer(String token) {
        return uri -> Map.of("Authorization", List.of("Bearer " + token));
    }
}
