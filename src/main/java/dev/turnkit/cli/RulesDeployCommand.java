package dev.turnkit.cli;

import dev.turnkit.rules.RulesDeployer;
import dev.turnkit.rules.RulesSource;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code turnkit rules deploy}: compile, create the ruleset if changed, release it. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy the rules through the Firebase Rules API: compile check (issues as"
                + " file:line:col severity message), skip when the released rules are the same, create the ruleset,"
                + " update the release cloud.firestore[/DATABASE]. On HTTP 429 count the rulesets: below the cap back"
                + " off and retry; at the cap prune the oldest unreleased Firestore rulesets (with --prune or an"
                + " interactive yes) and retry.",
            "--dry-run sends only the compile check and reads, and lists what pruning would delete."})
final class RulesDeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    RulesCliSupport.ApiOptions api;

    @Option(names = "--dry-run", description = "Change nothing; say what would be deployed.")
    boolean dryRun;

    @Option(names = "--prune", description = "At the ruleset cap, delete the oldest unreleased Firestore rulesets"
            + " without asking.")
    boolean prune;

    @Option(names = "--prune-threshold", hidden = true, defaultValue = "" + RulesDeployer.PRUNE_THRESHOLD,
            description = "From this many rulesets on, a 429 means the cap (default: ${DEFAULT-VALUE}).")
    int pruneThreshold;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return RulesCliSupport.guarded(err, () -> {
            RulesSource source = RulesSource.read(api.rules);
            RulesDeployer deployer = new RulesDeployer(api.client(), line -> err.println(line),
                    withThreshold(RulesDeployer.Policy.defaults()), consent(err), d -> Thread.sleep(d.toMillis()),
                    java.util.random.RandomGenerator.getDefault());
            RulesDeployer.Report report = deployer.deploy(api.project, api.database, source, dryRun);
            if (output.json()) {
                RulesCliSupport.printJson(out, report);
            } else {
                out.println(switch (report.outcome()) {
                    case UNCHANGED -> "unchanged: " + report.release() + " already uses " + report.ruleset();
                    case WOULD_DEPLOY -> "dry run: would " + (report.created() ? "create " : "update ")
                            + report.release();
                    case DEPLOYED -> "deployed: " + report.release() + " -> " + report.ruleset()
                            + (report.pruned().isEmpty() ? "" : " (pruned " + report.pruned().size() + " rulesets)");
                });
            }
            return ExitCode.OK.code();
        });
    }

    private RulesDeployer.Policy withThreshold(RulesDeployer.Policy p) {
        if (pruneThreshold < 1) {
            throw new IllegalArgumentException("--prune-threshold must be at least 1, got " + pruneThreshold);
        }
        return new RulesDeployer.Policy(pruneThreshold, p.pruneCount(), p.maxAttempts(), p.firstDelay(), p.maxDelay());
    }

    /** {@code --prune}, else a yes on the terminal; never without one (CI, pipes). */
    private RulesDeployer.Consent consent(PrintWriter err) {
        if (prune) {
            return RulesDeployer.Consent.ALWAYS;
        }
        java.io.Console console = System.console();
        if (console == null) {
            return RulesDeployer.Consent.NEVER;
        }
        return (question, candidates) -> {
            err.flush();
            String answer = console.readLine("%s [y/N] ", question);
            return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes");
        };
    }
}
