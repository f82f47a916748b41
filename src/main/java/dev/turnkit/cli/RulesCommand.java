package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit rules}: Test and deploy the Firestore security rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Test and deploy the Firestore security rules.")
final class RulesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'rules' is not implemented yet");
    }
}
