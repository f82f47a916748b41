package dev.turnkit.transport;

import java.time.Duration;

/** A point in (monotonic) time by which an operation must finish; every blocking call in this package takes one. */
public final class Deadline {
    private final long nanos;

    private Deadline(long nanos) {
        this.nanos = nanos;
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** The earlier of this deadline and {@code timeout} from now. */
    public Deadline within(Duration timeout) {
        long other = System.nanoTime() + timeout.toNanos();
        return other - nanos < 0 ? new Deadline(other) : this;
    }

    public Duration remaining() {
        long left = nanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Remaining whole milliseconds, at least 1 while not expired (0 would mean "forever" to socket timeouts). */
    public int remainingMillisForSocket() throws TransportTimeoutException {
        long ms = (nanos - System.nanoTime() + 999_999) / 1_000_000;
        if (ms <= 0) {
            throw new TransportTimeoutException("deadline passed");
        }
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    public boolean expired() {
        return nanos - System.nanoTime() <= 0;
    }

    long nanoTime() {
        return nanos;
    }
}
