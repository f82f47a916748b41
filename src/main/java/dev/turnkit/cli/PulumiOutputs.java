package dev.turnkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code pulumi stack output --json}, only when the Pulumi CLI is installed. */
final class PulumiOutputs {
    private PulumiOutputs() {
    }

    static Optional<String> publicIp(String stack) {
        Path pulumi = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pulumi"))) {
                pulumi = Path.of(dir, "pulumi");
                break;
            }
        }
        if (pulumi == null) {
            return Optional.empty();
        }
        Path out = null;
        try {
            // stdout goes to a file so that the 60 s bound holds even when the CLI hangs with its pipe open
            out = Files.createTempFile("turnkit-pulumi-output", ".json");
            Process p = new ProcessBuilder(pulumi.toString(), "stack", "output", "--json", "--stack", stack)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() != 0) {
                return Optional.empty();
            }
            Map<?, ?> m = dev.turnkit.model.Json.MAPPER.readValue(out.toFile(), Map.class);
            Object ip = m.get("publicIp");
            return ip instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
