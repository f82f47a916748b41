package dev.turnkit.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** HMAC keys for MESSAGE-INTEGRITY (RFC 8489 §9). */
public final class StunKeys {
    private StunKeys() {
    }

    /**
     * The short-term credential key: the SASLprep-processed password as UTF-8 (RFC 5389 §15.4; RFC 8489 §9.1.1 uses
     * the OpaqueString profile, which agrees for the ASCII passwords ICE uses).
     */
    public static byte[] shortTerm(String password) {
        return SaslPrep.prepare(password).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The long-term credential key {@code MD5(username ":" realm ":" SASLprep(password))} (RFC 5389 §15.4,
     * RFC 8489 §9.2.2 with the MD5 algorithm, verified by RFC 5769 §2.4). Username and realm are used as they appear
     * in the USERNAME and REALM attributes.
     *
     * @throws IllegalArgumentException if the password contains characters SASLprep prohibits
     */
    public static byte[] longTerm(String username, String realm, String password) {
        String input = username + ":" + realm + ":" + SaslPrep.prepare(password);
        try {
            return MessageDigest.getInstance("MD5").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable in this JVM", e);
        }
    }
}
