package dev.turnkit.protocol;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 96-bit transaction ID of a STUN message (RFC 8489 §5, §6): chosen uniformly at random by the client, echoed
 * in the response, and part of the key that XORs IPv6 addresses (RFC 8489 §14.2).
 */
public final class TransactionId {
    /** Length in bytes (RFC 8489 §5). */
    public static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private TransactionId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh random transaction ID (RFC 8489 §6: "uniformly and randomly chosen from the interval 0 .. 2**96-1"). */
    public static TransactionId random() {
        byte[] b = new byte[LENGTH];
        RANDOM.nextBytes(b);
        return new TransactionId(b);
    }

    /** Wraps a copy of exactly {@value #LENGTH} bytes. */
    public static TransactionId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a transaction ID has 12 bytes, got " + bytes.length);
        }
        return new TransactionId(bytes.clone());
    }

    /** Parses 24 hex digits. */
    public static TransactionId fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    byte byteAt(int i) {
        return bytes[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
