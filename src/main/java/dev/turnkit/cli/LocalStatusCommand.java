package dev.turnkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.local.LocalStack;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code turnkit local status}: is a detached stack up, and where. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print the endpoints of a detached local stack (exit 2 when none is up).")
final class LocalStatusCommand implements Callable<Integer> {
    @Mixin
    StateDirOption state;

    @Mixin
    VerbosityOption verbosity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<JsonNode> endpoints = LocalStack.status(state.get());
        if (endpoints.isEmpty()) {
            spec.commandLine().getErr().println("local: no local stack is up (state dir " + state.get() + ")");
            return ExitCode.CRITICAL.code();
        }
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(endpoints.get()));
        return ExitCode.OK.code();
    }
}
