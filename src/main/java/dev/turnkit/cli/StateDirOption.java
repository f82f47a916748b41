package dev.turnkit.cli;

import dev.turnkit.local.LocalOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}, shared by the {@code local} subcommands. */
final class StateDirOption {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the local stack keeps its files, logs and state "
                    + "(default: $XDG_STATE_HOME/turnkit/local or ~/.local/state/turnkit/local).")
    Path stateDir;

    Path get() {
        return stateDir != null ? stateDir : LocalOptions.defaultStateDir();
    }
}
