package dev.turnkit.load;

import dev.turnkit.transport.TurnClient;

/**
 * One call: caller A and callee B, each an allocation on its own connection, bound to each other by a channel. A
 * sends, B echoes. Each counter has one writer (the media thread) and is read by others only for the progress line,
 * or after that thread ended.
 */
final class Call {
    final int id;
    TurnClient caller;
    TurnClient callee;
    long sent;
    long receivedByPeer;
    long echoed;
    long receivedBack;
    private int seq;
    private long lastTransit = Long.MIN_VALUE;
    private double jitterNanos;
    final RttHistogram rtt = new RttHistogram();

    Call(int id) {
        this.id = id;
    }

    int nextSeq() {
        return seq++;
    }

    /** The callee got a packet stamped {@code sentAt}: count it and update RFC 3550 §6.4.1 interarrival jitter. */
    void calleeReceived(long sentAt, long now) {
        receivedByPeer++;
        long transit = now - sentAt;
        if (lastTransit != Long.MIN_VALUE) {
            jitterNanos += (Math.abs(transit - lastTransit) - jitterNanos) / 16;
        }
        lastTransit = transit;
    }

    /** The caller got the echo of a packet stamped {@code sentAt}. */
    void callerReceived(long sentAt, long now) {
        receivedBack++;
        rtt.recordNanos(now - sentAt);
    }

    double jitterNanos() {
        return jitterNanos;
    }
}
