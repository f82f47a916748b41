package dev.turnkit.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Shared output options of the commands that print a result: {@code --json} for machines (one document on stdout)
 * and {@code -v} ({@link VerbosityOption}) for more detail on stderr.
 */
public final class OutputOptions {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of a table.")
    boolean json;

    @Mixin
    VerbosityOption verbosity = new VerbosityOption();

    public boolean json() {
        return json;
    }

    public int verbosity() {
        return verbosity.verbosity();
    }
}
