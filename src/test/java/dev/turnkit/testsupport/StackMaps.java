package dev.turnkit.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/** A valid production stack config as a Pulumi config map, for tests in any package to start from. */
public final class StackMaps {
    private StackMaps() {
    }

    /** A fresh, mutable map: every required key, documentation addresses only. */
    public static Map<String, Object> valid() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("turnkit:domain", "turn.example.com");
        m.put("turnkit:publicIp", "203.0.113.10");
        m.put("turnkit:privateIp", "10.0.0.10");
        m.put("turnkit:adminSshCidr", "198.51.100.7/32");
        m.put("turnkit:acmeEmail", "ops@example.com");
        m.put("turnkit:sshPublicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample ops@example");
        m.put("turnkit:firebaseProjectId", "example-webrtc");
        m.put("turnkit:turnSecretFile", "secrets/turn-secret");
        m.put("turnkit:compartmentId", "ocid1.compartment.oc1..aaaaaaaaexample");
        m.put("turnkit:availabilityDomains", "[\"Uocm:EU-FRANKFURT-1-AD-1\",\"Uocm:EU-FRANKFURT-1-AD-2\"]");
        m.put("oci:region", "eu-frankfurt-1");
        return m;
    }
}
