package dev.turnkit.oci;

import com.oracle.bmc.Region;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One profile of an OCI config file ({@code ~/.oci/config}, the format of the SDK and CLI configuration file), read
 * and validated before any request: the file and profile exist, the key file exists, is readable by its owner only,
 * holds an unencrypted RSA key whose public half has the configured fingerprint, and the region is known.
 *
 * @param name        profile name, e.g. {@code DEFAULT}
 * @param configFile  the config file
 * @param tenancy     tenancy OCID
 * @param user        user OCID
 * @param fingerprint the API key's fingerprint, {@code aa:bb:…} (MD5 of the public key's DER encoding)
 * @param keyFile     the private key file
 * @param region      region identifier, e.g. {@code eu-frankfurt-1}
 * @param keyPem      the private key file's bytes, handed to the SDK's signer
 */
public record OciProfile(String name, Path configFile, String tenancy, String user, String fingerprint,
        Path keyFile, String region, byte[] keyPem) {

    /** The default config file, {@code ~/.oci/config}. */
    public static Path defaultConfigFile() {
        return Path.of(System.getProperty("user.home"), ".oci", "config");
    }

    /** True when {@code configFile} exists: OCI credentials are present (valid or not). */
    public static boolean present(Path configFile) {
        return Files.isRegularFile(configFile);
    }

    /**
     * Reads and validates {@code profile} of {@code configFile}.
     *
     * @throws OciConfigException one line saying what is wrong and how to fix it
     */
    public static OciProfile load(Path configFile, String profile) {
        String text;
        try {
            text = Files.readString(configFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new OciConfigException(configFile + ": no OCI config file — create it as docs/pulumi.md step 1 "
                    + "shows (user, fingerprint, key_file, tenancy, region), or pass --config-file");
        } catch (IOException e) {
            throw new OciConfigException(configFile + ": cannot read the OCI config file — " + e.getMessage());
        }
        Map<String, Map<String, String>> sections = parse(text);
        if (!sections.containsKey(profile)) {
            throw new OciConfigException(configFile + ": no profile [" + profile + "] — profiles found: "
                    + sections.keySet() + "; pass --profile with one of them or add the section");
        }
        Map<String, String> values = new LinkedHashMap<>(sections.getOrDefault("DEFAULT", Map.of()));
        values.putAll(sections.get(profile));
        for (String key : new String[] {"user", "fingerprint", "key_file", "tenancy", "region"}) {
            if (values.getOrDefault(key, "").isBlank()) {
                throw new OciConfigException(configFile + " [" + profile + "]: '" + key + "' is missing — add "
                        + key + "=… (the Console shows it next to the API key: My profile → API keys)");
            }
        }
        String keyText = values.get("key_file");
        Path keyFile = keyText.startsWith("~/") ? Path.of(System.getProperty("user.home"), keyText.substring(2))
                : configFile.toAbsolutePath().getParent().resolve(keyText);
        byte[] pem = readKey(configFile, profile, keyFile, values.containsKey("pass_phrase"));
        String actual = fingerprintOf(publicKeyOf(parsePrivateKey(keyFile, pem)));
        String configured = values.get("fingerprint").toLowerCase(Locale.ROOT);
        if (!actual.equals(configured)) {
            throw new OciConfigException(configFile + " [" + profile + "]: fingerprint " + configured
                    + " does not match the key " + keyFile + " (its fingerprint is " + actual + ") — set "
                    + "fingerprint=" + actual + " if that key is the one uploaded, or point key_file at the right key");
        }
        String region = values.get("region");
        try {
            Region.fromRegionId(region);
        } catch (IllegalArgumentException e) {
            throw new OciConfigException(configFile + " [" + profile + "]: region '" + region + "' is not an "
                    + "OCI region identifier — use your home region's identifier, e.g. eu-frankfurt-1 (Console: "
                    + "Administration → Tenancy details → Home region)");
        }
        return new OciProfile(profile, configFile, values.get("tenancy"), values.get("user"), configured, keyFile,
                region, pem);
    }

    /** The private key (for tests and the signer). */
    public PrivateKey privateKey() {
        return parsePrivateKey(keyFile, keyPem);
    }

    /** The SDK's key id for this profile: {@code tenancy/user/fingerprint}. */
    public String keyId() {
        return tenancy + "/" + user + "/" + fingerprint;
    }

    private static byte[] readKey(Path configFile, String profile, Path keyFile, boolean passphrase) {
        if (!Files.isRegularFile(keyFile)) {
            throw new OciConfigException(configFile + " [" + profile + "]: key_file " + keyFile + " does not exist "
                    + "— point key_file at the private API key (openssl genrsa -out … 2048, as docs/pulumi.md shows)");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            if (!perms.contains(PosixFilePermission.OWNER_READ)) {
                throw new OciConfigException("key_file " + keyFile + " is not readable by its owner — chmod 600 "
                        + keyFile);
            }
            for (PosixFilePermission p : perms) {
                if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                    throw new OciConfigException("key_file " + keyFile + " is readable by others (mode "
                            + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                            + ") — chmod 600 " + keyFile + " (a private key must be the owner's only)");
                }
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new OciConfigException("key_file " + keyFile + ": cannot read its permissions — " + e.getMessage());
        }
        byte[] pem;
        try {
            pem = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new OciConfigException("key_file " + keyFile + " cannot be read (" + e.getClass().getSimpleName()
                    + ") — chmod 600 " + keyFile + " and run as its owner");
        }
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (text.contains("ENCRYPTED")) {
            throw new OciConfigException("key_file " + keyFile + " is encrypted" + (passphrase ? " (pass_phrase is "
                    + "set)" : "") + " — turnkit reads unencrypted keys only: keep a decrypted copy "
                    + "(openssl rsa -in KEY -out KEY.plain; chmod 600 KEY.plain) and point key_file at it");
        }
        return pem;
    }

    static PrivateKey parsePrivateKey(Path keyFile, byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        boolean pkcs1 = text.contains("-----BEGIN RSA PRIVATE KEY-----");
        String begin = pkcs1 ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----";
        String end = pkcs1 ? "-----END RSA PRIVATE KEY-----" : "-----END PRIVATE KEY-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new OciConfigException("key_file " + keyFile + " holds no PEM RSA private key (expected "
                    + "'-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----') — is it the public key?");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
            byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new OciConfigException("key_file " + keyFile + " is not a valid RSA private key — "
                    + e.getMessage());
        }
    }

    static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new OciConfigException("the API key must be an RSA key with CRT parameters (openssl genrsa)");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The OCI API key fingerprint: MD5 of the DER SubjectPublicKeyInfo, lower-case hex pairs joined by ':'. */
    public static String fingerprintOf(PublicKey key) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(key.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo (version 0, rsaEncryption with NULL parameters). */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (value.length < 0x80) {
            out.write(value.length);
        } else {
            byte[] len = BigInteger.valueOf(value.length).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** INI sections → key → value; {@code #} and {@code ;} start comments. */
    private static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
            } else if (current != null && line.contains("=")) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return sections;
    }

    @Override
    public String toString() {
        return "OciProfile[" + name + " of " + configFile + ", tenancy " + tenancy + ", region " + region + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OciProfile p && p.name.equals(name) && p.configFile.equals(configFile);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + configFile.hashCode();
    }
}
