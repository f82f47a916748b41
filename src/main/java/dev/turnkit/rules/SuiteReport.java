package dev.turnkit.rules;

import java.util.List;

/** What {@code turnkit rules test} found: one result per scenario. */
public record SuiteReport(String rulesFile, String emulator, List<ScenarioResult> results) {
    public SuiteReport {
        results = List.copyOf(results);
    }

    public long passed() {
        return results.stream().filter(ScenarioResult::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    public boolean allPassed() {
        return failed() == 0;
    }
}
