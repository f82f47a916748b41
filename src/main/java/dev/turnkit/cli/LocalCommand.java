package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit local}: Run the whole stack on this machine with real parts. */
@Command(name = "local", mixinStandardHelpOptions = true, description = "Run the whole stack on this machine with real parts.")
final class LocalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'local' is not implemented yet");
    }
}
