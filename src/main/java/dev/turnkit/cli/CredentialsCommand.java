package dev.turnkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code turnkit credentials}: the TURN credentials endpoint for signed-in Firebase users. */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "The TURN credentials endpoint for signed-in Firebase users.",
        subcommands = CredentialsServeCommand.class)
final class CredentialsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (try 'turnkit credentials serve')");
    }
}
