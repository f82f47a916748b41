package dev.turnkit.local;

import java.nio.file.Path;
import java.util.List;

/**
 * The command lines of the turnkit subcommands the local stack runs as child processes (they must outlive a
 * detached {@code local up}). The CLI implements it, next to the commands whose flags it spells: this package
 * names no CLI flag ({@code ArchitectureTest}), and the CLI's test parses each command line it builds.
 */
public interface ChildCommands {

    /**
     * {@code turnkit credentials serve} on plain HTTP on loopback, trusting the Auth emulator's tokens.
     *
     * @param port           the loopback port
     * @param projectId      the demo project whose ID tokens it accepts
     * @param secretFile     the TURN shared secret
     * @param turnHost       the host in the returned URIs
     * @param turnPort       STUN/TURN port
     * @param turnsPort      TURN over TLS port
     * @param allowedOrigins exact origins allowed by CORS
     * @param authEmulator   the Auth emulator's {@code host:port}
     */
    record CredentialsEndpoint(int port, String projectId, Path secretFile, String turnHost, int turnPort,
            int turnsPort, List<String> allowedOrigins, String authEmulator) {
        public CredentialsEndpoint {
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    /** The full command line (program first) that serves the credentials endpoint. */
    List<String> credentialsServe(CredentialsEndpoint endpoint);

    /** The full command line that serves the sample app from {@code webDir} on loopback {@code port}. */
    List<String> serveApp(Path webDir, int port, Path configFile);
}
