package dev.turnkit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code turnkit oci capacity}: host capacity for the stack's shape and size in every availability domain. */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {"Compute capacity report for the stack's shape and size in every availability domain, and the",
            "order it suggests for turnkit:availabilityDomains. Creates no instance; throttled calls are retried",
            "3 times with 2, 4, 8 s pauses. Exit 0: capacity somewhere; 2: none anywhere; 3: bad config."})
final class OciCapacityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Mixin
    OciOptions oci;

    @Option(names = "--stack", required = true, paramLabel = "NAME",
            description = "Stack name: reads <stacks-dir>/Pulumi.<NAME>.yaml.")
    String stack;

    @Mixin
    StacksDirOption stacksDirOption;

    @Override
    public Integer call() {
        return OciRunner.capacity(oci, stacksDirOption.dir, stack, output.json(), spec.commandLine().getOut());
    }
}
