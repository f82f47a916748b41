package dev.turnkit.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The file a child process's stdout and stderr go to, read back for error messages. */
public final class ProcessLog {
    private ProcessLog() {
    }

    /**
     * The last {@code lines} lines of {@code log} joined with {@code separator}, or a short note in parentheses if
     * the file cannot be read (a message about a failed start must not fail in turn).
     */
    public static String tail(Path log, int lines, String separator) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(separator, all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }
}
