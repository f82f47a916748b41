package dev.turnkit.oci;

/**
 * An OCI request failed: the message names the operation, the service's answer and what to fix.
 * {@link #credentials()} is true when the cause is on the caller's side (authentication, IAM policy, throttling
 * after every retry), false when the service or the network failed.
 */
public final class OciRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    OciRequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, 0 when no answer came (timeout, connection refused, TLS failure). */
    public int status() {
        return status;
    }

    /** True for 401, 403, 404 (NotAuthorizedOrNotFound): fix the key or the IAM policy. */
    public boolean credentials() {
        return status == 401 || status == 403 || status == 404;
    }
}
