package dev.turnkit.protocol;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The values computed over the bytes of a message before them: MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5),
 * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6) and FINGERPRINT (CRC-32 XOR 0x5354554E, RFC 8489 §14.7). Each is
 * computed with the header's length field adjusted to end just after the attribute it goes into, as the RFC asks;
 * the same functions serve {@link Message.Builder} (writing) and {@link Message} (verifying).
 */
final class Checksums {
    /** XORed into the CRC-32 of FINGERPRINT (RFC 8489 §14.7). */
    static final int FINGERPRINT_XOR = 0x5354554E;

    private Checksums() {
    }

    /** HMAC over {@code wire[0, end)} with the length field set as if the message ended after a value of valueLen. */
    static byte[] hmac(String algorithm, byte[] key, byte[] wire, int end, int valueLen) {
        byte[] copy = Arrays.copyOf(wire, end);
        int length = end - Message.HEADER_LENGTH + 4 + valueLen;
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        try {
            Mac mac = Mac.getInstance(algorithm);
            // HMAC zero-pads the key to the block size, so an empty key equals a one-zero-byte key (RFC 2104 §2);
            // SecretKeySpec refuses empty keys.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(copy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable in this JVM", e);
        }
    }

    /** CRC-32 of {@code wire[0, end)} (length field set to end after FINGERPRINT) XOR 0x5354554E. */
    static int fingerprint(byte[] wire, int end) {
        byte[] copy = Arrays.copyOf(wire, end);
        int length = end - Message.HEADER_LENGTH + 8;
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        CRC32 crc = new CRC32();
        crc.update(copy);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
