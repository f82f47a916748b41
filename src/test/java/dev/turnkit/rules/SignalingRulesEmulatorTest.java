package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.testsupport.Components;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's firestore.rules against the scenario suite on the real Firestore emulator, and the seed's rules. */
class SignalingRulesEmulatorTest {
    private static FirestoreEmulator emulator;
    private static List<Scenario> scenarios;

    @BeforeAll
    static void startEmulator() {
        Path jar = Components.firestoreEmulatorJar();
        emulator = FirestoreEmulator.start(FirestoreEmulator.Options.defaults().withJar(jar)
                .withProjectId("demo-rules-test"));
        scenarios = SignalingScenarios.all();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theSuiteHasAtLeastThirtyScenariosWithBothAllowAndDeny() {
        assertThat(scenarios).as("issue 5 asks for at least 30 scenarios").hasSizeGreaterThanOrEqualTo(30);
        assertThat(scenarios.stream().filter(Scenario::isAttack).count()).as("attacks").isGreaterThan(20);
        assertThat(scenarios.stream().filter(s -> !s.isAttack()).count()).as("allowed flows").isGreaterThan(10);
        assertThat(scenarios.stream().map(Scenario::name).distinct().count()).as("names are unique")
                .isEqualTo(scenarios.size());
    }

    @Test
    void theProjectRulesPassEveryScenario() {
        SuiteReport report = new ScenarioRunner(emulator).run(RulesSource.read(Path.of("firestore.rules")), scenarios);

        assertThat(failures(report)).as("firestore.rules lets the call flow happen and denies every attack")
                .isEmpty();
        assertThat(report.passed()).isEqualTo(scenarios.size());
    }

    @Test
    void theSeedRulesFailTheSuiteOnEachOfItsBugs() {
        SuiteReport report = new ScenarioRunner(emulator).run(
                RulesSource.read(Path.of("src/test/resources/fixtures/seed.firestore.rules")), scenarios);

        List<String> failed = report.results().stream().filter(r -> !r.passed()).map(ScenarioResult::name).toList();
        assertThat(report.allPassed()).as("the seed's rules must fail the suite").isFalse();
        assertThat(failed).as("seed bug: isParticipant() in ice_candidates reads the candidate, not the session")
                .contains("caller adds an ICE candidate while the offer is out (seed: never allowed)",
                        "full call flow: offer, discovery, answer, candidates, connect, hang-up, cleanup");
        assertThat(failed).as("seed bug: participants can rewrite caller_id/callee_id")
                .contains("the callee cannot redirect the call by rewriting caller_id (seed bug)",
                        "the caller cannot redirect the call by rewriting callee_id (seed bug)");
        assertThat(failed).as("seed bug: duration(1, 'h') is invalid, so the cleanup rule never allows anything")
                .contains("the callee deletes an expired session (seed: duration(1, 'h') never allows it)");
        assertThat(failed).as("seed bug: no validation of who sets the offer and the answer, types and sizes")
                .contains("only the callee writes the answer: the caller cannot",
                        "an offer larger than 64 KiB is refused",
                        "state cannot skip OFFER_SENT -> CONNECTED");
    }

    @Test
    void brokenRulesAreRefusedWithLineAndColumnAndThePreviousRulesStay() {
        RulesSource broken = new RulesSource("broken.rules", "rules_version = '2';\n"
                + "service cloud.firestore {\n  match /databases/{database}/documents {\n"
                + "    match /x/{id} {\n      allow read: false;\n    }\n  }\n}\n");

        assertThatThrownBy(() -> emulator.loadRules(broken))
                .isInstanceOfSatisfying(RulesCompileException.class, e -> assertThat(e.issues())
                        .as("each issue has the file, line and column")
                        .allSatisfy(i -> assertThat(i.format()).matches("broken\\.rules:\\d+:\\d+ ERROR .+"))
                        .anySatisfy(i -> assertThat(i.line()).isEqualTo(5)));
    }

    private static String failures(SuiteReport report) {
        return report.results().stream().filter(r -> !r.passed())
                .map(r -> r.name() + ": " + r.failedStep()).collect(Collectors.joining("\n"));
    }
}
