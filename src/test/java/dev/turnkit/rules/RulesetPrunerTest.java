package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which rulesets pruning takes, and that it deletes only with consent, against the local Rules API fake. */
class RulesetPrunerTest {
    private static final String PROJECT = "demo-prune";

    private FakeRulesApi fake;
    private RulesApiClient api;
    private final List<String> log = new ArrayList<>();
    private final List<String> questions = new ArrayList<>();

    @BeforeEach
    void startFake() throws Exception {
        fake = new FakeRulesApi();
        api = fake.client();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private RulesetPruner pruner(int count, boolean consent) {
        return new RulesetPruner(api, log::add, count, (question, candidates) -> {
            questions.add(question);
            return consent;
        });
    }

    @Test
    void takesTheOldestUnreleasedFirestoreRulesetsUpToTheCount() {
        String oldest = fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        String storage = fake.addRuleset(PROJECT, "storage.rules", "b", "firebase.storage");
        String released = fake.addRuleset(PROJECT, "firestore.rules", "c", "cloud.firestore");
        String second = fake.addRuleset(PROJECT, "firestore.rules", "d", "cloud.firestore");
        String third = fake.addRuleset(PROJECT, "firestore.rules", "e", "cloud.firestore");
        fake.releases.put("projects/" + PROJECT + "/releases/cloud.firestore", released);

        List<RulesDeployer.PruneCandidate> candidates = pruner(2, false).candidates(PROJECT,
                api.listRulesets(PROJECT));

        assertThat(candidates).extracting(RulesDeployer.PruneCandidate::name).containsExactly(oldest, second)
                .doesNotContain(storage, released, third);
        assertThat(candidates).allSatisfy(c -> assertThat(c.basis()).isEqualTo("list metadata"));
        assertThat(RulesetPruner.describe(candidates.get(0))).isEqualTo(oldest + " created "
                + candidates.get(0).createTime() + " (cloud.firestore, from list metadata)");
        assertThat(fake.mutatingRequests()).as("choosing deletes nothing").isEmpty();
    }

    @Test
    void deletesTheListedOnesSeriallyOnlyWhenAllowed() {
        String a = fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        String b = fake.addRuleset(PROJECT, "firestore.rules", "b", "cloud.firestore");

        assertThatThrownBy(() -> pruner(10, false).pruneWithConsent(PROJECT, api.listRulesets(PROJECT)))
                .isInstanceOf(RulesException.class).hasMessageContaining("re-run with --prune");
        assertThat(fake.rulesets).containsKeys(a, b);

        assertThat(pruner(10, true).pruneWithConsent(PROJECT, api.listRulesets(PROJECT)))
                .extracting(RulesDeployer.PruneCandidate::name).containsExactly(a, b);
        assertThat(fake.rulesets).doesNotContainKeys(a, b);
        assertThat(questions).hasSize(2).allMatch(q -> q.startsWith("Delete the 2 oldest unreleased Firestore"));
        assertThat(log).containsSubsequence("pruned " + a, "pruned " + b);
    }

    @Test
    void refusesWhenNothingCanGo() {
        String released = fake.addRuleset(PROJECT, "firestore.rules", "a", "cloud.firestore");
        fake.releases.put("projects/" + PROJECT + "/releases/cloud.firestore", released);
        fake.addRuleset(PROJECT, "storage.rules", "b", "firebase.storage");

        assertThatThrownBy(() -> pruner(10, true).pruneWithConsent(PROJECT, api.listRulesets(PROJECT)))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("no unreleased Firestore ruleset can be pruned");
        assertThat(questions).as("nothing to ask about").isEmpty();
        assertThat(fake.mutatingRequests()).isEmpty();
    }
}
