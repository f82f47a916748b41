package dev.turnkit.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a suite on an interval in one long-lived process: the first run at once, then one every {@code interval}
 * (fixed rate; a run that overruns its slot is followed by the next one at once, never by a burst of missed ones).
 * Each report goes to the listeners, in order, on the watch's thread; a listener must not block (alerts are
 * delivered on their own thread). {@link #stop()} ends the loop between runs: a run in progress finishes first.
 *
 * <pre>{@code
 * CheckWatch watch = new CheckWatch(new CheckRunner(timeout), suite, Duration.ofSeconds(30),
 *         List.of(printer, alerter, metricsFile));
 * Runtime.getRuntime().addShutdownHook(new Thread(watch::stopAndWait));
 * watch.run();
 * }</pre>
 */
public final class CheckWatch {
    /** Receives each report. */
    @FunctionalInterface
    public interface Listener {
        void onReport(CheckReport report, Instant finishedAt);
    }

    private final CheckRunner runner;
    private final List<? extends Check> suite;
    private final Duration interval;
    private final List<Listener> listeners;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int runs;

    public CheckWatch(CheckRunner runner, List<? extends Check> suite, Duration interval, List<Listener> listeners) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.suite = List.copyOf(suite);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("watch interval must be positive, got " + interval);
        }
        this.interval = interval;
        this.listeners = List.copyOf(listeners);
    }

    /** Runs until {@link #stop()}; returns after the last run's listeners have returned. */
    public void run() {
        try {
            long next = System.nanoTime();
            while (stop.getCount() > 0) {
                CheckReport report = runner.run(suite);
                runs++;
                Instant at = Instant.now();
                for (Listener l : listeners) {
                    l.onReport(report, at);
                }
                long now = System.nanoTime();
                next += interval.toNanos();
                if (next < now) {
                    next = now; // overran: run again at once, do not catch up
                }
                if (stop.await(next - now, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** Asks the loop to stop after the run in progress (if any); returns at once. */
    public void stop() {
        stop.countDown();
    }

    /**
     * {@link #stop()}, then waits up to {@code max} for the loop to return (for a shutdown hook: SIGTERM stops the
     * watch between runs).
     *
     * @return true if the loop returned in time
     */
    public boolean stopAndWait(Duration max) throws InterruptedException {
        stop();
        return stopped.await(max.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs completed so far. */
    public int runs() {
        return runs;
    }

    public Duration interval() {
        return interval;
    }
}
