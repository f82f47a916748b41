package dev.turnkit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code turnkit oci doctor}: the OCI config, the identity, the home region and the stack against live limits. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Validate the OCI config and key (before any request), show the user, tenancy and home region,",
            "and, with --stack, the live limits and usage for what the stack needs and whether it fits.",
            "Exit 0: fits; 1: some limit has no live figure; 2: does not fit or not the home region; 3: bad config."})
final class OciDoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    OciOptions oci;

    @Option(names = "--stack", paramLabel = "NAME", description = "Stack name: reads <stacks-dir>/Pulumi.<NAME>.yaml.")
    String stack;

    @Mixin
    StacksDirOption stacksDirOption;

    @Override
    public Integer call() {
        return OciRunner.doctor(oci, stack == null ? null : stacksDirOption.dir, stack, output.json(),
                spec.commandLine().getOut());
    }
}
