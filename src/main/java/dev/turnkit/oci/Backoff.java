package dev.turnkit.oci;

import com.oracle.bmc.model.BmcException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Bounded retries of throttled calls: on HTTP 429 (TooManyRequests) wait {@code base}, then twice that, and so on
 * up to {@code maxAttempts} requests in all, never without a pause. Other failures are not retried. OCI asks
 * callers to back off exponentially on 429 (API Requests: "Throttling", docs/oci.md).
 *
 * @param maxAttempts requests in all, at least 1
 * @param base        the first pause; at least 1 ms so the loop is never tight
 * @param sleeper     how to pause (tests record the pauses)
 */
public record Backoff(int maxAttempts, Duration base, Sleeper sleeper) {
    /** The CLI's policy: 4 requests, pausing 2 s, 4 s, 8 s. */
    public static final Backoff DEFAULT = new Backoff(4, Duration.ofSeconds(2), Sleeper.REAL);

    public Backoff {
        if (maxAttempts < 1 || base.toMillis() < 1) {
            throw new IllegalArgumentException("maxAttempts >= 1 and base >= 1 ms");
        }
    }

    /** How a pause is taken. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    /** Runs {@code call}; on 429 pauses and repeats, at most {@link #maxAttempts} times in all. */
    public <T> T call(String operation, Supplier<T> call) {
        Duration pause = base;
        for (int attempt = 1;; attempt++) {
            try {
                return call.get();
            } catch (BmcException e) {
                if (e.getStatusCode() != 429 || attempt >= maxAttempts) {
                    throw OciErrors.of(operation, e, attempt);
                }
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OciRequestException(0, operation + ": interrupted while backing off", e);
            }
            pause = pause.multipliedBy(2);
        }
    }
}
