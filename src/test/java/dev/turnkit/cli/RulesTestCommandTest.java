package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.rules.FirestoreEmulator;
import dev.turnkit.rules.FirestoreRest;
import dev.turnkit.testsupport.Components;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit rules test} and {@code turnkit sessions prune} through Main.run against the real emulator. */
class RulesTestCommandTest {
    private static FirestoreEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEmulator() {
        emulator = FirestoreEmulator.start(FirestoreEmulator.Options.defaults()
                .withJar(Components.firestoreEmulatorJar()).withProjectId("demo-cli-test"));
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theProjectRulesPassAndJsonListsEveryScenario() throws Exception {
        MainTest.Result r = MainTest.run("rules", "test", "--emulator", emulator.hostPort(), "--project",
                "demo-cli-test", "--json");

        assertThat(r.code()).as(r.out()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("results").size()).isGreaterThanOrEqualTo(30);
        assertThat(json.path("results").findValuesAsText("passed")).containsOnly("true");
    }

    @Test
    void theSeedRulesFailTheSuiteWithExit2() {
        MainTest.Result r = MainTest.run("rules", "test", "--emulator", emulator.hostPort(), "--project",
                "demo-cli-test", "--rules", "src/test/resources/fixtures/seed.firestore.rules");

        assertThat(r.code()).as("a policy violation is CRITICAL").isEqualTo(2);
        assertThat(r.out()).contains("FAIL  deny  the callee cannot redirect the call by rewriting caller_id")
                .containsPattern("\\d+ scenarios: \\d+ passed, [1-9]\\d* failed");
    }

    @Test
    void brokenRulesExit3WithLineAndColumn() throws Exception {
        Path broken = dir.resolve("broken.rules");
        Files.writeString(broken, "rules_version = '2';\nservice cloud.firestore {\n"
                + "  match /databases/{database}/documents {\n    allow read: if;\n  }\n}\n");

        MainTest.Result r = MainTest.run("rules", "test", "--emulator", emulator.hostPort(), "--project",
                "demo-cli-test", "--rules", broken.toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).containsPattern("broken\\.rules:4:\\d+ ERROR ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadEmulatorAddressIsBadInput() {
        MainTest.Result r = MainTest.run("rules", "test", "--emulator", "127.0.0.1");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--emulator must be HOST:PORT");
    }

    @Test
    void aMissingEmulatorJarExits3WithTheInstallHint() {
        MainTest.Result r = MainTest.run("rules", "test", "--emulator-jar", dir.resolve("none.jar").toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("Firestore emulator jar not found", "google-cloud-cli-firestore-emulator");
    }

    @Test
    void withoutEmulatorTheCommandStartsAndStopsItsOwn() {
        MainTest.Result r = MainTest.run("rules", "test", "--project", "demo-cli-own");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("starting the Firestore emulator");
        assertThat(r.out()).containsPattern("\\d+ scenarios: \\d+ passed, 0 failed");
    }

    @Test
    void sessionsPruneOnTheEmulatorReportsWhatItDeleted() throws Exception {
        emulator.clearDocuments();
        FirestoreRest rest = new FirestoreRest(emulator);
        Instant old = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        assertThat(rest.send(FirestoreRest.OWNER, FirestoreRest.create("webrtc_sessions/old",
                Map.of("caller_id", "alice", "created_at", old, "expires_at", old.plusSeconds(3600)))).allowed())
                .isTrue();
        assertThat(rest.send(FirestoreRest.OWNER, FirestoreRest.create("webrtc_sessions/old/ice_candidates/caller-0",
                Map.of("sender_id", "alice", "created_at", old))).allowed()).isTrue();

        MainTest.Result r = MainTest.run("sessions", "prune", "--older-than", "1h", "--emulator",
                emulator.hostPort(), "--project", "demo-cli-test", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("sessions").asInt()).isEqualTo(1);
        assertThat(json.path("candidates").asInt()).isEqualTo(1);
        assertThat(rest.send(FirestoreRest.OWNER, FirestoreRest.get("webrtc_sessions/old/ice_candidates/caller-0"))
                .status()).as("no orphan candidate").isEqualTo(404);
        assertThat(json.path("dryRun").asBoolean()).isFalse();
    }

    @Test
    void sessionsPruneRejectsABadAge() {
        MainTest.Result r = MainTest.run("sessions", "prune", "--older-than", "soon", "--project", "p");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--older-than must be a positive age like 90s, 30m, 1h or 2d, got 'soon'");
    }

    @Test
    void sessionsPruneNeedsAProjectOrAnEmulator() {
        MainTest.Result r = MainTest.run("sessions", "prune", "--older-than", "1h");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("pass --project P (or --emulator HOST:PORT)");
    }
}
