package dev.turnkit.transport;

import java.time.Duration;

/**
 * Request retransmission over UDP (RFC 8489 §6.2.1). A request is sent, then resent after RTO, 2·RTO, 4·RTO, ...
 * until {@code rc} copies have gone out; after the last one the client waits {@code rm}·RTO, then gives up. Over
 * TCP and TLS nothing is resent (RFC 8489 §6.2.2) and the deadline alone bounds the wait. Every exchange is also
 * bounded by the caller's {@link Deadline}, whichever comes first.
 *
 * <table>
 *   <caption>Defaults (RFC 8489 §6.2.1) and the schedule they give</caption>
 *   <tr><th>parameter</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>RTO</td><td>500 ms</td><td>initial retransmission timeout, doubled after each copy</td></tr>
 *   <tr><td>Rc</td><td>7</td><td>copies sent in total</td></tr>
 *   <tr><td>Rm</td><td>16</td><td>wait after the last copy, in multiples of the initial RTO</td></tr>
 *   <tr><td>send times</td><td>0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s</td><td>then failure at 39.5 s</td></tr>
 * </table>
 *
 * @param rto initial retransmission timeout
 * @param rc number of copies sent
 * @param rm final wait in multiples of the initial RTO
 */
public record RetransmissionPolicy(Duration rto, int rc, int rm) {
    /** RFC 8489 §6.2.1 defaults: RTO 500 ms, Rc 7, Rm 16. */
    public static final RetransmissionPolicy RFC_DEFAULT = new RetransmissionPolicy(Duration.ofMillis(500), 7, 16);

    public RetransmissionPolicy {
        if (rto.isNegative() || rto.isZero()) {
            throw new IllegalArgumentException("RTO must be positive, got " + rto);
        }
        if (rc < 1 || rm < 1) {
            throw new IllegalArgumentException("Rc and Rm must be at least 1, got Rc=" + rc + " Rm=" + rm);
        }
    }

    /** Delay between copy {@code sent} (1-based) and the next one, or the final wait after the last copy. */
    Duration delayAfter(int sent) {
        if (sent >= rc) {
            return rto.multipliedBy(rm);
        }
        return rto.multipliedBy(1L << Math.min(sent - 1, 30));
    }
}
