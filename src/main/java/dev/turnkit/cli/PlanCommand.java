package dev.turnkit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code turnkit plan}: Preview the Pulumi stack offline, under mocks: resources, firewall, free-tier verdict. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Preview the Pulumi stack offline, under mocks: resources, firewall, free-tier verdict.")
final class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CommandFailedException(ExitCode.UNKNOWN, "'plan' is not implemented yet");
    }
}
