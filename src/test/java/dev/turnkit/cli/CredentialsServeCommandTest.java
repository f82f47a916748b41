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
        assertBadInput(r, "--auth-emulator: Auth emulator mode accepts unsigned ID tokens and is refused on a "
                + "non-loopback bind");
    }

    private CredentialsServeCommand parsed(String... args) {
        CredentialsServeCommand cmd = new CredentialsServeCommand(java.util.Map.of());
        new picocli.CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void optionsUseTheOneDurationGrammarAndTheLibrarysThreadDefault() throws Exception {
        String secret = secret("rw-------").toString();
        dev.turnkit.credentials.CredentialsServerConfig config = parsed("--project", "demo-turnkit", "--turn-host",
                "t.example", "--secret-file", secret, "--tls-reload-interval", "500ms", "--token-cache", "0",
                "--max-ttl", "1.5h", "--default-ttl", "90").config();
        assertThat(config.reloadInterval()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(config.tokenCacheTtl()).as("0 = never cache").isZero();
        assertThat(config.maxTtl()).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(config.defaultTtl()).as("a bare number is seconds").isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(config.threads()).as("no CLI default overrides the library's CPU-based one")
                .isEqualTo(dev.turnkit.credentials.CredentialsServerConfig.DEFAULT_THREADS);
        assertThat(parsed("--project", "demo-turnkit", "--turn-host", "t.example", "--secret-file", secret,
                "--threads", "3").config().threads()).isEqualTo(3);
    }

    @Test
    void configurationProblemsNameTheOptionsToFix() {
        MainTest.Result r = MainTest.run("credentials", "serve", "--project", "Not_A_Project", "--turn-host",
                "t.example", "--threads", "0");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--project: project id 'Not_A_Project'", "--secret-file: no TURN secret file",
                "--threads: threads must be 1..256");
        assertThat(r.out()).isEmpty();
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
                "--max-ttl", "forever"), "invalid duration 'forever'");
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
