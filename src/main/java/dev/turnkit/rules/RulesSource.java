package dev.turnkit.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One rules file as the Rules API and the emulator see it: {@code {name, content}}. The name takes part in the
 * deploy's "unchanged" comparison, so renaming the file forces an upload (as with firebase-tools).
 */
public record RulesSource(String name, String content) {
    public RulesSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** Reads {@code file}; its name is the file name ({@code firestore.rules}). */
    public static RulesSource read(Path file) {
        try {
            return new RulesSource(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("rules file " + file + " does not exist: pass --rules FILE or run"
                    + " from the repository root", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read rules file " + file + ": " + e.getMessage(), e);
        }
    }
}
