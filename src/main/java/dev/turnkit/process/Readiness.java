package dev.turnkit.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a server that was just started to serve: poll a readiness probe until it holds, the process exits,
 * or the time is up. The caller says what each outcome means for it (its own exception and wording).
 */
public final class Readiness {
    /** How a wait ended. */
    public enum Outcome {
        /** The probe held. */
        READY,
        /** The process exited before the probe held. */
        EXITED,
        /** Neither within the timeout. */
        TIMED_OUT
    }

    private Readiness() {
    }

    /**
     * Polls {@code ready}, then {@code alive}, every {@code poll} until one decides or {@code timeout} passes.
     *
     * @param ready the readiness probe; it must itself time out (e.g. a connect or request timeout)
     * @param alive whether the process still runs
     * @throws InterruptedException if interrupted while waiting (the caller stops the process)
     */
    public static Outcome await(Duration timeout, Duration poll, BooleanSupplier ready, BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (ready.getAsBoolean()) {
                return Outcome.READY;
            }
            if (!alive.getAsBoolean()) {
                return Outcome.EXITED;
            }
            Thread.sleep(poll.toMillis());
        }
        return Outcome.TIMED_OUT;
    }
}
