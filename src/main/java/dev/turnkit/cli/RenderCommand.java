package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit render}: Render the host files (turnserver.conf, cloud-init, systemd units) for a stack. */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Render the host files (turnserver.conf, cloud-init, systemd units) for a stack.")
final class RenderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'render' is not implemented yet");
    }
}
