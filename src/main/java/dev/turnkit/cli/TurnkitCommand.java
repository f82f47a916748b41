package dev.turnkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: {@code turnkit <subcommand>}. */
@Command(name = "turnkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stands up and watches over the TURN (coturn) and Firebase infrastructure of a WebRTC app.",
        subcommands = {
            CheckCommand.class,
            RenderCommand.class,
            LocalCommand.class,
            CredentialsCommand.class,
            RulesCommand.class,
            SessionsCommand.class,
            PlanCommand.class,
        })
final class TurnkitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand");
    }
}
