package dev.turnkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code turnkit local}: the whole stack on this machine with real parts. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the whole stack on this machine with real parts (coturn, emulators, credentials "
                + "endpoint, sample call app), all on loopback.",
        subcommands = {LocalUpCommand.class, LocalDownCommand.class, LocalStatusCommand.class,
            LocalServeAppCommand.class})
final class LocalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: up, down or status");
    }
}
