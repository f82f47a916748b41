package dev.turnkit.transport;

/** The server host answered but nothing listens on the port (TCP RST or ICMP port unreachable). */
public final class ConnectionRefusedException extends TransportException {
    private static final long serialVersionUID = 1L;

    public ConnectionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
