package dev.turnkit.check;

import java.time.Duration;
import java.util.List;

/**
 * The results of a run, in the order the checks were given.
 *
 * @param status the worst status ({@link Status#worst}); OK for an empty run
 * @param duration wall time of the whole run
 * @param results one per check
 */
public record CheckReport(Status status, Duration duration, List<CheckResult> results) {

    public CheckReport {
        results = List.copyOf(results);
    }
}
