package dev.turnkit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs scenarios against an emulator: clear the data, seed as owner, send each step as its user. */
public final class ScenarioRunner {
    private final FirestoreEmulator emulator;
    private final FirestoreRest rest;

    public ScenarioRunner(FirestoreEmulator emulator) {
        this.emulator = emulator;
        this.rest = new FirestoreRest(emulator);
    }

    /** Loads {@code rules} (a {@link RulesCompileException} when they do not compile) and runs {@code scenarios}. */
    public SuiteReport run(RulesSource rules, List<Scenario> scenarios) {
        emulator.loadRules(rules);
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(run(scenario));
        }
        emulator.clearDocuments();
        return new SuiteReport(rules.name(), emulator.hostPort(), results);
    }

    ScenarioResult run(Scenario scenario) {
        emulator.clearDocuments();
        Scenario.Expect expect = scenario.isAttack() ? Scenario.Expect.DENY : Scenario.Expect.ALLOW;
        for (Map.Entry<String, Map<String, Object>> doc : scenario.given().entrySet()) {
            FirestoreRest.Response seeded = rest.send(FirestoreRest.OWNER,
                    FirestoreRest.create(doc.getKey(), doc.getValue()));
            if (!seeded.allowed()) {
                return new ScenarioResult(scenario.name(), expect, false, "seeding " + doc.getKey() + " failed: HTTP "
                        + seeded.status() + " " + Http.oneLine(seeded.body()));
            }
        }
        int i = 0;
        for (Scenario.Step step : scenario.steps()) {
            i++;
            FirestoreRest.Response r = rest.send(step.user(), step.request());
            boolean ok = step.expect() == Scenario.Expect.ALLOW ? r.allowed() : r.denied();
            if (!ok) {
                String got = r.allowed() ? "allowed" : r.denied() ? "denied" : "HTTP " + r.status();
                String why = r.allowed() ? "" : ": " + Http.oneLine(r.body());
                return new ScenarioResult(scenario.name(), expect, false, "step " + i + " (" + step.describe()
                        + ") expected " + step.expect().name().toLowerCase(java.util.Locale.ROOT) + ", got " + got
                        + why);
            }
        }
        return new ScenarioResult(scenario.name(), expect, true, null);
    }
}
