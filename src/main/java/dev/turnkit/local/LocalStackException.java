package dev.turnkit.local;

/** The local stack could not be started or stopped; the message says which part and why. */
public final class LocalStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean portInUse;

    public LocalStackException(String message) {
        this(message, null, false);
    }

    public LocalStackException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private LocalStackException(String message, Throwable cause, boolean portInUse) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    /** A standard port is taken: the caller may offer its own way to pick free ports instead. */
    static LocalStackException portInUse(String message) {
        return new LocalStackException(message, null, true);
    }

    /** True when a standard port was taken (the CLI then points at its option for free ports). */
    public boolean portInUse() {
        return portInUse;
    }
}
