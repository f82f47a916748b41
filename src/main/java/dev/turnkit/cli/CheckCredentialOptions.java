package dev.turnkit.cli;

import dev.turnkit.check.CredentialSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How {@code turnkit check} gets TURN credentials, one way at most: derived from coturn's secret
 * ({@code --secret-file}), a fixed username and password, or the credentials endpoint as an app fetches them.
 */
final class CheckCredentialOptions {
    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "File holding coturn's static-auth-secret; REST credentials are derived from it.")
    Path secretFile;

    @ArgGroup(exclusive = false)
    UserPassword userPassword;

    @ArgGroup(exclusive = false)
    Endpoint endpoint;

    static final class Endpoint {
        @Option(names = "--credentials-url", required = true, paramLabel = "URL",
                description = "Fetch credentials from the turnkit credentials endpoint, as an app does "
                        + "(e.g. https://turn.example.com/v1/turn-credentials); needs --id-token-file.")
        URI url;

        @Option(names = "--id-token-file", required = true, paramLabel = "FILE",
                description = "File holding a Firebase ID token for --credentials-url.")
        Path idTokenFile;
    }

    static final class UserPassword {
        @Option(names = "--username", required = true, paramLabel = "USER", description = "TURN username.")
        String username;

        @Option(names = "--password", required = true, paramLabel = "PASSWORD", description = "TURN password.")
        String password;
    }

    /** The credential source these options name; {@code timeout} and {@code caFile} serve the endpoint. */
    CredentialSource source(Duration timeout, Path caFile) {
        if (secretFile != null) {
            return CredentialSource.restSecret(OptionFiles.secret(secretFile, "--secret-file"));
        }
        if (endpoint != null) {
            String token = OptionFiles.read(endpoint.idTokenFile, "--id-token-file",
                    "put a Firebase ID token in it (e.g. from your app's getIdToken())");
            return CredentialSource.endpoint(endpoint.url, token, timeout, caFile);
        }
        return CredentialSource.fixed(userPassword.username, userPassword.password);
    }

    /** The secret values these options carry, so that {@code --watch} output can never print them. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (secretFile != null) {
            secrets.add(OptionFiles.read(secretFile, "--secret-file", ""));
        }
        if (userPassword != null) {
            secrets.add(userPassword.password);
        }
        if (endpoint != null) {
            secrets.add(OptionFiles.read(endpoint.idTokenFile, "--id-token-file", ""));
        }
        return secrets;
    }
}
