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
        // when: (6 rulesets reach the pruning threshold; --prune consents)
        RulesDeployer.Report report = capDeployer(6, RulesDeployer.Consent.ALWAYS).deploy(PROJECT, null, LOCAL, false);
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
        assertThatThrownBy(() -> capDeployer(1, RulesDeployer.Consent.ALWAYS).deploy(PROJECT, null, LOCAL, false))
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

    // ---- HTTP 429: rate limit or cap ----

    private final List<java.time.Duration> sleeps = new ArrayList<>();

    /** A deployer that treats {@code threshold} rulesets as the cap, with recorded (not slept) backoff. */
    private RulesDeployer capDeployer(int threshold, RulesDeployer.Consent consent) {
        return new RulesDeployer(fake.client(), log::add, new RulesDeployer.Policy(threshold, 10, 4,
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(5)), consent, sleeps::add,
                new java.util.Random(7));
    }

    @Test
    void a429BelowTheCapBacksOffWithJitterAndSucceedsWithoutDeletingAnything() {
        // given: 3 unreleased rulesets, far below the threshold; the next two creates are rate limited
        fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        fake.addRuleset(PROJECT, "firestore.rules", "b", "cloud.firestore");
        fake.addRuleset(PROJECT, "firestore.rules", "c", "cloud.firestore");
        fake.rateLimitedCreates = 2;
        // when:
        RulesDeployer.Report report = capDeployer(5, RulesDeployer.Consent.ALWAYS).deploy(PROJECT, null, LOCAL,
                false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(report.pruned()).isEmpty();
        assertThat(report.rulesets()).as("counted before deciding").isEqualTo(3);
        assertThat(fake.mutatingRequests()).noneMatch(r -> r.startsWith("DELETE"))
                .filteredOn(r -> r.equals("POST /v1/projects/demo-deploy/rulesets")).hasSize(3);
        assertThat(sleeps).as("exponential (2 s, then 4 s) with 50-100 % jitter").hasSize(2);
        assertThat(sleeps.get(0).toMillis()).isBetween(1000L, 1999L);
        assertThat(sleeps.get(1).toMillis()).isBetween(2000L, 3999L);
        assertThat(log).anyMatch(l -> l.startsWith("rate limited: HTTP 429 with 3 of 2500 rulesets (not the cap);"
                + " retrying in ") && l.endsWith("(attempt 2 of 4)"));
    }

    @Test
    void aRateLimitThatDoesNotClearGivesUpAfterBoundedAttemptsAndDeletesNothing() {
        // given:
        fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        fake.rateLimitedCreates = 100;
        // when / then:
        assertThatThrownBy(() -> capDeployer(5, RulesDeployer.Consent.ALWAYS).deploy(PROJECT, null, LOCAL, false))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("still HTTP 429 after 4 attempts with 1 rulesets")
                .hasMessageContaining("a rate limit, not the cap");
        assertThat(sleeps).hasSize(3).allMatch(d -> d.toMillis() <= 5000, "bounded by maxDelay");
        assertThat(fake.mutatingRequests()).noneMatch(r -> r.startsWith("DELETE"));
    }

    @Test
    void atTheCapWithoutMetadataPruningDecidesFromTheRulesetItselfAndSaysHow() {
        // given: list entries carry no metadata; two old rulesets have none anywhere
        fake.listOmitsMetadata = true;
        String storageNoMeta = fake.addRulesetWithoutMetadata(PROJECT, "storage.rules",
                "service firebase.storage { match /b/{bucket}/o {} }", java.time.Instant.parse("2025-01-01T00:00:00Z"));
        String firestoreNoMeta = fake.addRulesetWithoutMetadata(PROJECT, "firestore.rules",
                "rules_version = '2';\nservice cloud.firestore { match /databases/{d}/documents {} }",
                java.time.Instant.parse("2025-01-02T00:00:00Z"));
        String unknown = fake.addRulesetWithoutMetadata(PROJECT, "empty.rules", "",
                java.time.Instant.parse("2025-01-03T00:00:00Z"));
        String firestoreGetMeta = fake.addRuleset(PROJECT, "firestore.rules", "x", "cloud.firestore");
        String released = fake.addRuleset(PROJECT, "firestore.rules", "y", "cloud.firestore");
        fake.releases.put(DEFAULT_RELEASE, released);
        fake.rulesetQuota = 5;
        // when:
        RulesDeployer.Report report = capDeployer(5, RulesDeployer.Consent.ALWAYS).deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(report.prunable()).extracting(RulesDeployer.PruneCandidate::name, RulesDeployer.PruneCandidate::basis)
                .as("oldest first; storage kept; the released one kept")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(firestoreNoMeta, "source declaration"),
                        org.assertj.core.groups.Tuple.tuple(unknown, "firebase-tools rule"),
                        org.assertj.core.groups.Tuple.tuple(firestoreGetMeta, "get metadata"));
        assertThat(fake.rulesets).containsKeys(storageNoMeta, released).doesNotContainKeys(firestoreNoMeta, unknown,
                firestoreGetMeta);
        assertThat(log).anyMatch(l -> l.contains(firestoreNoMeta) && l.contains("from source declaration"));
    }

    @Test
    void atTheCapNothingIsDeletedWithoutConsent() {
        // given:
        String old = fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        fake.addRuleset(PROJECT, "firestore.rules", "b", "cloud.firestore");
        fake.rulesetQuota = 2;
        // when / then:
        assertThatThrownBy(() -> capDeployer(2, RulesDeployer.Consent.NEVER).deploy(PROJECT, null, LOCAL, false))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("holds 2 rulesets", "re-run with --prune");
                });
        assertThat(fake.mutatingRequests()).noneMatch(r -> r.startsWith("DELETE"));
        assertThat(fake.rulesets).containsKey(old);
        assertThat(log).anyMatch(l -> l.startsWith("  would delete " + old));
    }

    @Test
    void aDryRunNearTheCapListsWhatWouldBePrunedAndDeletesNothing() {
        // given:
        String a = fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        String b = fake.addRuleset(PROJECT, "firestore.rules", "b", "cloud.firestore");
        fake.releases.put(DEFAULT_RELEASE, b);
        fake.addRuleset(PROJECT, "storage.rules", "c", "firebase.storage");
        // when:
        RulesDeployer.Report report = capDeployer(3, RulesDeployer.Consent.ALWAYS).deploy(PROJECT, null, LOCAL, true);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.WOULD_DEPLOY);
        assertThat(report.prunable()).extracting(RulesDeployer.PruneCandidate::name).containsExactly(a);
        assertThat(report.rulesets()).isEqualTo(3);
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    @Test
    void timestampsWithAndWithoutFractionalSecondsSortByTimeNotByString() {
        // given: as strings, "…00.500Z" sorts before "…00Z" ('.' < 'Z'), but it is half a second later
        String whole = fake.addRulesetWithoutMetadata(PROJECT, "firestore.rules", "service cloud.firestore {}",
                java.time.Instant.parse("2026-03-01T00:00:00Z"));
        String fractional = fake.addRulesetWithoutMetadata(PROJECT, "firestore.rules", "service cloud.firestore {}",
                java.time.Instant.parse("2026-03-01T00:00:00.500Z"));
        String nanos = fake.addRulesetWithoutMetadata(PROJECT, "firestore.rules", "service cloud.firestore {}",
                java.time.Instant.parse("2026-02-28T23:59:59.999999999Z"));
        // when:
        RulesDeployer.Report report = capDeployer(3, RulesDeployer.Consent.ALWAYS).deploy(PROJECT, null, LOCAL, true);
        // then:
        assertThat(report.prunable()).extracting(RulesDeployer.PruneCandidate::name)
                .containsExactly(nanos, whole, fractional);
        assertThat(RulesApiClient.parseTimestamp("2014-10-02T15:01:23.045123456Z"))
                .isEqualTo(java.time.Instant.parse("2014-10-02T15:01:23.045123456Z"));
        assertThat(RulesApiClient.parseTimestamp("2014-10-02T17:01:23+02:00"))
                .isEqualTo(java.time.Instant.parse("2014-10-02T15:01:23Z"));
        assertThat(RulesApiClient.parseTimestamp("yesterday")).isNull();
    }

    @Test
    void theFakeAcceptsBothProto3SpellingsOfAttachmentPoint() throws Exception {
        // given:
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String point = "firestore.googleapis.com/projects/" + FakeRulesApi.PROJECT_NUMBER + "/databases/calls";
        for (String field : List.of("attachment_point", "attachmentPoint")) {
            String body = "{\"source\":{\"files\":[{\"name\":\"f\",\"content\":\"c\"}]},\"" + field + "\":\""
                    + point + "\"}";
            // when:
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    fake.rulesApiUrl().resolve("projects/" + PROJECT + "/rulesets"))
                    .header("Authorization", "Bearer " + FakeRulesApi.TOKEN)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            // then:
            assertThat(r.statusCode()).as(field + ": " + r.body()).isEqualTo(200);
        }
        assertThat(fake.rulesets.values()).extracting(FakeRulesApi.Ruleset::attachmentPoint)
                .containsExactly(point, point);
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
