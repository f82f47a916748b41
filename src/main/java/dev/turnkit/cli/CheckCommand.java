package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit check}: STUN/TURN health and security checks against a TURN server. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "STUN/TURN health and security checks against a TURN server.")
final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'check' is not implemented yet");
    }
}
