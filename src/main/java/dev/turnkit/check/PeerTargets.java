package dev.turnkit.check;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The peer addresses {@code peer-deny-sweep} tries. Deny targets cover every special-purpose range coturn's
 * hardened deny list must refuse (first, last and interior addresses), the cloud metadata service, and each
 * IPv4-in-IPv6 encoding of loopback, metadata and a 10/8 address; allow controls are public resolvers. Every deny
 * target is {@link PeerClass.Risk#INTERNAL} or {@link PeerClass.Risk#UNROUTED}; globally reachable special-purpose
 * ranges (AS112, AMT) are left out, since a relay may reach them like any public address.
 */
public final class PeerTargets {
    private static final Pattern IP_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private PeerTargets() {
    }

    /**
     * One target.
     *
     * @param text the address as written (keeps {@code ::ffff:127.0.0.1} readable)
     * @param address the address, with the IPv6 family preserved for IPv4-mapped forms
     * @param allowControl true if the server must accept it
     */
    public record Target(String text, InetAddress address, boolean allowControl) {
        public boolean ipv6() {
            return address instanceof Inet6Address;
        }

        /** What the address is and how bad accepting it would be. */
        public PeerClass peerClass() {
            return PeerClass.of(address);
        }
    }

    static final List<String> IPV4_DENY = List.of(
            // unspecified, loopback
            "0.0.0.0", "0.255.255.254", "127.0.0.1", "127.0.0.8", "127.255.255.254",
            // RFC 1918
            "10.0.0.1", "10.255.255.254", "172.16.0.1", "172.31.255.254", "192.168.0.1", "192.168.1.1",
            "192.168.255.254",
            // link-local and cloud metadata (OCI metadata, OCI iSCSI boot volume)
            "169.254.0.1", "169.254.169.254", "169.254.0.2", "169.254.254.255",
            // shared address space (CGNAT)
            "100.64.0.0", "100.64.0.1", "100.127.255.254",
            // IETF protocol assignments
            "192.0.0.1", "192.0.0.254",
            // documentation
            "192.0.2.1", "192.0.2.254", "198.51.100.1", "198.51.100.254", "203.0.113.1", "203.0.113.254",
            // benchmarking
            "198.18.0.1", "198.19.255.254",
            // multicast, reserved, broadcast
            "224.0.0.1", "239.255.255.254", "240.0.0.1", "255.255.255.255",
            // 6to4 relay anycast (deprecated, not routed). The globally reachable anycast ranges of the registry
            // (AS112 192.31.196/24 and 192.175.48/24, AMT 192.52.193/24) are not forbidden targets: see PeerClass.
            "192.88.99.1");

    static final List<String> IPV6_DENY = List.of(
            "::", "::1",
            "fe80::1", "fe80::1234", "febf:ffff::1", "fd00::1", "fd12:3456::1", "fc00::1",
            "64:ff9b:1::1", "100::1", "2001::1", "2001:db8::1", "3fff::1", "5f00::1",
            // IPv4-mapped (CVE-2026-27624)
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1",
            // IPv4-compatible
            "::127.0.0.1", "::169.254.169.254", "::10.0.0.5",
            // NAT64
            "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:5",
            // 6to4
            "2002:7f00:1::", "2002:a9fe:a9fe::", "2002:a00:5::");

    static final List<String> ALLOW_CONTROLS = List.of("8.8.8.8", "1.1.1.1", "2001:4860:4860::8888");

    /** The standard targets plus {@code extraDeny} (e.g. the server's private IP and the VCN CIDR). */
    public static List<Target> standard(List<String> extraDeny) {
        List<Target> out = new ArrayList<>();
        for (String s : IPV4_DENY) {
            out.add(new Target(s, parse(s), false));
        }
        for (String s : IPV6_DENY) {
            out.add(new Target(s, parse(s), false));
        }
        for (String s : extraDeny) {
            out.add(new Target(s, parse(s), false));
        }
        for (String s : ALLOW_CONTROLS) {
            out.add(new Target(s, parse(s), true));
        }
        return out;
    }

    /**
     * Parses an IP literal keeping its written family: {@code ::ffff:a.b.c.d} stays an IPv6 address (the JDK would
     * turn it into IPv4, hiding exactly the bypass being probed).
     *
     * @throws IllegalArgumentException if {@code text} is not an IP literal
     */
    public static InetAddress parse(String text) {
        String s = text.strip();
        if (!IP_CHARS.matcher(s).matches() || (s.indexOf(':') < 0 && !DOTTED_QUAD.matcher(s).matches())) {
            throw new IllegalArgumentException("not an IP address literal: '" + text + "'");
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            if (s.indexOf(':') >= 0 && a instanceof Inet4Address) {
                byte[] v4 = a.getAddress();
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xFF;
                v6[11] = (byte) 0xFF;
                System.arraycopy(v4, 0, v6, 12, 4);
                return Inet6Address.getByAddress(null, v6, -1);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: '" + text + "'", e);
        }
    }
}
