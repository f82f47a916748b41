package dev.turnkit.transport;

/** No answer before the deadline: nothing listening behind a firewall that drops, a lost path, or a stuck server. */
public final class TransportTimeoutException extends TransportException {
    private static final long serialVersionUID = 1L;

    public TransportTimeoutException(String message) {
        super(message);
    }
}
