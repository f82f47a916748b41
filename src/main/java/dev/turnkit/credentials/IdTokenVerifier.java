package dev.turnkit.credentials;

/** Checks an ID token and returns the verified user id; the only source of the TURN user name. */
public interface IdTokenVerifier extends AutoCloseable {

    /**
     * Returns the uid the token was issued to.
     *
     * @throws InvalidTokenException when the token is not valid now (any reason: a 401 for the caller)
     * @throws VerifierUnavailableException when the token could not be checked (key fetch or emulator down: a 503)
     */
    String verify(String idToken) throws InvalidTokenException;

    @Override
    void close();

    /** The token was refused. {@link #reason()} is a short code safe to return to the caller and to log. */
    final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public InvalidTokenException(String reason) {
            super(reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The verifier could not reach what it needs (public keys, the user database). */
    final class VerifierUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public VerifierUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
