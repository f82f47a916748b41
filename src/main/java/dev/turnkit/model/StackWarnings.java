package dev.turnkit.model;

import java.util.ArrayList;
import java.util.List;

/** What a valid stack still risks: each warning is one line naming the key, the risk and its source. */
final class StackWarnings {
    private StackWarnings() {
    }

    static List<String> of(StackConfig c) {
        List<String> out = new ArrayList<>();
        if (c.coturn().version().below("4.10.0")) {
            out.add(StackKeys.COTURN_VERSION + ": " + c.coturn().version() + " is older than 4.10.0 — "
                    + "CVE-2026-40613 (one UDP packet can crash it on strict-alignment ARM64) and management-interface "
                    + "CVEs; the rendered config mitigates what it can (no-cli, no oauth, ::ffff: deny rule)"
                    + (c.instance().shape().architecture().equals("arm64") ? "; this stack runs on ARM64 (A1)" : ""));
        }
        if (c.credentials().maxTtlSeconds() > 3600) {
            out.add(StackKeys.CREDENTIALS_MAX_TTL + ": " + c.credentials().maxTtlSeconds() + " s — above one hour; "
                    + "HMAC credentials cannot be revoked (design-notes.md §10, pitfall 3)");
        }
        return out;
    }
}
