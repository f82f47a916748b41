package dev.turnkit.model;

import java.util.List;

/** An IPv4 CIDR block such as {@code 10.0.0.0/16}. */
public record Cidr(long network, int prefix) {
    /** The IANA special-purpose IPv4 ranges the relay denies (design-notes.md §2.4), in CIDR form. */
    public static final List<Cidr> SPECIAL_PURPOSE_V4 = List.of(
            parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"), parse("127.0.0.0/8"),
            parse("169.254.0.0/16"), parse("172.16.0.0/12"), parse("192.0.0.0/24"), parse("192.0.2.0/24"),
            parse("192.31.196.0/24"), parse("192.52.193.0/24"), parse("192.88.99.0/24"), parse("192.168.0.0/16"),
            parse("192.175.48.0/24"), parse("198.18.0.0/15"), parse("198.51.100.0/24"), parse("203.0.113.0/24"),
            parse("224.0.0.0/4"), parse("240.0.0.0/4"));

    /** Ranges that can never be a host's public address (private, shared, loopback, link-local, multicast...). */
    static final List<Cidr> NOT_HOST_PUBLIC_V4 = List.of(
            parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"), parse("127.0.0.0/8"),
            parse("169.254.0.0/16"), parse("172.16.0.0/12"), parse("192.168.0.0/16"), parse("224.0.0.0/4"),
            parse("240.0.0.0/4"));

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix out of range: " + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + Ipv4.format(network) + "/" + prefix);
        }
    }

    /** Parses {@code a.b.c.d/n}; the host bits must be zero. Returns null when malformed. */
    public static Cidr parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        long ip = Ipv4.parse(text.substring(0, slash));
        String p = text.substring(slash + 1);
        if (ip < 0 || p.isEmpty() || p.length() > 2 || !p.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int prefix = Integer.parseInt(p);
        if (prefix > 32 || (ip & ~mask(prefix)) != 0) {
            return null;
        }
        return new Cidr(ip, prefix);
    }

    public static Cidr parse(String text) {
        Cidr c = parseOrNull(text);
        if (c == null) {
            throw new IllegalArgumentException("not a CIDR block: " + text);
        }
        return c;
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public long first() {
        return network;
    }

    public long last() {
        return network | (~mask(prefix) & 0xFFFFFFFFL);
    }

    public boolean contains(long ip) {
        return ip >= first() && ip <= last();
    }

    public boolean contains(String ip) {
        long v = Ipv4.parse(ip);
        return v >= 0 && contains(v);
    }

    public boolean contains(Cidr other) {
        return contains(other.first()) && contains(other.last());
    }

    /** {@code first-last}, the range form of coturn's {@code denied-peer-ip}. */
    public String toRange() {
        return Ipv4.format(first()) + "-" + Ipv4.format(last());
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefix;
    }
}
