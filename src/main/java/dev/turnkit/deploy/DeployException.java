package dev.turnkit.deploy;

/**
 * A deploy could not proceed (connection lost, remote command failed, host key refused). The message is one line
 * for the user; it never contains a secret.
 */
public class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
