package dev.turnkit.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code turnserver.conf} line sets for {@link CoturnServer}: the hardened peer restrictions of coturn.md §2.4 for
 * coturn 4.6.1, and the test-only exception that lets relay-echo run on loopback.
 */
public final class CoturnConfigs {
    private CoturnConfigs() {
    }

    /** IPv4 special-purpose ranges (coturn.md §2.4). */
    public static final List<String> DENY_IPV4 = List.of(
            "0.0.0.0-0.255.255.255", "10.0.0.0-10.255.255.255", "100.64.0.0-100.127.255.255",
            "127.0.0.0-127.255.255.255", "169.254.0.0-169.254.255.255", "172.16.0.0-172.31.255.255",
            "192.0.0.0-192.0.0.255", "192.0.2.0-192.0.2.255", "192.31.196.0-192.31.196.255",
            "192.52.193.0-192.52.193.255", "192.88.99.0-192.88.99.255", "192.168.0.0-192.168.255.255",
            "192.175.48.0-192.175.48.255", "198.18.0.0-198.19.255.255", "198.51.100.0-198.51.100.255",
            "203.0.113.0-203.0.113.255", "224.0.0.0-239.255.255.255", "240.0.0.0-255.255.255.255");

    /** IPv6 special-purpose ranges, all CIDR-aligned (coturn.md §2.4, §3.2). */
    public static final List<String> DENY_IPV6 = List.of(
            "::1", "64:ff9b::-64:ff9b::ffff:ffff", "64:ff9b:1::-64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
            "100::-100::ffff:ffff:ffff:ffff", "2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2620:4f:8000::-2620:4f:8000:ffff:ffff:ffff:ffff:ffff", "3fff::-3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff",
            "5f00::-5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

    /** CVE-2026-27624 workaround for coturn &lt; 4.9 (coturn.md §3.3). */
    public static final String DENY_IPV4_MAPPED = "::ffff:0.0.0.0-::ffff:255.255.255.255";

    /**
     * IPv4-compatible {@code ::a.b.c.d} for 1.0.0.0-255.255.255.255 as CIDR-aligned blocks that do not start at
     * {@code ::} (which would mean "any" on 4.6.1, coturn.md §3.2).
     */
    public static final List<String> DENY_IPV4_COMPATIBLE = List.of(
            "::100:0-::1ff:ffff", "::200:0-::3ff:ffff", "::400:0-::7ff:ffff", "::800:0-::fff:ffff",
            "::1000:0-::1fff:ffff", "::2000:0-::3fff:ffff", "::4000:0-::7fff:ffff", "::8000:0-::ffff:ffff");

    /** The hardened peer restrictions for coturn 4.6.1: every line above plus no-multicast-peers. */
    public static List<String> hardenedPeerRules() {
        List<String> lines = new ArrayList<>();
        lines.add("no-multicast-peers");
        lines.add("no-tcp-relay");
        DENY_IPV4.forEach(r -> lines.add("denied-peer-ip=" + r));
        DENY_IPV6.forEach(r -> lines.add("denied-peer-ip=" + r));
        lines.add("denied-peer-ip=" + DENY_IPV4_MAPPED);
        DENY_IPV4_COMPATIBLE.forEach(r -> lines.add("denied-peer-ip=" + r));
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
