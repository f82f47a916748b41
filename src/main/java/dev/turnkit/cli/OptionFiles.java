package dev.turnkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the file an option names (a secret, a token, a URL): one clear line and exit 3 when it cannot. */
final class OptionFiles {
    private OptionFiles() {
    }

    /**
     * The file's text without surrounding white space.
     *
     * @param option    the option that named it, for messages ({@code --secret-file})
     * @param whatToPut what belongs in the file, said when it is empty (may be empty)
     * @throws CommandFailedException with {@link ExitCode#UNKNOWN} if it cannot be read or is empty
     */
    static String read(Path file, String option, String whatToPut) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "cannot read " + option + " " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (text.isEmpty()) {
            throw new CommandFailedException(ExitCode.UNKNOWN, option + " " + file + " is empty"
                    + (whatToPut.isEmpty() ? "" : ": " + whatToPut));
        }
        return text;
    }

    /** {@link #read} of coturn's static-auth-secret, as bytes. */
    static byte[] secret(Path file, String option) {
        return read(file, option, "put coturn's static-auth-secret in it").getBytes(StandardCharsets.UTF_8);
    }
}
