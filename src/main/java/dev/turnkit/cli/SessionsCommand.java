package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit sessions}: Maintain signaling sessions in Firestore. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "Maintain signaling sessions in Firestore.")
final class SessionsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'sessions' is not implemented yet");
    }
}
