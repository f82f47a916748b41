package dev.turnkit.model;

/**
 * Dotted-quad IPv4 parsing and classification without name resolution ({@code InetAddress.getByName} would
 * resolve host names).
 */
public final class Ipv4 {
    private Ipv4() {
    }

    /** The address as an unsigned 32-bit value, or -1 when {@code text} is not a dotted-quad IPv4 address. */
    public static long parse(String text) {
        if (text == null) {
            return -1;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return -1;
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static boolean isValid(String text) {
        return parse(text) >= 0;
    }

    public static String format(long value) {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    /**
     * Whether the address can be a public unicast address of a host: not private (RFC 1918), shared (CGNAT),
     * loopback, link-local, "this network", multicast or reserved. Documentation ranges (TEST-NET-1/2/3) pass so
     * that example stacks and previews can use them.
     */
    public static boolean isPublicUnicast(String text) {
        long v = parse(text);
        if (v < 0) {
            return false;
        }
        for (Cidr special : Cidr.NOT_HOST_PUBLIC_V4) {
            if (special.contains(v)) {
                return false;
            }
        }
        return true;
    }
}
