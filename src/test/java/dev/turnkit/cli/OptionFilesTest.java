package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionFilesTest {
    @TempDir
    Path dir;

    @Test
    void theTextIsStrippedOfTheNewlineAnEditorAdds() throws Exception {
        Path f = Files.writeString(dir.resolve("secret"), "  s3cret\n");
        assertThat(OptionFiles.read(f, "--secret-file", "")).isEqualTo("s3cret");
        assertThat(OptionFiles.secret(f, "--secret-file")).isEqualTo("s3cret".getBytes());
    }

    @Test
    void anEmptyFileSaysWhatBelongsInIt() throws Exception {
        Path f = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> OptionFiles.secret(f, "--secret-file"))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.UNKNOWN);
                    assertThat(e.getMessage()).isEqualTo("--secret-file " + f + " is empty: put coturn's "
                            + "static-auth-secret in it");
                });
        assertThatThrownBy(() -> OptionFiles.read(f, "--id-token-file", ""))
                .hasMessage("--id-token-file " + f + " is empty");
    }

    @Test
    void anUnreadableFileNamesTheOptionAndTheError() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> OptionFiles.read(missing, "--alert-webhook-file", "put the webhook URL in it"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("cannot read --alert-webhook-file " + missing + ": NoSuchFileException");
    }
}
