package dev.turnkit.cli;

import dev.turnkit.local.LocalStack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code turnkit local down}: stops a detached local stack. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop a local stack started with 'turnkit local up --detach' (by the PIDs it recorded).")
final class LocalDownCommand implements Callable<Integer> {
    @Mixin
    StateDirOption state;

    @Mixin
    VerbosityOption verbosity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> stopped = LocalStack.down(state.get());
        spec.commandLine().getErr().println(stopped.isEmpty()
                ? "local: nothing was running (no live stack recorded in " + state.get() + ")"
                : "local: stopped " + String.join(", ", stopped));
        return ExitCode.OK.code();
    }
}
