package dev.turnkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --ca-file} and {@code --tls-server-name}: how a command that speaks TURN over TLS verifies the server, the
 * same for {@code check} and {@code load}.
 */
final class TlsTrustOptions {
    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust the CA certificates in this PEM file instead of the JDK store (private CA, "
                    + "self-signed local stack).")
    Path caFile;

    @Option(names = "--tls-server-name", paramLabel = "NAME",
            description = "Name the TLS certificate must carry (default: the --server value).")
    String serverName;

    /** The name to verify: {@code --tls-server-name}, else {@code server}. */
    String serverNameOr(String server) {
        return serverName != null ? serverName : server;
    }

    /** Exit 3 with one line when {@code --ca-file} names a file that cannot be read. */
    void validate() {
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "--ca-file " + caFile + " is not a readable file");
        }
    }
}
