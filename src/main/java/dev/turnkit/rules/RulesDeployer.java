package dev.turnkit.rules;

import dev.turnkit.model.UnifiedDiff;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Deploys firestore.rules through the Rules API like {@code firebase deploy --only firestore:rules}, without its
 * known mistakes: compile ({@code :test}) → compare with the exact release → create the ruleset only if changed →
 * PATCH the release (POST when it does not exist). On the ruleset quota it prunes the oldest unreleased Firestore
 * rulesets, serially, and retries once. A dry run sends only reads and the compile check.
 */
public final class RulesDeployer {
    /** How many unreleased rulesets to delete when the quota is hit (as firebase-tools). */
    public static final int RULESETS_TO_PRUNE = 10;
    static final String FIRESTORE_SERVICE = "cloud.firestore";

    /** What a deploy did. */
    public enum Outcome { UNCHANGED, DEPLOYED, WOULD_DEPLOY }

    /**
     * @param release    the release name, e.g. {@code projects/p/releases/cloud.firestore/db}
     * @param ruleset    the ruleset now released (null for a dry run that would create one)
     * @param created    whether the release was (or would be) created rather than updated
     * @param warnings   non-error compile issues
     * @param pruned     rulesets deleted to make room
     */
    public record Report(String release, Outcome outcome, String ruleset, boolean created, List<RulesIssue> warnings,
            List<String> pruned) {
    }

    /** Released vs local rules; {@code released} is null when nothing is released yet. */
    public record Diff(String release, RulesSource released, RulesSource local, String unifiedDiff) {
        public boolean same() {
            return unifiedDiff.isEmpty();
        }
    }

    private final RulesApiClient api;
    private final Consumer<String> log;

    /** {@code log} receives progress lines (the CLI sends them to stderr). */
    public RulesDeployer(RulesApiClient api, Consumer<String> log) {
        this.api = api;
        this.log = log;
    }

    /** {@code cloud.firestore} for the default database, {@code cloud.firestore/<db>} for a named one. */
    public static String releaseId(String database) {
        return isDefault(database) ? FIRESTORE_SERVICE : FIRESTORE_SERVICE + "/" + database;
    }

    public Report deploy(String project, String database, RulesSource source, boolean dryRun) {
        List<RulesIssue> warnings = compile(project, source);
        String releaseId = releaseId(database);
        String releaseName = "projects/" + project + "/releases/" + releaseId;
        Optional<RulesApiClient.Release> current = api.getRelease(project, releaseId);
        if (current.isPresent() && sameFiles(api.getRulesetFiles(current.get().rulesetName()), source)) {
            log.accept(releaseName + " already uses these rules (" + current.get().rulesetName() + "); skipping");
            return new Report(releaseName, Outcome.UNCHANGED, current.get().rulesetName(), false, warnings, List.of());
        }
        if (dryRun) {
            log.accept("dry run: would create a ruleset from " + source.name() + " and "
                    + (current.isPresent() ? "update " : "create ") + releaseName);
            return new Report(releaseName, Outcome.WOULD_DEPLOY, null, current.isEmpty(), warnings, List.of());
        }
        String attachmentPoint = isDefault(database) ? null
                : "firestore.googleapis.com/projects/" + api.projectNumber(project) + "/databases/" + database;
        List<String> pruned = List.of();
        String ruleset;
        try {
            ruleset = api.createRuleset(project, source, attachmentPoint);
        } catch (RulesApiClient.QuotaExceededException e) {
            log.accept(e.getMessage() + "; pruning the oldest unreleased Firestore rulesets");
            pruned = prune(project);
            ruleset = api.createRuleset(project, source, attachmentPoint);
        }
        log.accept("created " + ruleset);
        boolean created = false;
        if (api.patchRelease(project, releaseId, ruleset).isEmpty()) {
            api.createRelease(project, releaseId, ruleset);
            created = true;
        }
        log.accept((created ? "created " : "updated ") + releaseName + " -> " + ruleset);
        return new Report(releaseName, Outcome.DEPLOYED, ruleset, created, warnings, pruned);
    }

    /** Compares the released rules of {@code database} with {@code local}. */
    public Diff diff(String project, String database, RulesSource local) {
        String releaseId = releaseId(database);
        String releaseName = "projects/" + project + "/releases/" + releaseId;
        Optional<RulesApiClient.Release> current = api.getRelease(project, releaseId);
        RulesSource released = null;
        if (current.isPresent()) {
            List<RulesSource> files = api.getRulesetFiles(current.get().rulesetName());
            released = files.isEmpty() ? new RulesSource("(empty)", "") : files.get(0);
        }
        String from = released == null ? "/dev/null" : "released/" + released.name();
        String diff = UnifiedDiff.of(from, released == null ? "" : released.content(), "local/" + local.name(),
                local.content());
        return new Diff(releaseName, released, local, diff);
    }

    private List<RulesIssue> compile(String project, RulesSource source) {
        List<RulesIssue> issues = api.test(project, source);
        if (issues.stream().anyMatch(RulesIssue::isError)) {
            throw new RulesCompileException(source.name(), issues);
        }
        issues.forEach(i -> log.accept(i.format()));
        return issues;
    }

    /** Deletes, one at a time, the oldest rulesets that serve only Firestore and that no release references. */
    private List<String> prune(String project) {
        Set<String> released = new HashSet<>();
        api.listReleases(project).forEach(r -> released.add(r.rulesetName()));
        List<String> victims = api.listRulesets(project).stream()
                .filter(r -> r.services().contains(FIRESTORE_SERVICE) && !released.contains(r.name()))
                .sorted(Comparator.comparing(RulesApiClient.RulesetInfo::createTime))
                .limit(RULESETS_TO_PRUNE)
                .map(RulesApiClient.RulesetInfo::name)
                .toList();
        if (victims.isEmpty()) {
            throw new RulesException(RulesException.Kind.REFUSED, "the ruleset quota is reached and no unreleased"
                    + " Firestore ruleset can be pruned: delete old rulesets in the Firebase console");
        }
        for (String name : victims) {
            api.deleteRuleset(name);
            log.accept("pruned " + name);
        }
        return victims;
    }

    private static boolean sameFiles(List<RulesSource> released, RulesSource local) {
        return released.size() == 1 && released.get(0).equals(local);
    }

    private static boolean isDefault(String database) {
        return database == null || database.isEmpty() || "(default)".equals(database);
    }
}
