package dev.turnkit.credentials;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TURN REST credentials as coturn's {@code use-auth-secret} mode checks them
 * (draft-uberti-behave-turn-rest-00, coturn {@code README.turnserver} "TURN REST API"):
 * {@code username = "<expiry unix seconds>:<user>"} and {@code password = base64(HMAC-SHA1(secret, username))}.
 *
 * <p>The username carries the <em>expiry</em> time, not the issue time.
 *
 * @param username the TURN username, {@code <expiry>:<user>}
 * @param password the TURN password, base64 HMAC-SHA1 of the username
 * @param expiresAt when coturn starts refusing the credential for new TURN sessions
 */
public record TurnRestCredentials(String username, String password, Instant expiresAt) {

    public TurnRestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Issues a credential for {@code user} valid for {@code ttl} from {@code now}.
     *
     * @throws IllegalArgumentException if the secret is empty, the user contains ':' or the TTL is not positive
     */
    public static TurnRestCredentials issue(byte[] secret, String user, Duration ttl, Instant now) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("TURN shared secret is empty");
        }
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("TURN REST user must be non-empty and contain no ':' (got '"
                    + user + "')");
        }
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("credential TTL must be positive (got " + ttl + ")");
        }
        long expiry = now.plus(ttl).getEpochSecond();
        String username = expiry + ":" + user;
        return new TurnRestCredentials(username, password(secret, username), Instant.ofEpochSecond(expiry));
    }

    /** {@code base64(HMAC-SHA1(secret, username))}, the password coturn expects for {@code username}. */
    public static String password(byte[] secret, String username) {
        return Base64.getEncoder().encodeToString(
                KEYED_MACS.get().forSecret(secret).doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One HMAC-SHA1 instance per thread, keyed once: {@code Mac.getInstance} (a provider lookup) and {@code init}
     * (a new key spec and the key's inner and outer pads) would otherwise run per request. Re-keyed when called
     * with another secret; {@code doFinal} leaves the key in place.
     */
    private static final class KeyedMac {
        private final Mac mac;
        private byte[] key;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("HmacSHA1 unavailable in this JVM", e);
            }
        }

        Mac forSecret(byte[] secret) {
            if (key == null || !MessageDigest.isEqual(key, secret)) {
                try {
                    mac.init(new SecretKeySpec(secret, "HmacSHA1"));
                } catch (InvalidKeyException e) {
                    throw new IllegalStateException("HmacSHA1 refused the TURN secret", e);
                }
                key = secret.clone();
            }
            return mac;
        }
    }

    private static final ThreadLocal<KeyedMac> KEYED_MACS = ThreadLocal.withInitial(KeyedMac::new);

    /** Never prints the password. */
    @Override
    public String toString() {
        return "TurnRestCredentials[username=" + username + ", password=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
