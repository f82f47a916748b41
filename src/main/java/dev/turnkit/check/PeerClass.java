package dev.turnkit.check;

import dev.turnkit.model.CoturnVersion;
import dev.turnkit.model.TurnServerSpec;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * What a relay peer address is, by the IANA special-purpose address registries (IPv4: RFC 6890 as updated by
 * RFC 8190; IPv6: the same, plus later registrations), and how bad it is for a TURN relay to reach it:
 * {@link Risk#INTERNAL} (the relay becomes an SSRF into the host, its network or the cloud metadata service),
 * {@link Risk#UNROUTED} (hygiene: not routed on the internet, so accepting it exposes nothing, but a hardened list
 * denies it), {@link Risk#GLOBAL} (a globally reachable anycast service, like any public address; not a forbidden
 * target). IPv4 addresses embedded in IPv6 (IPv4-mapped, IPv4-compatible, NAT64, 6to4) take the class of the IPv4
 * address they carry: {@code ::ffff:127.0.0.1} is loopback. See docs/check.md for the table and the sources.
 *
 * @param label what the address is, e.g. {@code RFC 1918 private}, {@code IPv4-mapped loopback}
 * @param risk how bad accepting it is
 */
public record PeerClass(String label, Risk risk) {

    /** How bad it is for the relay to accept a peer. */
    public enum Risk {
        /** Loopback, private, shared (CGNAT), link-local and metadata, this network, ULA, multicast, reserved. */
        INTERNAL(Status.CRITICAL),
        /** Not routed on the internet: TEST-NETs, benchmarking, IETF protocol assignments, 6to4 relay, … */
        UNROUTED(Status.WARNING),
        /** Globally reachable (AS112, AMT, any public address): accepting it is what a relay is for. */
        GLOBAL(Status.OK);

        private final Status status;

        Risk(Status status) {
            this.status = status;
        }

        /** The check status when the relay accepts such a peer. */
        public Status status() {
            return status;
        }
    }

    private record Rule(byte[] first, byte[] last, String label, Risk risk) {
    }

    private static final List<Rule> V4 = List.of(
            v4("0.0.0.0/8", "this network (RFC 791)", Risk.INTERNAL),
            v4("10.0.0.0/8", "RFC 1918 private", Risk.INTERNAL),
            v4("100.64.0.0/10", "shared address space / CGNAT (RFC 6598)", Risk.INTERNAL),
            v4("127.0.0.0/8", "loopback (RFC 1122)", Risk.INTERNAL),
            v4("169.254.169.254/32", "link-local: the cloud metadata service", Risk.INTERNAL),
            v4("169.254.0.0/16", "link-local (RFC 3927)", Risk.INTERNAL),
            v4("172.16.0.0/12", "RFC 1918 private", Risk.INTERNAL),
            v4("192.0.0.0/24", "IETF protocol assignments (RFC 6890)", Risk.UNROUTED),
            v4("192.0.2.0/24", "documentation TEST-NET-1 (RFC 5737)", Risk.UNROUTED),
            v4("192.31.196.0/24", "AS112-v4 anycast (RFC 7535)", Risk.GLOBAL),
            v4("192.52.193.0/24", "AMT relay anycast (RFC 7450)", Risk.GLOBAL),
            v4("192.88.99.0/24", "6to4 relay anycast, deprecated (RFC 7526)", Risk.UNROUTED),
            v4("192.168.0.0/16", "RFC 1918 private", Risk.INTERNAL),
            v4("192.175.48.0/24", "AS112 direct delegation anycast (RFC 7534)", Risk.GLOBAL),
            v4("198.18.0.0/15", "benchmarking (RFC 2544)", Risk.UNROUTED),
            v4("198.51.100.0/24", "documentation TEST-NET-2 (RFC 5737)", Risk.UNROUTED),
            v4("203.0.113.0/24", "documentation TEST-NET-3 (RFC 5737)", Risk.UNROUTED),
            v4("224.0.0.0/4", "multicast (RFC 5771)", Risk.INTERNAL),
            v4("255.255.255.255/32", "limited broadcast (RFC 919)", Risk.INTERNAL),
            v4("240.0.0.0/4", "reserved (RFC 1112)", Risk.INTERNAL));

    private static final List<Rule> V6 = List.of(
            v6("::/128", "unspecified (RFC 4291)", Risk.INTERNAL),
            v6("::1/128", "loopback (RFC 4291)", Risk.INTERNAL),
            v6("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)", Risk.INTERNAL),
            v6("100::/64", "discard-only (RFC 6666)", Risk.UNROUTED),
            v6("2001:db8::/32", "documentation (RFC 3849)", Risk.UNROUTED),
            v6("2001::/23", "IETF protocol assignments (RFC 2928)", Risk.UNROUTED),
            v6("2620:4f:8000::/48", "AS112 direct delegation anycast (RFC 7534)", Risk.GLOBAL),
            v6("3fff::/20", "documentation (RFC 9637)", Risk.UNROUTED),
            v6("5f00::/16", "SRv6 SIDs (RFC 9602)", Risk.UNROUTED),
            v6("fc00::/7", "unique local / ULA (RFC 4193)", Risk.INTERNAL),
            v6("fe80::/10", "link-local (RFC 4291)", Risk.INTERNAL),
            v6("ff00::/8", "multicast (RFC 4291)", Risk.INTERNAL));

    /** The class of {@code address}; a public unicast address is {@link Risk#GLOBAL}. */
    public static PeerClass of(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 4) {
            return match(V4, a, "", new PeerClass("public", Risk.GLOBAL));
        }
        byte[] v4 = Arrays.copyOfRange(a, 12, 16);
        if (zero(a, 0, 10) && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
            return match(V4, v4, "IPv4-mapped ", new PeerClass("IPv4-mapped public", Risk.GLOBAL));
        }
        if (zero(a, 0, 12) && !zero(a, 12, 15)) {
            return match(V4, v4, "IPv4-compatible ", new PeerClass("IPv4-compatible public", Risk.GLOBAL));
        }
        if (a[0] == 0 && (a[1] & 0xFF) == 0x64 && (a[2] & 0xFF) == 0xFF && (a[3] & 0xFF) == 0x9B && zero(a, 4, 12)) {
            return match(V4, v4, "NAT64 ", new PeerClass("NAT64 public", Risk.GLOBAL));
        }
        if ((a[0] & 0xFF) == 0x20 && (a[1] & 0xFF) == 0x02) {
            return match(V4, Arrays.copyOfRange(a, 2, 6), "6to4 ", new PeerClass("6to4 public", Risk.GLOBAL));
        }
        return match(V6, a, "", new PeerClass("public", Risk.GLOBAL));
    }

    /**
     * The {@code turnserver.conf} line(s) that make coturn refuse {@code address}: the {@code denied-peer-ip} range
     * turnkit renders for it (the hardened list for coturn 4.6.1), with the version that fixes it upstream where
     * there is one, or a line denying the address itself when no rendered range covers it.
     */
    public static String fix(InetAddress address) {
        String text = address.getHostAddress();
        String line = "denied-peer-ip=" + text;
        for (String range : TurnServerSpec.deniedPeers(CoturnVersion.of("4.6.1"), null, false)) {
            if (contains(range, address)) {
                line = "denied-peer-ip=" + range;
                break;
            }
        }
        PeerClass c = of(address);
        if (c.label().startsWith("IPv4-mapped")) {
            return line + " (coturn < 4.9), or upgrade to coturn >= 4.9 (CVE-2026-27624)";
        }
        if (c.label().startsWith("IPv4-compatible")) {
            return line + " (coturn < 4.13.1), or upgrade to coturn >= 4.13.1";
        }
        if (c.label().startsWith("multicast")) {
            return (address.getAddress().length == 4 ? "no-multicast-peers and " + line : "no-multicast-peers");
        }
        return line;
    }

    private static boolean contains(String range, InetAddress address) {
        int dash = range.indexOf('-');
        byte[] a = address.getAddress();
        byte[] first = PeerTargets.parse(dash < 0 ? range : range.substring(0, dash)).getAddress();
        byte[] last = PeerTargets.parse(dash < 0 ? range : range.substring(dash + 1)).getAddress();
        return first.length == a.length && Arrays.compareUnsigned(first, a) <= 0
                && Arrays.compareUnsigned(a, last) <= 0;
    }

    private static PeerClass match(List<Rule> rules, byte[] a, String prefix, PeerClass otherwise) {
        for (Rule r : rules) {
            if (Arrays.compareUnsigned(r.first, a) <= 0 && Arrays.compareUnsigned(a, r.last) <= 0) {
                return new PeerClass(prefix + r.label, r.risk);
            }
        }
        return otherwise;
    }

    private static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Rule v4(String cidr, String label, Risk risk) {
        return rule(cidr, 4, label, risk);
    }

    private static Rule v6(String cidr, String label, Risk risk) {
        return rule(cidr, 16, label, risk);
    }

    private static Rule rule(String cidr, int bytes, String label, Risk risk) {
        int slash = cidr.indexOf('/');
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        byte[] base;
        try {
            base = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
        if (base.length != bytes) {
            throw new IllegalArgumentException(cidr);
        }
        BigInteger value = new BigInteger(1, base);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bytes * 8 - prefix).subtract(BigInteger.ONE);
        return new Rule(base, bytes(value.or(hostMask), bytes), label, risk);
    }

    private static byte[] bytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
