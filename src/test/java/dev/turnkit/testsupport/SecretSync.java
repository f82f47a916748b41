package dev.turnkit.testsupport;

import dev.turnkit.model.SecretStore;
import dev.turnkit.render.HostRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real host script {@code turnkit-sync-secrets} (rendered from templates/sbin) against a test's coturn
 * userdb: the secrets are written to 0600 files in {@code dir}, as deploy leaves them on the host, and the script
 * makes the realm's {@code turn_secret} rows equal to them. The database is left owned by the user running the tests.
 */
public final class SecretSync {
    private SecretSync() {
    }

    /** Syncs {@code secrets} (current first) into {@code dbFile} for {@code realm}; returns the script's stderr. */
    public static String run(Path dir, Path dbFile, String realm, List<String> secrets) {
        try {
            List<String> files = new ArrayList<>();
            for (int i = 0; i < secrets.size(); i++) {
                Path f = dir.resolve("turn-secret-" + i);
                Files.deleteIfExists(f);
                Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(f, secrets.get(i) + "\n", StandardCharsets.US_ASCII);
                files.add(f.toString());
            }
            Result r = exec(dir, new SecretStore(dbFile.toString(), realm, System.getProperty("user.name"), files));
            if (r.exit() != 0) {
                throw new AssertionError("turnkit-sync-secrets failed (exit " + r.exit() + "): " + r.output());
            }
            return r.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script's exit code and output (stdout and stderr). */
    public record Result(int exit, String output) {
    }

    /** Renders the script for {@code store} into {@code dir} and runs it (30 s at most). */
    public static Result exec(Path dir, SecretStore store) {
        try {
            Path script = dir.resolve("turnkit-sync-secrets");
            Files.writeString(script, HostRenderer.create().renderSecretSync(store), StandardCharsets.UTF_8);
            // Output to a file, not a pipe: reading a pipe to its end would wait for the script however long it runs.
            Path log = dir.resolve("turnkit-sync-secrets.log");
            Process p = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = p.waitFor(30, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished) {
                throw new AssertionError("turnkit-sync-secrets did not finish in 30 s: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
