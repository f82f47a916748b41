package dev.turnkit.check;

import dev.turnkit.credentials.TurnRestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where checks get TURN credentials. Called once per check that allocates, so short-lived credentials (TURN REST,
 * or a later one fetched from the credentials endpoint) are fresh. Implement this interface to plug in another
 * source; {@link #cause401()} lets a 401 be explained in terms of that source.
 */
public interface CredentialSource {

    /** How to give {@code turnkit check} credentials, for messages: every way the command accepts. */
    String HOW_TO_PASS = "pass --secret-file F, --username U --password P, or --credentials-url URL "
            + "--id-token-file F";

    /**
     * A credential to allocate with.
     *
     * @throws CredentialException if none can be obtained (e.g. the credentials endpoint is down)
     */
    TurnCredential obtain() throws CredentialException;

    /** What a 401 after sending these credentials most likely means; one clause, no secrets. */
    String cause401();

    /** TURN REST credentials (coturn {@code use-auth-secret}): {@code <expiry>:<user>} + base64 HMAC-SHA1. */
    static CredentialSource restSecret(byte[] secret, String user, Duration ttl, Clock clock) {
        byte[] copy = secret.clone();
        Objects.requireNonNull(user, "user");
        return new CredentialSource() {
            @Override
            public TurnCredential obtain() {
                TurnRestCredentials c = TurnRestCredentials.issue(copy, user, ttl, clock.instant());
                return new TurnCredential(c.username(), c.password());
            }

            @Override
            public String cause401() {
                return "401 after correct HMAC: server not in use-auth-secret mode or secrets differ "
                        + "(or the clocks differ by more than the TTL)";
            }

            @Override
            public String toString() {
                return "TURN REST secret for user " + user;
            }
        };
    }

    /** REST credentials valid for 5 minutes for user {@code turnkit-check}. */
    static CredentialSource restSecret(byte[] secret) {
        return restSecret(secret, "turnkit-check", Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** A fixed username and password (a static long-term user, or a REST credential issued elsewhere). */
    static CredentialSource fixed(String username, String password) {
        TurnCredential credential = new TurnCredential(username, password);
        return new CredentialSource() {
            @Override
            public TurnCredential obtain() {
                return credential;
            }

            @Override
            public String cause401() {
                return "401 with the given username/password: wrong password, unknown user, wrong realm, "
                        + "or an expired REST timestamp in the username";
            }

            @Override
            public String toString() {
                return "username " + username;
            }
        };
    }

    /**
     * Credentials from the turnkit credentials endpoint, fetched with a Firebase ID token as an app would
     * ({@code turnkit check --credentials-url URL --id-token-file F}).
     *
     * @param caFile PEM CA certificates to trust for an {@code https} endpoint, or null for the JVM's
     * @throws IllegalArgumentException for a non-http(s) URL, an empty token or an unreadable CA file
     */
    static CredentialSource endpoint(java.net.URI url, String idToken, Duration timeout, java.nio.file.Path caFile) {
        return new EndpointCredentials(url, idToken, timeout, caFile, Clock.systemUTC());
    }

    /**
     * Could not obtain credentials; the message is one line without secrets that says what to do (e.g. "cannot
     * fetch TURN credentials from https://...: 401, is the ID token expired?").
     */
    final class CredentialException extends Exception {
        private static final long serialVersionUID = 1L;

        public CredentialException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
