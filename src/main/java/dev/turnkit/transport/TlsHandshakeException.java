package dev.turnkit.transport;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The TLS handshake failed. {@link #problem()} says why in terms an operator acts on, and
 * {@link #presentedChain()} holds the certificates the server sent (if it got that far), so expiry can still be
 * reported for a certificate that failed validation.
 */
public final class TlsHandshakeException extends TransportException {
    private static final long serialVersionUID = 1L;

    /** What went wrong with the server's certificate. */
    public enum Problem {
        /** The chain does not lead to a trusted CA (self-signed, private CA without --ca-file, missing intermediate). */
        UNTRUSTED,
        /** A certificate in the chain has expired. */
        EXPIRED,
        /** A certificate in the chain is not valid yet (clock skew, or issued for the future). */
        NOT_YET_VALID,
        /** The certificate does not name the server (SAN mismatch). */
        HOSTNAME_MISMATCH,
        /** Anything else: protocol or cipher mismatch, the server closed the connection, ... */
        HANDSHAKE
    }

    private final Problem problem;
    private final transient List<X509Certificate> presentedChain;

    public TlsHandshakeException(String message, Problem problem, List<X509Certificate> presentedChain,
            Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.presentedChain = List.copyOf(presentedChain);
    }

    public Problem problem() {
        return problem;
    }

    public List<X509Certificate> presentedChain() {
        return presentedChain;
    }
}
