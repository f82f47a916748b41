package dev.turnkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code turnkit oci}: read-only checks of the Oracle Cloud account with the OCI SDK (loaded only here). */
@Command(name = "oci", mixinStandardHelpOptions = true,
        description = {"Read-only Oracle Cloud account checks: config and key, identity, live limits, A1 capacity.",
            "Nothing is created. docs/oci.md lists the requests and the IAM policies they need."},
        subcommands = {OciDoctorCommand.class, OciCapacityCommand.class})
final class OciCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: doctor or capacity");
    }
}
