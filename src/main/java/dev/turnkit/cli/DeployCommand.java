package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit deploy}: Deploy rendered host files to the TURN host over SSH. */
@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Deploy rendered host files to the TURN host over SSH.")
final class DeployCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'deploy' is not implemented yet");
    }
}
