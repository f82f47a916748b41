package dev.turnkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code turnkit rules}: test, diff and deploy the Firestore security rules. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Test the Firestore security rules on the emulator, diff and deploy them (Rules API).",
        subcommands = {RulesTestCommand.class, RulesDeployCommand.class, RulesDiffCommand.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: test, deploy or diff");
    }
}
