package dev.turnkit.cli;

import dev.turnkit.rules.RulesDeployer;
import dev.turnkit.rules.RulesSource;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code turnkit rules diff}: released rules vs the local file. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show the released rules of cloud.firestore[/DATABASE] against the local file as a unified"
                + " diff.", "Exit 0 when they are the same, 1 (WARNING) when they differ."})
final class RulesDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    RulesCliSupport.ApiOptions api;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return RulesCliSupport.guarded(err, () -> {
            String project = api.project();
            String database = api.database();
            RulesSource source = RulesSource.read(api.rules);
            RulesDeployer.Diff diff = new RulesDeployer(api.client(), line -> err.println(line))
                    .diff(project, database, source);
            if (output.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("release", diff.release());
                json.put("released", diff.released() != null);
                json.put("same", diff.same());
                json.put("diff", diff.unifiedDiff());
                RulesCliSupport.printJson(out, json);
            } else if (diff.same()) {
                out.println("same: " + diff.release() + " uses the rules of " + source.name());
            } else {
                out.print(diff.unifiedDiff());
            }
            return diff.same() ? ExitCode.OK.code() : ExitCode.WARNING.code();
        });
    }
}
