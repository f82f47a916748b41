package dev.turnkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {
    @TempDir
    Path dir;

    @Test
    void missingCoturnSaysHowToInstallItOnDebianAndMacos() {
        assertThat(Executables.find("turnserver", dir.toString())).as("not in an empty directory").isEmpty();
        assertThatThrownBy(() -> LocalStack.turnserver(Executables.find("turnserver", dir.toString())))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("coturn is not installed")
                .hasMessageContaining("apt-get install -y coturn")
                .hasMessageContaining("brew install coturn");
    }

    @Test
    void findsAnExecutableOnTheSearchPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.createFile(bin.resolve("turnserver"));
        tool.toFile().setExecutable(true);
        assertThat(Executables.find("turnserver", dir.resolve("empty") + ":" + bin)).contains(tool);
        assertThat(LocalStack.turnserver(Optional.of(tool))).isEqualTo(tool);
    }

    @Test
    void aDownWithoutStateStopsNothing() {
        assertThat(LocalStack.down(dir)).isEmpty();
        assertThat(LocalStack.status(dir)).isEmpty();
    }
}
