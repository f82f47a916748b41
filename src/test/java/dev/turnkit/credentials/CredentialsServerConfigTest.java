package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.model.ConfigException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the service refuses to start with: production safety does not depend on a running emulator. */
class CredentialsServerConfigTest {
    @TempDir
    Path dir;

    private CredentialsServerConfig.Builder valid() {
        return CredentialsServerConfig.builder()
                .port(0)
                .projectId("demo-turnkit-config")
                .secretFile(TestSecrets.write(dir, "turn-secret", TestSecrets.random(), "rw-------"))
                .turnHost("turn.example.test");
    }

    @Test
    void emulatorModeIsRefusedOnANonLoopbackBind() throws Exception {
        CredentialsServerConfig.Builder b = valid()
                .bindAddress(InetAddress.getByName("0.0.0.0"))
                .tls(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"))
                .authEmulatorHost("127.0.0.1:9099");
        assertThatThrownBy(b::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Auth emulator mode accepts unsigned ID tokens and is refused on a non-loopback bind")
                .isInstanceOfSatisfying(CredentialsServerConfig.InvalidConfigException.class,
                        e -> assertThat(e.settingProblems()).extracting(CredentialsServerConfig.Problem::setting)
                                .contains(CredentialsServerConfig.Setting.AUTH_EMULATOR));
    }

    @Test
    void emulatorHostMustItselfBeLoopback() {
        assertThatThrownBy(() -> valid().authEmulatorHost("10.0.0.5:9099").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a loopback HOST:PORT");
    }

    @Test
    void plainHttpIsRefusedOffLoopback() throws Exception {
        assertThatThrownBy(() -> valid().bindAddress(InetAddress.getByName("0.0.0.0")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plain HTTP is only allowed on loopback");
    }

    @Test
    void inheritedEmulatorVariableIsRefusedInProductionMode() {
        CredentialsServerConfig config = valid().build();
        assertThatThrownBy(() -> CredentialsServer.start(config,
                Map.of("FIREBASE_AUTH_EMULATOR_HOST", "127.0.0.1:9099"), Clock.systemUTC(), new AccessLog(l -> { })))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FIREBASE_AUTH_EMULATOR_HOST is set in the environment")
                .hasMessageContaining("refuses to start");
    }

    @Test
    void emulatorModeNeverLeaksIntoAProductionVerifierInTheSameProcess() {
        Duration cache = Duration.ofSeconds(30);
        try (FirebaseIdTokenVerifier local = FirebaseIdTokenVerifier.create("demo-turnkit-config", "127.0.0.1:9",
                false, cache, Map.of(), Clock.systemUTC())) {
            assertThat(local.emulatorMode()).isTrue();
            assertThatThrownBy(() -> FirebaseIdTokenVerifier.create("demo-turnkit-config", null, false, cache,
                    Map.of(), Clock.systemUTC()))
                    .as("production verification is refused while emulator mode is on in this process")
                    .isInstanceOf(ConfigException.class).hasMessageContaining("emulator-mode");
            assertThatThrownBy(() -> FirebaseIdTokenVerifier.create("demo-turnkit-config", "127.0.0.1:10", false,
                    cache, Map.of(), Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("one emulator per process");
        }
        try (FirebaseIdTokenVerifier production = FirebaseIdTokenVerifier.create("demo-turnkit-config", null, false,
                cache, Map.of(), Clock.systemUTC())) {
            assertThat(production.emulatorMode()).as("closing the emulator verifier clears the mode").isFalse();
        }
    }

    @Test
    void secretFilesReadableByGroupOrOthersAreRefusedWithTheFix() {
        Path loose = TestSecrets.write(dir, "loose-secret", TestSecrets.random(), "rw-r--r--");
        assertThatThrownBy(() -> SecretFile.read(loose, "TURN secret file"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("accessible by group or others")
                .hasMessageContaining("chmod 600 " + loose);
        Path groupReadable = TestSecrets.write(dir, "group-secret", TestSecrets.random(), "rw-r-----");
        assertThatThrownBy(() -> SecretFile.read(groupReadable, "TURN secret file"))
                .isInstanceOf(ConfigException.class);
        assertThat(new String(SecretFile.read(TestSecrets.write(dir, "ok", "0123456789abcdef0123", "r--------"),
                "TURN secret file"))).as("0400 is fine and the trailing newline is dropped")
                .isEqualTo("0123456789abcdef0123");
    }

    @Test
    void secretValuesNeverAppearInErrors() {
        String value = "short";
        Path file = TestSecrets.write(dir, "short-secret", value, "rw-------");
        assertThatThrownBy(() -> SecretFile.read(file, "TURN secret file"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fewer than 16 characters")
                .hasMessageNotContaining(": " + value);
    }

    @Test
    void secretIsFoundInTheSystemdCredentialsDirectory() {
        assertThat(SecretFile.inCredentialsDirectory(Map.of("CREDENTIALS_DIRECTORY", "/run/credentials/x.service"),
                "turn-secret")).isEqualTo(Path.of("/run/credentials/x.service/turn-secret"));
        assertThat(SecretFile.inCredentialsDirectory(Map.of(), "turn-secret")).isNull();
    }

    @Test
    void problemsNameTheirSettingAndNoCommandLineFlag() {
        assertThatThrownBy(() -> CredentialsServerConfig.builder().bindAddress(InetAddress.getByName("0.0.0.0"))
                .projectId("Bad_Project").turnHost("bad host").tls(dir.resolve("c.pem"), null)
                .authEmulatorHost("10.0.0.5:9099").threads(0).build())
                .isInstanceOfSatisfying(CredentialsServerConfig.InvalidConfigException.class, e -> {
                    assertThat(e.settingProblems()).extracting(CredentialsServerConfig.Problem::setting)
                            .contains(CredentialsServerConfig.Setting.PROJECT_ID,
                                    CredentialsServerConfig.Setting.SECRET_FILE, CredentialsServerConfig.Setting.TLS,
                                    CredentialsServerConfig.Setting.TURN_HOST,
                                    CredentialsServerConfig.Setting.AUTH_EMULATOR,
                                    CredentialsServerConfig.Setting.THREADS);
                    assertThat(e.problems()).as("the library's messages leave option names to the front end")
                            .allSatisfy(p -> assertThat(p).doesNotContain("--"));
                    assertThat(e.problems()).hasSameSizeAs(e.settingProblems());
                });
    }

    @Test
    void theRecordKeepsTheBuildersValuesAndDefaults() {
        CredentialsServerConfig c = valid().allowOrigin("https://app.example.com").build();
        assertThat(c.threads()).isEqualTo(CredentialsServerConfig.DEFAULT_THREADS)
                .isGreaterThanOrEqualTo(4);
        assertThat(c.allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(c.tls()).isFalse();
        assertThat(c.emulatorMode()).isFalse();
        assertThat(c.defaultTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(c.bindAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void ttlsOriginsAndLimitsAreValidatedTogether() {
        assertThatThrownBy(() -> valid().maxTtl(Duration.ofHours(48)).allowOrigin("https://*.example.com")
                .allowOrigin("https://app.example.com/path").uidRequestsPerMinute(0).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("max TTL")
                .hasMessageContaining("is not an exact origin");
        assertThatThrownBy(() -> valid().defaultTtl(Duration.ofHours(2)).build())
                .hasMessageContaining("default TTL");
    }
}
