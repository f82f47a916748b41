package dev.turnkit.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent checks concurrently, one thread each, under one overall deadline: every check gets the whole
 * timeout, and a check that has not returned shortly after it is reported UNKNOWN and abandoned (its thread is a
 * daemon and is interrupted). Results keep the order of the input.
 *
 * <pre>{@code
 * CheckReport report = new CheckRunner(Duration.ofSeconds(2)).run(Checks.suite(target, Checks.ALL,
 *         Checks.allTransports()));
 * }</pre>
 */
public final class CheckRunner {
    /** Time a check gets beyond the deadline to return its own (timeout) result before it is abandoned. */
    private static final Duration GRACE = Duration.ofMillis(250);
    private final Duration timeout;

    public CheckRunner(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    public CheckReport run(List<? extends Check> checks) {
        long start = System.nanoTime();
        if (checks.isEmpty()) {
            return new CheckReport(Status.OK, Duration.ZERO, List.of());
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(checks.size(), r -> {
            Thread t = new Thread(r, "check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (Check c : checks) {
                futures.add(pool.submit(() -> c.run(timeout)));
            }
            long hardStop = start + timeout.plus(GRACE).toNanos();
            List<CheckResult> results = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                results.add(await(checks.get(i), futures.get(i), hardStop));
            }
            Status overall = Status.worst(results.stream().map(CheckResult::status).toList());
            return new CheckReport(overall, Duration.ofNanos(System.nanoTime() - start), results);
        } finally {
            pool.shutdownNow();
        }
    }

    private CheckResult await(Check check, Future<CheckResult> future, long hardStop) {
        long started = hardStop - timeout.plus(GRACE).toNanos();
        try {
            return future.get(Math.max(0, hardStop - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new CheckResult(check.name(), check.transport().id(), Status.UNKNOWN,
                    Duration.ofNanos(System.nanoTime() - started), "did not finish within the " + timeout.toMillis()
                    + " ms deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new CheckResult(check.name(), check.transport().id(), Status.UNKNOWN,
                    Duration.ofNanos(System.nanoTime() - started), "interrupted");
        } catch (ExecutionException e) {
            return new CheckResult(check.name(), check.transport().id(), Status.UNKNOWN,
                    Duration.ofNanos(System.nanoTime() - started), "internal error: " + e.getCause());
        }
    }
}
