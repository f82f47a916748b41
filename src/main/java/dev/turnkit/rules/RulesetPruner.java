package dev.turnkit.rules;

import dev.turnkit.rules.RulesDeployer.Consent;
import dev.turnkit.rules.RulesDeployer.PruneCandidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Chooses and deletes the rulesets that make room when a project is at the ruleset cap: the oldest ones that no
 * release points at and that serve Firestore, at most {@code pruneCount}, deleted one by one and only with
 * {@link Consent}. Used by {@link RulesDeployer} on a 429 near the cap, and by its dry run to list them.
 */
final class RulesetPruner {
    private static final Pattern ANY_SERVICE_DECLARATION = Pattern.compile("\\bservice\\s+[a-z]+\\.[a-z]+\\b");

    private final RulesApiClient api;
    private final Consumer<String> log;
    private final int pruneCount;
    private final Consent consent;

    RulesetPruner(RulesApiClient api, Consumer<String> log, int pruneCount, Consent consent) {
        this.api = api;
        this.log = log;
        this.pruneCount = pruneCount;
        this.consent = consent;
    }

    /** Lists what would be pruned, asks, and deletes serially; fails when nothing can go or consent is refused. */
    List<PruneCandidate> pruneWithConsent(String project, List<RulesApiClient.RulesetInfo> all) {
        List<PruneCandidate> victims = candidates(project, all);
        if (victims.isEmpty()) {
            throw new RulesException(RulesException.Kind.REFUSED, "the ruleset cap is reached and no unreleased"
                    + " Firestore ruleset can be pruned: delete old rulesets in the Firebase console");
        }
        victims.forEach(c -> log.accept("  would delete " + describe(c)));
        String question = "Delete the " + victims.size() + " oldest unreleased Firestore rulesets listed above (of "
                + all.size() + ")?";
        if (!consent.allow(question, victims)) {
            throw new RulesException(RulesException.Kind.REFUSED, "the project holds " + all.size() + " rulesets"
                    + " (cap " + RulesDeployer.RULESET_CAP + ") and pruning was not confirmed: re-run with --prune to delete the "
                    + victims.size() + " listed above, or delete old rulesets in the Firebase console");
        }
        for (PruneCandidate c : victims) {
            api.deleteRuleset(c.name());
            log.accept("pruned " + c.name());
        }
        return victims;
    }

    /**
     * The oldest rulesets (by parsed {@code createTime}) that no release of any service references and that serve
     * Firestore, at most {@code pruneCount}. Where a list entry has no {@code metadata.services}, the
     * ruleset is fetched: its metadata, else its source's {@code service} declaration decides; with neither, the
     * firebase-tools rule (any unreleased ruleset) applies. Entries without a parseable time are never pruned.
     */
    List<PruneCandidate> candidates(String project, List<RulesApiClient.RulesetInfo> all) {
        Set<String> released = new HashSet<>();
        api.listReleases(project).forEach(r -> released.add(r.rulesetName()));
        List<RulesApiClient.RulesetInfo> unreleased = new ArrayList<>();
        for (RulesApiClient.RulesetInfo r : all) {
            if (released.contains(r.name())) {
                continue;
            }
            if (r.created() == null) {
                log.accept("not pruning " + r.name() + ": createTime '" + r.createTime() + "' is not RFC 3339");
                continue;
            }
            unreleased.add(r);
        }
        unreleased.sort(Comparator.comparing(RulesApiClient.RulesetInfo::created));
        List<PruneCandidate> victims = new ArrayList<>();
        for (RulesApiClient.RulesetInfo r : unreleased) {
            if (victims.size() >= pruneCount) {
                break;
            }
            PruneCandidate c = classify(r);
            if (c.services() == null || c.services().contains(RulesDeployer.FIRESTORE_SERVICE)) {
                victims.add(c);
            }
        }
        return victims;
    }

    private PruneCandidate classify(RulesApiClient.RulesetInfo r) {
        if (r.services() != null) {
            return new PruneCandidate(r.name(), r.createTime(), r.services(), "list metadata");
        }
        RulesApiClient.Ruleset full = api.getRuleset(r.name());
        if (full.services() != null) {
            return new PruneCandidate(r.name(), r.createTime(), full.services(), "get metadata");
        }
        List<String> declared = new ArrayList<>();
        for (RulesSource f : full.files()) {
            var m = ANY_SERVICE_DECLARATION.matcher(f.content());
            while (m.find()) {
                String service = m.group().replaceFirst("^service\\s+", "");
                if (!declared.contains(service)) {
                    declared.add(service);
                }
            }
        }
        if (!declared.isEmpty()) {
            return new PruneCandidate(r.name(), r.createTime(), List.copyOf(declared), "source declaration");
        }
        return new PruneCandidate(r.name(), r.createTime(), null, "firebase-tools rule");
    }

    static String describe(PruneCandidate c) {
        return c.name() + " created " + c.createTime() + " (" + (c.services() == null ? "services unknown"
                : String.join(",", c.services())) + ", from " + c.basis() + ")";
    }
}
