package dev.turnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --stacks-dir DIR}: where the Pulumi stack files are, the same for every command that reads a stack. */
final class StacksDirOption {
    @Option(names = "--stacks-dir", paramLabel = "DIR", defaultValue = "stacks",
            description = "Directory of the stack files (default: ${DEFAULT-VALUE}); relative secret file paths in a "
                    + "stack are resolved against its parent.")
    Path dir;
}
