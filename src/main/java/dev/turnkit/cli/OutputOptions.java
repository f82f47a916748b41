package dev.turnkit.cli;

import picocli.CommandLine.Option;

/** Shared output options: {@code --json} for machines (stdout), {@code -v} for more detail on stderr. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of a table.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "More detail on stderr (stack traces on errors).")
    boolean[] verbose = new boolean[0];

    public boolean json() {
        return json;
    }

    public int verbosity() {
        return verbose.length;
    }
}
