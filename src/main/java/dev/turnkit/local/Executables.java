package dev.turnkit.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs on {@code PATH} (and in {@code /usr/sbin}, where Debian puts some daemons). */
final class Executables {
    private Executables() {
    }

    static Optional<Path> find(String name) {
        return find(name, System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin");
    }

    /** {@code name} in the directories of {@code searchPath} (a PATH-style list). */
    static Optional<Path> find(String name, String searchPath) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
