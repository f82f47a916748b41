package dev.turnkit.cli;

import dev.turnkit.local.LocalEndpoints;
import dev.turnkit.local.LocalStack;
import java.io.PrintWriter;

/** The human summary {@code turnkit local up} prints: endpoints, a sample credential, how to point an app at it. */
final class LocalSummary {
    private LocalSummary() {
    }

    static void print(PrintWriter out, LocalStack.Running running) {
        LocalEndpoints e = running.endpoints();
        LocalEndpoints.Turn turn = e.turn();
        out.println("turnkit local stack (project " + e.projectId() + ")");
        out.println();
        out.println("  TURN/STUN            " + String.join("\n                       ", turn.uris()));
        out.println("  TURN secret file     " + turn.secretFile() + "   (coturn use-auth-secret)");
        out.println("  CA file (turns:)     " + turn.caFile());
        line(out, "credentials endpoint", e.credentials() == null ? null : e.credentials().url());
        line(out, "Auth emulator", e.authEmulator() == null ? null : e.authEmulator().url());
        line(out, "Firestore emulator", e.firestoreEmulator() == null ? null : e.firestoreEmulator().url());
        line(out, "sample call app", e.sampleApp() == null ? null : e.sampleApp().url());
        out.println("  logs                 " + e.logs());
        out.println();
        out.println("Sample TURN credential (valid 1 h):");
        out.println("  username  " + running.sampleCredential().username());
        out.println("  password  " + running.sampleCredential().password());
        out.println();
        out.println("Point an app at it:");
        out.println("  - Firebase JS SDK: connectAuthEmulator(auth, \"" + (e.authEmulator() == null
                ? "http://127.0.0.1:9099" : e.authEmulator().url()) + "\"); connectFirestoreEmulator(db, \"127.0.0.1\", "
                + (e.firestoreEmulator() == null ? 8080 : e.firestoreEmulator().port()) + ");");
        out.println("  - ICE servers: GET the credentials endpoint with 'Authorization: Bearer <ID token>' and pass "
                + "its iceServers to new RTCPeerConnection({iceServers})");
        out.println("  - Android emulator: use 10.0.2.2 instead of 127.0.0.1; a phone needs a LAN-reachable host");
        out.println("  - Check it any time: turnkit check --server 127.0.0.1 --port " + turn.port()
                + " --tls-port " + turn.tlsPort() + " --secret-file " + turn.secretFile()
                + " --ca-file " + turn.caFile());
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("  %-20s %s%n", label, value == null ? "(not started)" : value);
    }
}
