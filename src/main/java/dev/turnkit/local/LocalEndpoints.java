package dev.turnkit.local;

import java.util.List;

/**
 * Where each part of a running local stack listens, as {@code turnkit local up --json} and
 * {@code turnkit local status} print it and the state file records it. A part that was not started is
 * {@code null}. Serialised as is by Jackson (component order = JSON order).
 *
 * @param projectId         the Firebase demo project id of the emulators and the credentials endpoint
 * @param turn              coturn
 * @param firestoreEmulator the Firestore emulator with {@code firestore.rules} loaded
 * @param authEmulator      the Firebase Auth emulator
 * @param credentials       the credentials endpoint
 * @param sampleApp         the sample call app
 * @param stateDir          the state directory (rendered files, secret, certificate, state file)
 * @param logs              the directory of every part's log
 */
public record LocalEndpoints(String projectId, Turn turn, Firestore firestoreEmulator, Auth authEmulator,
        Credentials credentials, SampleApp sampleApp, String stateDir, String logs) {

    /**
     * coturn on loopback.
     *
     * @param uris       what an app puts in {@code iceServers} (the {@code turns:} URI names the certificate's host)
     * @param relayPorts the relay range, {@code min-max}
     * @param secretFile the shared secret ({@code use-auth-secret})
     * @param caFile     the self-signed certificate, to trust for {@code turns:}
     * @param config     the rendered {@code turnserver.conf}
     */
    public record Turn(String host, int port, int tlsPort, String realm, List<String> uris, String relayPorts,
            String secretFile, String caFile, String config) {
        public Turn {
            uris = List.copyOf(uris);
        }
    }

    /** The Firestore emulator: {@code url} is its base URL, {@code rules} the rules file it was loaded with. */
    public record Firestore(String host, int port, String url, String rules) {
    }

    /** The Auth emulator: {@code url} is its base URL. */
    public record Auth(String host, int port, String url) {
    }

    /** The credentials endpoint: {@code url} is the full URL a client calls (see {@code model.CredentialsUrl}). */
    public record Credentials(String url) {
    }

    /** The sample call app's page. */
    public record SampleApp(String url) {
    }
}
