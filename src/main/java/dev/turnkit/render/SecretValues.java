package dev.turnkit.render;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.SecretSource;
import dev.turnkit.model.StackConfig;
import dev.turnkit.model.TurnServerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The TURN secret values for rendering: read from the stack's secret files, or redaction placeholders. */
public final class SecretValues {
    private SecretValues() {
    }

    /**
     * The current and (if configured) previous secret. With {@code include}, file secrets are read (first line,
     * trimmed; relative paths against {@code baseDir}); Pulumi secrets cannot be decrypted here and are an error.
     * Without it every secret is a {@code REDACTED-<key>} placeholder.
     */
    public static List<String> resolve(StackConfig config, Path baseDir, boolean include) {
        List<SecretSource> sources = new ArrayList<>();
        sources.add(config.secrets().turnSecret());
        config.secrets().previousTurnSecret().ifPresent(sources::add);
        List<String> values = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SecretSource s : sources) {
            if (!include) {
                values.add(TurnServerSpec.redacted(s.key()));
            } else if (s instanceof SecretSource.File f) {
                values.add(read(f, baseDir, problems));
            } else {
                problems.add(s.key() + ": a Pulumi secret — turnkit never decrypts it; render without "
                        + "--include-secrets (the Pulumi program passes the value), or name a file with "
                        + s.key() + "File");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return List.copyOf(values);
    }

    private static String read(SecretSource.File f, Path baseDir, List<String> problems) {
        Path path = baseDir.resolve(f.path());
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            String value = lines.isEmpty() ? "" : lines.get(0).trim();
            if (value.isEmpty()) {
                problems.add(f.key() + ": " + path + " is empty — put the secret on its first line");
            }
            return value;
        } catch (NoSuchFileException e) {
            problems.add(f.key() + ": " + path + " does not exist — create it, e.g. 'openssl rand -base64 32 > "
                    + path + " && chmod 600 " + path + "'");
        } catch (IOException e) {
            problems.add(f.key() + ": cannot read " + path + " — " + e.getMessage());
        }
        return "";
    }
}
