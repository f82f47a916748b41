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
                + " update the release cloud.firestore[/DATABASE]. On the ruleset quota, prune the oldest unreleased"
                + " Firestore rulesets and retry once.",
            "--dry-run sends only the compile check and reads."})
final class RulesDeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    RulesCliSupport.ApiOptions api;

    @Option(names = "--dry-run", description = "Change nothing; say what would be deployed.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return RulesCliSupport.guarded(err, () -> {
            RulesSource source = RulesSource.read(api.rules);
            RulesDeployer deployer = new RulesDeployer(api.client(), line -> err.println(line));
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
}
