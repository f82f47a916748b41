package dev.turnkit.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool with a timeout and captures its combined output. */
final class HostTools {
    private HostTools() {
    }

    record Run(int exitCode, String output) {
    }

    /** Fails in CI, skips elsewhere, unless the tests run as root (network namespaces, chown). */
    static void requireRoot(String why) {
        if (!"0".equals(run(Path.of("."), List.of("id", "-u")).output().trim())) {
            String message = why + " needs root; run the tests as root (CI does)";
            if (dev.turnkit.testsupport.Components.inCi()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
    }

    static Run run(Path workDir, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after 120 s: " + command);
            }
            return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }
}
