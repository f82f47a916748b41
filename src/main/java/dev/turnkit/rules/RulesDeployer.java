package dev.turnkit.rules;

import dev.turnkit.model.UnifiedDiff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Deploys firestore.rules through the Rules API like {@code firebase deploy --only firestore:rules}, without its
 * known mistakes: compile ({@code :test}) → compare with the exact release → create the ruleset only if changed →
 * PATCH the release (POST when it does not exist). An HTTP 429 on create is a rate limit or the ruleset cap: it
 * counts the rulesets first; below the pruning threshold it backs off (bounded, exponential, with jitter) and retries;
 * near the cap it prunes the oldest Firestore rulesets no release points at, serially, only with consent, and
 * retries (which ones: {@link RulesetPruner}). A dry run sends only reads and the compile check.
 */
public final class RulesDeployer {
    /** How many unreleased rulesets to delete when the cap is reached (as firebase-tools' RULESETS_TO_GC). */
    public static final int RULESETS_TO_PRUNE = 10;
    /** The documented per-project ruleset cap. */
    public static final int RULESET_CAP = 2500;
    /** firebase-tools' RULESET_COUNT_LIMIT: with more rulesets than this, a 429 is treated as the cap. */
    public static final int PRUNE_THRESHOLD = 1000;
    static final String FIRESTORE_SERVICE = "cloud.firestore";

    /**
     * How a 429 is handled.
     *
     * @param pruneThreshold from this many rulesets on, a 429 means the cap and may prune
     * @param pruneCount     how many rulesets one prune deletes at most
     * @param maxAttempts    create attempts in all while rate limited (the first one included)
     * @param firstDelay     backoff before the second attempt (doubles each time, jitter 50-100 %)
     * @param maxDelay       backoff bound
     */
    public record Policy(int pruneThreshold, int pruneCount, int maxAttempts, Duration firstDelay, Duration maxDelay) {
        public static Policy defaults() {
            return new Policy(PRUNE_THRESHOLD, RULESETS_TO_PRUNE, 6, Duration.ofSeconds(2), Duration.ofSeconds(60));
        }
    }

    /** Asks whether the listed rulesets may be deleted; the CLI answers from {@code --prune} or a prompt. */
    @FunctionalInterface
    public interface Consent {
        boolean allow(String question, List<PruneCandidate> candidates);

        /** Never deletes (the default: deleting needs {@code --prune} or an interactive yes). */
        Consent NEVER = (q, c) -> false;
        /** {@code --prune}. */
        Consent ALWAYS = (q, c) -> true;
    }

    /** Waits between attempts; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * A ruleset that pruning deletes (or would): unreleased, oldest first.
     *
     * @param basis how it was decided that the ruleset serves Firestore: {@code list metadata}, {@code get metadata},
     *              {@code source declaration} (its {@code service cloud.firestore} block, from GET) or
     *              {@code firebase-tools rule} (no service known: any unreleased ruleset, as firebase-tools prunes)
     */
    public record PruneCandidate(String name, String createTime, List<String> services, String basis) {
    }

    /** What a deploy did. */
    public enum Outcome { UNCHANGED, DEPLOYED, WOULD_DEPLOY }

    /**
     * @param release    the release name, e.g. {@code projects/p/releases/cloud.firestore/db}
     * @param ruleset    the ruleset now released (null for a dry run that would create one)
     * @param created    whether the release was (or would be) created rather than updated
     * @param warnings   non-error compile issues
     * @param pruned     rulesets deleted to make room
     * @param prunable   what pruning would delete (dry run near the cap), or deleted, with how each was decided
     * @param rulesets   how many rulesets the project holds, when they were counted (a 429 or a dry run), else -1
     */
    public record Report(String release, Outcome outcome, String ruleset, boolean created, List<RulesIssue> warnings,
            List<String> pruned, List<PruneCandidate> prunable, int rulesets) {
    }

    /** Released vs local rules; {@code released} is null when nothing is released yet. */
    public record Diff(String release, RulesSource released, RulesSource local, String unifiedDiff) {
        public boolean same() {
            return unifiedDiff.isEmpty();
        }
    }

    private final RulesApiClient api;
    private final Consumer<String> log;
    private final Policy policy;
    private final Consent consent;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RulesetPruner pruner;

    /** Default policy, no consent to delete; {@code log} receives progress lines (the CLI sends them to stderr). */
    public RulesDeployer(RulesApiClient api, Consumer<String> log) {
        this(api, log, Policy.defaults(), Consent.NEVER, d -> Thread.sleep(d.toMillis()), RandomGenerator.getDefault());
    }

    public RulesDeployer(RulesApiClient api, Consumer<String> log, Policy policy, Consent consent, Sleeper sleeper,
            RandomGenerator random) {
        this.api = api;
        this.log = log;
        this.policy = policy;
        this.consent = consent;
        this.sleeper = sleeper;
        this.random = random;
        this.pruner = new RulesetPruner(api, log, policy.pruneCount(), consent);
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
            return new Report(releaseName, Outcome.UNCHANGED, current.get().rulesetName(), false, warnings, List.of(),
                    List.of(), -1);
        }
        if (dryRun) {
            log.accept("dry run: would create a ruleset from " + source.name() + " and "
                    + (current.isPresent() ? "update " : "create ") + releaseName);
            List<RulesApiClient.RulesetInfo> all = api.listRulesets(project);
            List<PruneCandidate> prunable = List.of();
            if (all.size() >= policy.pruneThreshold()) {
                prunable = pruner.candidates(project, all);
                log.accept("dry run: " + all.size() + " rulesets (cap " + RULESET_CAP + ", pruning from "
                        + policy.pruneThreshold() + "); if creating hits the cap, pruning would delete "
                        + prunable.size() + ":");
                prunable.forEach(c -> log.accept("  " + RulesetPruner.describe(c)));
            }
            return new Report(releaseName, Outcome.WOULD_DEPLOY, null, current.isEmpty(), warnings, List.of(),
                    prunable, all.size());
        }
        String attachmentPoint = isDefault(database) ? null
                : "firestore.googleapis.com/projects/" + api.projectNumber(project) + "/databases/" + database;
        Created c = create(project, source, attachmentPoint);
        String ruleset = c.ruleset();
        log.accept("created " + ruleset);
        boolean created = false;
        if (api.patchRelease(project, releaseId, ruleset).isEmpty()) {
            api.createRelease(project, releaseId, ruleset);
            created = true;
        }
        log.accept((created ? "created " : "updated ") + releaseName + " -> " + ruleset);
        return new Report(releaseName, Outcome.DEPLOYED, ruleset, created, warnings,
                c.pruned().stream().map(PruneCandidate::name).toList(), c.pruned(), c.counted());
    }

    private record Created(String ruleset, List<PruneCandidate> pruned, int counted) {
    }

    /** Creates the ruleset; on 429 counts first, then backs off (rate limit) or prunes with consent (cap). */
    private Created create(String project, RulesSource source, String attachmentPoint) {
        List<PruneCandidate> pruned = new ArrayList<>();
        int counted = -1;
        int attempt = 1;
        while (true) {
            try {
                return new Created(api.createRuleset(project, source, attachmentPoint), pruned, counted);
            } catch (RulesApiClient.QuotaExceededException e) {
                List<RulesApiClient.RulesetInfo> all = api.listRulesets(project);
                counted = all.size();
                if (counted >= policy.pruneThreshold() && pruned.isEmpty()) {
                    log.accept("HTTP 429 with " + counted + " rulesets (cap " + RULESET_CAP + ", pruning from "
                            + policy.pruneThreshold() + "): the project is at the ruleset cap");
                    pruned.addAll(pruner.pruneWithConsent(project, all));
                    continue;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new RulesException(RulesException.Kind.REFUSED, "still HTTP 429 after " + attempt
                            + " attempts with " + counted + " rulesets (below the pruning threshold "
                            + policy.pruneThreshold() + ", so a rate limit, not the cap): try again in a few minutes ("
                            + e.getMessage() + ")");
                }
                Duration delay = backoff(attempt);
                log.accept("rate limited: HTTP 429 with " + counted + " of " + RULESET_CAP + " rulesets (not the cap);"
                        + " retrying in " + String.format(Locale.ROOT, "%.1f", delay.toMillis() / 1000.0)
                        + " s (attempt " + (attempt + 1) + " of " + policy.maxAttempts() + ")");
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new RulesException(RulesException.Kind.REFUSED, "interrupted while backing off", ie);
                }
                attempt++;
            }
        }
    }

    /** {@code min(maxDelay, firstDelay * 2^(attempt-1))} times a random factor in [0.5, 1). */
    Duration backoff(int attempt) {
        long bound = policy.maxDelay().toMillis();
        long exp = policy.firstDelay().toMillis() << Math.min(attempt - 1, 30);
        long capped = Math.min(bound, exp < 0 ? bound : exp);
        return Duration.ofMillis((long) (capped * (0.5 + random.nextDouble() / 2)));
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

    private static boolean sameFiles(List<RulesSource> released, RulesSource local) {
        return released.size() == 1 && released.get(0).equals(local);
    }

    private static boolean isDefault(String database) {
        return database == null || database.isEmpty() || "(default)".equals(database);
    }
}
