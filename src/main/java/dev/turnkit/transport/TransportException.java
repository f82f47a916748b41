package dev.turnkit.transport;

/**
 * A STUN/TURN exchange failed: connection refused, unreachable, reset, TLS handshake failed, malformed reply, or a
 * timeout ({@link TransportTimeoutException}). The message is one line that names the remote and what happened.
 */
public class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
