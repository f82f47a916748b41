package dev.turnkit.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start the local stack.
 *
 * @param stateDir where the rendered files, logs, secret, certificate and state file live
 * @param repoRoot the turnkit checkout ({@code firestore.rules}, {@code web/}, {@code e2e/node_modules})
 * @param autoPorts pick free loopback ports instead of the standard ones (3478, 5349, 9099, 8080, ...)
 * @param projectId the Firebase demo project id the emulators and the credentials endpoint use
 * @param firestore start the Firestore emulator: {@code AUTO} when installed, {@code ON} fails if it is not
 * @param auth start the Auth emulator and the credentials endpoint: same choices
 * @param runChecks run {@code turnkit check} against the started coturn and report it
 */
public record LocalOptions(Path stateDir, Path repoRoot, boolean autoPorts, String projectId, Toggle firestore,
        Toggle auth, boolean runChecks) {

    /** Whether an optional part is started. */
    public enum Toggle { AUTO, ON, OFF }

    /** The demo project id: the {@code demo-} prefix makes the emulators refuse to reach real Google services. */
    public static final String DEFAULT_PROJECT = "demo-turnkit";

    public LocalOptions {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(repoRoot, "repoRoot");
        if (!projectId.startsWith("demo-")) {
            throw new IllegalArgumentException("the project id must start with 'demo-' (got '" + projectId
                    + "'): demo projects keep the emulators from ever reaching real Firebase services");
        }
    }

    /** The default state directory: {@code $XDG_STATE_HOME/turnkit/local} or {@code ~/.local/state/turnkit/local}. */
    public static Path defaultStateDir() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("turnkit").resolve("local");
    }
}
