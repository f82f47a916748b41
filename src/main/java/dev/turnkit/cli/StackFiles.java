package dev.turnkit.cli;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads {@code <stacks-dir>/Pulumi.<stack>.yaml} for every command that takes {@code --stack}: the one place a
 * stack file is read, so every command reports a missing or unreadable one the same way. Parsing and validation
 * are the model's ({@link StackConfig#fromYaml}, no I/O).
 */
final class StackFiles {
    private StackFiles() {
    }

    /** The validated config of {@code stack}; a {@link ConfigException} names the file and what to do. */
    static StackConfig load(Path stacksDir, String stack) {
        if (stack == null || !stack.matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigException("--stack: '" + stack + "' — a stack name uses letters, digits, '-', '_', '.'");
        }
        Path file = stacksDir.resolve("Pulumi." + stack + ".yaml");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such stack file — stacks found: " + listStacks(stacksDir)
                    + " (create it with 'pulumi stack init " + stack + "' and the turnkit: keys of "
                    + "docs/stack-config.md, or pass --stacks-dir)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read — " + e.getMessage());
        }
        return StackConfig.fromYaml(stack, text);
    }

    private static String listStacks(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted().toList();
            return names.isEmpty() ? "none in " + dir : String.join(", ", names);
        } catch (IOException e) {
            return "none (" + dir + " is not a readable directory)";
        }
    }
}
