package dev.turnkit.deploy;

/** The host's SSH key is unknown or differs from the recorded one: nothing was sent beyond the key exchange. */
public final class HostKeyException extends DeployException {
    private static final long serialVersionUID = 1L;
    private final String fingerprint;

    HostKeyException(String message, String fingerprint) {
        super(message);
        this.fingerprint = fingerprint;
    }

    /** The fingerprint the host presented ({@code SHA256:...}). */
    public String fingerprint() {
        return fingerprint;
    }
}
