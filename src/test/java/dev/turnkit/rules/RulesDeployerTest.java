package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deploy flow against a local Rules API that checks the documented request shapes. */
class RulesDeployerTest {
    private static final String PROJECT = "demo-deploy";
    private static final RulesSource LOCAL = new RulesSource("firestore.rules", "rules_version = '2'; // v2\n");
    private static final String DEFAULT_RELEASE = "projects/" + PROJECT + "/releases/cloud.firestore";

    private FakeRulesApi fake;
    private final List<String> log = new ArrayList<>();
    private RulesDeployer deployer;

    @BeforeEach
    void startFake() throws Exception {
        fake = new FakeRulesApi();
        deployer = new RulesDeployer(fake.client(), log::add);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void compileErrorsStopTheDeployWithFileLineAndColumn() {
        // given:
        fake.compileIssues.add(issue("ERROR", 6, 20, "Missing 'if' before conditional expression."));
        // when / then:
        assertThatThrownBy(() -> deployer.deploy(PROJECT, null, LOCAL, false))
                .isInstanceOfSatisfying(RulesCompileException.class, e -> assertThat(e.issues())
                        .extracting(RulesIssue::format)
                        .containsExactly("firestore.rules:6:20 ERROR Missing 'if' before conditional expression."));
        assertThat(fake.mutatingRequests()).as("nothing is created when the rules do not compile").isEmpty();
    }

    @Test
    void warningsWithoutPositionArePrintedAndTheDeployGoesOn() {
        // given:
        fake.compileIssues.add(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("severity", "WARNING").put("description", "Ruleset uses old version (version [1])."));
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(log).as("a warning without line/column still prints as file:line:col severity message")
                .contains("firestore.rules:?:? WARNING Ruleset uses old version (version [1]).");
    }

    @Test
    void unchangedRulesAreNotUploadedAgain() {
        // given:
        String current = fake.addRuleset(PROJECT, LOCAL.name(), LOCAL.content(), "cloud.firestore");
        fake.releases.put(DEFAULT_RELEASE, current);
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.UNCHANGED);
        assertThat(report.ruleset()).isEqualTo(current);
        assertThat(fake.mutatingRequests()).as("same (name, content): no ruleset, no release update").isEmpty();
        assertThat(fake.requests).contains("GET /v1/projects/demo-deploy/releases/cloud.firestore");
    }

    @Test
    void aRenamedFileIsUploadedEvenWithTheSameContent() {
        // given:
        fake.releases.put(DEFAULT_RELEASE, fake.addRuleset(PROJECT, "rules/old.rules", LOCAL.content(),
                "cloud.firestore"));
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(fake.releases.get(DEFAULT_RELEASE)).isEqualTo(report.ruleset());
    }

    @Test
    void changedRulesUpdateTheExistingReleaseWithPatch() {
        // given:
        fake.releases.put(DEFAULT_RELEASE, fake.addRuleset(PROJECT, LOCAL.name(), "old", "cloud.firestore"));
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.created()).as("an existing release is patched, not created").isFalse();
        assertThat(fake.mutatingRequests()).containsExactly(
                "POST /v1/projects/demo-deploy/rulesets",
                "PATCH /v1/projects/demo-deploy/releases/cloud.firestore");
        assertThat(fake.releases.get(DEFAULT_RELEASE)).isEqualTo(report.ruleset());
        assertThat(fake.rulesets.get(report.ruleset()).attachmentPoint())
                .as("the default database needs no attachment_point").isNull();
    }

    @Test
    void aMissingReleaseIsCreatedAfterThePatchAnswers404() {
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.created()).isTrue();
        assertThat(fake.mutatingRequests()).containsExactly(
                "POST /v1/projects/demo-deploy/rulesets",
                "PATCH /v1/projects/demo-deploy/releases/cloud.firestore",
                "POST /v1/projects/demo-deploy/releases");
        assertThat(fake.releases).containsEntry(DEFAULT_RELEASE, report.ruleset());
    }

    @Test
    void aNamedDatabaseUsesItsOwnReleaseAndAnAttachmentPoint() {
        // given: the default database already runs exactly these rules (firebase-tools#9910 would skip here)
        fake.releases.put(DEFAULT_RELEASE, fake.addRuleset(PROJECT, LOCAL.name(), LOCAL.content(),
                "cloud.firestore"));
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, "calls", LOCAL, false);
        // then:
        assertThat(report.outcome()).as("the default database's release is not the named one's")
                .isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(report.release()).isEqualTo(DEFAULT_RELEASE + "/calls");
        assertThat(fake.requests).contains("GET /v1/projects/demo-deploy/releases/cloud.firestore/calls",
                "GET /rm/v1/projects/demo-deploy");
        assertThat(fake.rulesets.get(report.ruleset()).attachmentPoint())
                .isEqualTo("firestore.googleapis.com/projects/" + FakeRulesApi.PROJECT_NUMBER + "/databases/calls");
        assertThat(fake.releases).containsEntry(DEFAULT_RELEASE + "/calls", report.ruleset());
    }

    @Test
    void theRulesetQuotaPrunesTheOldestUnreleasedFirestoreRulesetsSeriallyAndRetriesOnce() {
        // given: 6 rulesets (more than two pages of listing), quota 6
        String oldestFirestore = fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        String storageOnly = fake.addRuleset(PROJECT, "storage.rules", "b", "firebase.storage");
        String releasedFirestore = fake.addRuleset(PROJECT, "firestore.rules", "c", "cloud.firestore");
        String secondFirestore = fake.addRuleset(PROJECT, "firestore.rules", "d", "cloud.firestore");
        String releasedStorage = fake.addRuleset(PROJECT, "storage.rules", "e", "firebase.storage");
        String thirdFirestore = fake.addRuleset(PROJECT, "firestore.rules", "f", "cloud.firestore");
        fake.releases.put(DEFAULT_RELEASE, releasedFirestore);
        fake.releases.put("projects/" + PROJECT + "/releases/firebase.storage/bucket", releasedStorage);
        fake.rulesetQuota = 6;
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(report.pruned()).as("oldest first, unreleased Firestore rulesets only")
                .containsExactly(oldestFirestore, secondFirestore, thirdFirestore);
        assertThat(fake.rulesets).containsKeys(storageOnly, releasedFirestore, releasedStorage, report.ruleset());
        assertThat(fake.mutatingRequests()).as("one failed create, serial deletes, one retry, the release")
                .containsExactly(
                        "POST /v1/projects/demo-deploy/rulesets",
                        "DELETE /v1/projects/demo-deploy/rulesets/rs-1",
                        "DELETE /v1/projects/demo-deploy/rulesets/rs-4",
                        "DELETE /v1/projects/demo-deploy/rulesets/rs-6",
                        "POST /v1/projects/demo-deploy/rulesets",
                        "PATCH /v1/projects/demo-deploy/releases/cloud.firestore");
    }

    @Test
    void theQuotaWithNothingToPruneFailsWithAClearMessage() {
        // given:
        fake.releases.put(DEFAULT_RELEASE, fake.addRuleset(PROJECT, "firestore.rules", "old", "cloud.firestore"));
        fake.rulesetQuota = 1;
        // when / then:
        assertThatThrownBy(() -> deployer.deploy(PROJECT, null, LOCAL, false))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("no unreleased Firestore ruleset can be pruned");
        assertThat(fake.mutatingRequests()).noneMatch(r -> r.startsWith("DELETE"));
    }

    @Test
    void rejectedCredentialsSayHowToFixThem() {
        // given:
        fake.rejectToken = true;
        // when / then:
        assertThatThrownBy(() -> deployer.deploy(PROJECT, null, LOCAL, false))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).as("bad credentials are bad input (exit 3)")
                            .isEqualTo(RulesException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).contains("HTTP 401", "UNAUTHENTICATED",
                            "gcloud auth application-default login", "--credentials");
                });
    }

    @Test
    void aDryRunSendsNoMutatingRequest() {
        // given:
        fake.releases.put(DEFAULT_RELEASE, fake.addRuleset(PROJECT, LOCAL.name(), "old", "cloud.firestore"));
        // when:
        RulesDeployer.Report report = deployer.deploy(PROJECT, "calls", LOCAL, true);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.WOULD_DEPLOY);
        assertThat(report.created()).as("cloud.firestore/calls does not exist yet").isTrue();
        assertThat(fake.mutatingRequests()).as("dry run: only reads and the compile check").isEmpty();
        assertThat(fake.requests).contains("POST /v1/projects/demo-deploy:test");
    }

    @Test
    void diffShowsReleasedAgainstLocalAsAUnifiedDiff() {
        // given:
        fake.releases.put(DEFAULT_RELEASE, fake.addRuleset(PROJECT, LOCAL.name(),
                "line 1\nline 2\nallow read: if true;\nline 4\n", "cloud.firestore"));
        RulesSource local = new RulesSource("firestore.rules", "line 1\nline 2\nallow read: if false;\nline 4\n");
        // when:
        RulesDeployer.Diff diff = deployer.diff(PROJECT, null, local);
        // then:
        assertThat(diff.same()).isFalse();
        assertThat(diff.unifiedDiff()).isEqualTo("--- released/firestore.rules\n+++ local/firestore.rules\n"
                + "@@ -1,4 +1,4 @@\n line 1\n line 2\n-allow read: if true;\n+allow read: if false;\n line 4\n");
        assertThat(deployer.diff(PROJECT, null, new RulesSource("firestore.rules",
                "line 1\nline 2\nallow read: if true;\nline 4\n")).same()).isTrue();
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode issue(String severity, int line, int col,
            String description) {
        com.fasterxml.jackson.databind.node.ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode().put("severity", severity).put("description", description);
        n.putObject("sourcePosition").put("fileName", "firestore.rules").put("line", line).put("column", col)
                .put("currentOffset", 184).put("endOffset", 186);
        return n;
    }
}
