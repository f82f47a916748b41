package dev.turnkit.local;

import dev.turnkit.process.ProcessLog;
import java.nio.file.Path;

/** The last lines of a child's log, indented, for error messages. */
final class LogTail {
    private LogTail() {
    }

    static String of(Path log, int lines) {
        return "  " + ProcessLog.tail(log, lines, "\n  ");
    }
}
