package dev.turnkit.rules;

/**
 * The outcome of one scenario.
 *
 * @param failedStep what went wrong (step, expected, got), or null when the scenario passed
 */
public record ScenarioResult(String name, Scenario.Expect expect, boolean passed, String failedStep) {
}
