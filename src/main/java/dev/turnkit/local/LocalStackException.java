package dev.turnkit.local;

/** The local stack could not be started or stopped; the message says which part and why. */
public final class LocalStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
