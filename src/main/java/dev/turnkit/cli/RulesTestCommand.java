package dev.turnkit.cli;

import dev.turnkit.rules.FirestoreEmulator;
import dev.turnkit.rules.RulesSource;
import dev.turnkit.rules.ScenarioResult;
import dev.turnkit.rules.ScenarioRunner;
import dev.turnkit.rules.SignalingScenarios;
import dev.turnkit.rules.SuiteReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code turnkit rules test}: the scenario suite against the Firestore emulator. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Load the rules into the Firestore emulator (compile errors: file:line:col, exit 3) and run"
                + " the scenario suite: the call flow allowed step by step, every attack denied.",
            "Starts the installed emulator on a free loopback port unless --emulator is given."})
final class RulesTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--emulator", paramLabel = "HOST:PORT", description = "Use this running emulator.")
    String emulator;

    @Option(names = "--rules", paramLabel = "FILE", defaultValue = "firestore.rules",
            description = "Rules file (default: ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--project", defaultValue = FirestoreEmulator.DEFAULT_PROJECT,
            description = "Emulator project ID (default: ${DEFAULT-VALUE}); rules are loaded for this project only.")
    String project;

    @Option(names = "--emulator-jar", paramLabel = "JAR",
            description = "Firestore emulator jar (default: the google-cloud-cli-firestore-emulator package's).")
    Path jar;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return RulesCliSupport.guarded(err, () -> {
            RulesSource source = RulesSource.read(rules);
            FirestoreEmulator.Options options = FirestoreEmulator.Options.defaults().withProjectId(project);
            if (jar != null) {
                options = options.withJar(jar);
            }
            if (emulator == null) {
                err.println("starting the Firestore emulator from " + options.jar() + " ...");
            }
            try (FirestoreEmulator running = emulator == null ? FirestoreEmulator.start(options)
                    : FirestoreEmulator.attach(emulator, project)) {
                SuiteReport report = new ScenarioRunner(running).run(source, SignalingScenarios.all());
                print(out, report);
                return report.allPassed() ? ExitCode.OK.code() : ExitCode.CRITICAL.code();
            }
        });
    }

    private void print(PrintWriter out, SuiteReport report) {
        if (output.json()) {
            RulesCliSupport.printJson(out, report);
            return;
        }
        for (ScenarioResult r : report.results()) {
            out.printf("%s  %-5s %s%n", r.passed() ? "PASS" : "FAIL", r.expect().name().toLowerCase(java.util.Locale.ROOT),
                    r.name());
            if (!r.passed()) {
                out.println("        " + r.failedStep());
            }
        }
        out.printf("%d scenarios: %d passed, %d failed (%s on %s)%n", report.results().size(), report.passed(),
                report.failed(), report.rulesFile(), report.emulator());
    }
}
