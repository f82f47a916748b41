package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.test.PulumiTest;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code pulumi up} gets the TURN secret from a secret file. */
class InfraMainTest {
    @TempDir
    Path dir;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void aSecretFileIsReadFirstLineTrimmedAsASecretOutput() throws IOException {
        Path file = dir.resolve("turn-secret");
        Files.writeString(file, "  s3cret-value  \nignored second line\n");
        StackConfig config = TestStacks.config("turnSecretFile", file.toString());
        assertThat(PulumiTest.extractValue(InfraMain.secrets(config, null))).containsExactly("s3cret-value");
    }

    @Test
    void aMissingSecretFileNamesTheKeyAndHowToCreateIt() {
        Path missing = dir.resolve("nope");
        StackConfig config = TestStacks.config("turnSecretFile", missing.toString());
        assertThatThrownBy(() -> InfraMain.secrets(config, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("turnkit:turnSecretFile: cannot read")
                .hasMessageContaining("openssl rand -base64 32 > " + missing);
    }

    @Test
    void anEmptySecretFileIsRefused() throws IOException {
        Path file = dir.resolve("empty");
        Files.writeString(file, "\n");
        StackConfig config = TestStacks.config("turnSecretFile", file.toString());
        assertThatThrownBy(() -> InfraMain.secrets(config, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void rotationReadsBothSecretsInOrder() throws IOException {
        Path current = Files.writeString(dir.resolve("current"), "new\n");
        Path previous = Files.writeString(dir.resolve("previous"), "old\n");
        StackConfig config = TestStacks.config("turnSecretFile", current.toString(),
                "previousTurnSecretFile", previous.toString());
        assertThat(PulumiTest.extractValue(InfraMain.secrets(config, null))).isEqualTo(List.of("new", "old"));
    }
}
