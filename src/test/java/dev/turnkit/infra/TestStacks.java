package dev.turnkit.infra;

import dev.turnkit.model.StackConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stack configs for infra tests, built through the real parser from key/value pairs. */
final class TestStacks {
    static final String PUBLIC_IP = "203.0.113.10";
    static final String PRIVATE_IP = "10.0.0.10";
    static final String ADMIN_CIDR = "198.51.100.7/32";

    private TestStacks() {
    }

    /** A valid A1 stack (1 OCPU, 6 GB) without a DNS zone, plus the given overrides (null value removes a key). */
    static StackConfig config(Object... overrides) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("turnkit:domain", "turn.example.com");
        m.put("turnkit:privateIp", PRIVATE_IP);
        m.put("turnkit:shape", "VM.Standard.A1.Flex");
        m.put("turnkit:ocpus", 1);
        m.put("turnkit:memoryGb", 6);
        m.put("turnkit:bootVolumeGb", 50);
        m.put("turnkit:adminSshCidr", ADMIN_CIDR);
        m.put("turnkit:acmeEmail", "ops@example.com");
        m.put("turnkit:sshPublicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForDocumentation0000000000 ops@example");
        m.put("turnkit:firebaseProjectId", "example-webrtc-dev");
        m.put("turnkit:turnSecretFile", ".turnkit/test/turn-secret");
        m.put("turnkit:compartmentId", "ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexample");
        m.put("turnkit:availabilityDomains", java.util.List.of("Uocm:EU-FRANKFURT-1-AD-1", "Uocm:EU-FRANKFURT-1-AD-2"));
        for (int i = 0; i < overrides.length; i += 2) {
            String key = "turnkit:" + overrides[i];
            if (overrides[i + 1] == null) {
                m.remove(key);
            } else {
                m.put(key, overrides[i + 1]);
            }
        }
        return StackConfig.fromMap("test", m);
    }
}
