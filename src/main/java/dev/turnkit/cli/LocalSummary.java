package dev.turnkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnkit.local.LocalStack;
import java.io.PrintWriter;

/** The human summary {@code turnkit local up} prints: endpoints, a sample credential, how to point an app at it. */
final class LocalSummary {
    private LocalSummary() {
    }

    static void print(PrintWriter out, LocalStack.Running running) {
        JsonNode e = running.endpoints();
        JsonNode turn = e.path("turn");
        out.println("turnkit local stack (project " + e.path("projectId").asText() + ")");
        out.println();
        out.println("  TURN/STUN            " + String.join("\n                       ",
                iterable(turn.path("uris"))));
        out.println("  TURN secret file     " + turn.path("secretFile").asText() + "   (coturn use-auth-secret)");
        out.println("  CA file (turns:)     " + turn.path("caFile").asText());
        line(out, "credentials endpoint", e.path("credentials").path("url"));
        line(out, "Auth emulator", e.path("authEmulator").path("url"));
        line(out, "Firestore emulator", e.path("firestoreEmulator").path("url"));
        line(out, "sample call app", e.path("sampleApp").path("url"));
        out.println("  logs                 " + e.path("logs").asText());
        out.println();
        out.println("Sample TURN credential (valid 1 h):");
        out.println("  username  " + running.sampleCredential().username());
        out.println("  password  " + running.sampleCredential().password());
        out.println();
        out.println("Point an app at it:");
        out.println("  - Firebase JS SDK: connectAuthEmulator(auth, \"" + e.path("authEmulator").path("url")
                .asText("http://127.0.0.1:9099") + "\"); connectFirestoreEmulator(db, \"127.0.0.1\", "
                + e.path("firestoreEmulator").path("port").asText("8080") + ");");
        out.println("  - ICE servers: GET the credentials endpoint with 'Authorization: Bearer <ID token>' and pass "
                + "its iceServers to new RTCPeerConnection({iceServers})");
        out.println("  - Android emulator: use 10.0.2.2 instead of 127.0.0.1; a phone needs a LAN-reachable host");
        out.println("  - Check it any time: turnkit check --server 127.0.0.1 --port " + turn.path("port").asText()
                + " --tls-port " + turn.path("tlsPort").asText() + " --secret-file " + turn.path("secretFile")
                .asText() + " --ca-file " + turn.path("caFile").asText());
    }

    private static void line(PrintWriter out, String label, JsonNode value) {
        out.printf("  %-20s %s%n", label, value.isMissingNode() || value.isNull() ? "(not started)" : value.asText());
    }

    private static Iterable<String> iterable(JsonNode array) {
        java.util.List<String> l = new java.util.ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }
}
