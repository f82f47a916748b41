package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit credentials}: The TURN credentials endpoint for signed-in Firebase users. */
@Command(name = "credentials", mixinStandardHelpOptions = true, description = "The TURN credentials endpoint for signed-in Firebase users.")
final class CredentialsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'credentials' is not implemented yet");
    }
}
