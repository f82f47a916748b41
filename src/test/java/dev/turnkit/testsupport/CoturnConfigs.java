package dev.turnkit.testsupport;

import dev.turnkit.model.CoturnVersion;
import dev.turnkit.model.TurnServerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code turnserver.conf} line sets for {@link CoturnServer}: the hardened peer restrictions the templates render
 * for coturn 4.6.1, and the test-only exception that lets relay-echo run on loopback.
 */
public final class CoturnConfigs {
    private CoturnConfigs() {
    }

    /**
     * The hardened peer restrictions for coturn 4.6.1, from the same deny list the templates render
     * ({@link TurnServerSpec#deniedPeers}), plus no-multicast-peers and no-tcp-relay.
     */
    public static List<String> hardenedPeerRules() {
        List<String> lines = new ArrayList<>();
        lines.add("no-multicast-peers");
        lines.add("no-tcp-relay");
        TurnServerSpec.deniedPeers(CoturnVersion.of("4.6.1"), null, false)
                .forEach(r -> lines.add("denied-peer-ip=" + r));
        return lines;
    }

    /**
     * TEST ONLY: relay on {@code relayIp} (a loopback address other than 127.0.0.1, e.g. 127.0.0.2) and allow
     * exactly that address as a peer, so two allocations can relay to each other on loopback while the deny list
     * still refuses 127.0.0.1 and the rest of 127/8. coturn 4.6.1 checks its built-in loopback ban before
     * {@code allowed-peer-ip}, hence {@code allow-loopback-peers}, which it refuses without {@code cli-password}.
     */
    public static List<String> loopbackEchoException(String relayIp) {
        return List.of("relay-ip=" + relayIp, "relay-ip=::1", "allow-loopback-peers",
                "cli-password=test-only-cli-is-off", "allowed-peer-ip=" + relayIp);
    }
}
