package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code turnkit credentials serve} ends with exit 3, one clear line and nothing started. */
class CredentialsServeCommandTest {
    @TempDir
    Path dir;

    private Path secret(String mode) throws Exception {
        Path file = dir.resolve("turn-secret");
        Files.writeString(file, "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static void assertBadInput(MainTest.Result r, String expected) {
        assertThat(r.code()).as("bad input is UNKNOWN (3): " + r.err()).isEqualTo(3);
        assertThat(r.err().strip().lines().findFirst().orElse("")).startsWith("turnkit: ").contains(expected);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void emulatorModeOnAPublicBindIsRefused() throws Exception {
        MainTest.Result r = MainTest.run("credentials", "serve", "--bind", "0.0.0.0", "--port", "0",
                "--project", "demo-turnkit", "--turn-host", "turn.example.test", "--secret-file",
                secret("rw-------").toString(), "--tls-cert", dir.resolve("c.pem").toString(), "--tls-key",
                dir.resolve("k.pem").toString(), "--auth-emulator", "127.0.0.1:9099");
        assertBadInput(r, "refused on a non-loopback bind");
    }

    @Test
    void worldReadableSecretFileIsRefused() throws Exception {
        MainTest.Result r = MainTest.run("credentials", "serve", "--port", "0", "--project", "demo-turnkit",
                "--turn-host", "turn.example.test", "--secret-file", secret("rw-r--r--").toString());
        assertBadInput(r, "chmod 600");
    }

    @Test
    void missingSecretAndBadDurationAreExplained() {
        assertBadInput(MainTest.run("credentials", "serve", "--project", "demo-turnkit", "--turn-host", "t.example"),
                "no TURN secret file");
        assertBadInput(MainTest.run("credentials", "serve", "--project", "demo-turnkit", "--turn-host", "t.example",
                "--max-ttl", "forever"), "is not a duration");
    }

    @Test
    void thereIsNoFlagForTheSecretValue() {
        assertBadInput(MainTest.run("credentials", "serve", "--project", "demo-turnkit", "--turn-host", "t.example",
                "--secret", "hunter2hunter2hunter2"), "Unknown option");
    }

    @Test
    void helpListsTheServeOptions() {
        MainTest.Result r = MainTest.run("credentials", "serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--secret-file", "--tls-cert", "--tls-key", "--max-ttl", "--allow-origin",
                "--uid-rate", "--ip-rate", "--auth-emulator", "Exit codes:");
    }
}
