package dev.turnkit.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Gates tests on real components (coturn, sshd, chromium, emulators). In CI ({@code CI=true}) a missing component
 * fails the test; elsewhere the test is skipped with a message that says how to install it.
 */
public final class Components {
    private Components() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns {@code executable} if it exists; otherwise fails (CI) or skips (elsewhere) with {@code installHint}.
     */
    public static Path require(String what, Path executable, String installHint) {
        if (Files.isExecutable(executable) || Files.isRegularFile(executable)) {
            return executable;
        }
        String message = what + " not found at " + executable + ": " + installHint;
        if (inCi()) {
            throw new AssertionError("CI=true and " + message);
        }
        Assumptions.abort(message);
        return executable;
    }

    /** coturn's {@code turnserver}. */
    public static Path turnserver() {
        return require("coturn", Path.of("/usr/bin/turnserver"),
                "install it with 'apt-get install -y coturn' (or run 'bash scripts/setup')");
    }

    /** Prometheus's {@code promtool} (Debian {@code prometheus}). */
    public static Path promtool() {
        return require("promtool", Path.of("/usr/bin/promtool"),
                "install it with 'apt-get install -y prometheus' (or run 'bash scripts/setup')");
    }

    /** Debian's {@code prometheus-node-exporter}. */
    public static Path nodeExporter() {
        return require("prometheus-node-exporter", Path.of("/usr/bin/prometheus-node-exporter"),
                "install it with 'apt-get install -y prometheus-node-exporter' (or run 'bash scripts/setup')");
    }

    /** The Firestore emulator jar: skipped loudly when missing, even in CI (it cannot be installed there). */
    public static Path firestoreEmulatorJar() {
        Path jar = Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar");
        if (!Files.isRegularFile(jar)) {
            String message = "!!! FIRESTORE EMULATOR MISSING: " + jar + " is not installed (Debian package "
                    + "google-cloud-cli-firestore-emulator, not fetchable here); Firestore tests are SKIPPED";
            System.err.println(message);
            Assumptions.abort(message);
        }
        return jar;
    }

    /** The repository's {@code e2e/node_modules} (npm firebase-tools, playwright-core). */
    public static Path e2eNodeModules() {
        Path dir = Path.of("e2e", "node_modules").toAbsolutePath();
        return require("npm packages for e2e", dir.resolve("firebase-tools/package.json"),
                "run 'npm ci --prefix e2e' in the repository root").getParent().getParent();
    }

    /**
     * The sample call page's build tools ({@code web/node_modules}: the Firebase Web SDK and esbuild); returns the
     * {@code web/} directory.
     */
    public static Path webNodeModules() {
        Path dir = Path.of("web", "node_modules").toAbsolutePath();
        return require("npm packages of the sample page", dir.resolve("esbuild/package.json"),
                "run 'npm ci --prefix web' in the repository root (or 'bash scripts/setup')").getParent().getParent()
                .getParent();
    }

    /** Debian chromium. */
    public static Path chromium() {
        return require("chromium", Path.of("/usr/bin/chromium"), "install it with 'apt-get install -y chromium'");
    }
}
