package dev.turnkit.cli;

import picocli.CommandLine.Option;

/**
 * {@code -v}: more detail on stderr (stack traces on errors; {@link ErrorPolicy} looks for it). Every command has
 * it, through this mixin or through {@link OutputOptions}, which includes it.
 */
public final class VerbosityOption {
    @Option(names = {"-v", "--verbose"}, description = "More detail on stderr (stack traces on errors).")
    boolean[] verbose = new boolean[0];

    public int verbosity() {
        return verbose.length;
    }
}
