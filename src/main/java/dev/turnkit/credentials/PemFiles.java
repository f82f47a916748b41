package dev.turnkit.credentials;

import dev.turnkit.model.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certbot's PEM files: {@code fullchain.pem} (leaf first, then intermediates) and {@code privkey.pem} as an
 * unencrypted PKCS#8 ({@code PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}, RFC 5915) or PKCS#1
 * ({@code RSA PRIVATE KEY}, RFC 8017 A.1.2) key, EC or RSA.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    /** A certificate chain and its private key. */
    record KeyAndChain(PrivateKey key, X509Certificate[] chain) {
    }

    private PemFiles() {
    }

    static KeyAndChain load(Path certFile, Path keyFile) {
        X509Certificate[] chain = readChain(certFile);
        PrivateKey key = readKey(keyFile);
        if (!chain[0].getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new ConfigException("TLS key " + keyFile + " is " + key.getAlgorithm() + " but the certificate in "
                    + certFile + " is " + chain[0].getPublicKey().getAlgorithm() + "; use the matching privkey.pem");
        }
        return new KeyAndChain(key, chain);
    }

    static X509Certificate[] readChain(Path certFile) {
        try {
            byte[] pem = Files.readAllBytes(certFile);
            List<? extends Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)));
            if (certs.isEmpty()) {
                throw new ConfigException("TLS certificate file " + certFile + " holds no certificate");
            }
            return certs.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (IOException e) {
            throw new ConfigException("cannot read TLS certificate " + certFile + ": " + e.getMessage());
        } catch (CertificateException e) {
            throw new ConfigException("TLS certificate file " + certFile + " is not PEM X.509: " + e.getMessage());
        }
    }

    static PrivateKey readKey(Path keyFile) {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException("cannot read TLS key " + keyFile + ": " + e.getMessage());
        }
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                switch (type) {
                    case "PRIVATE KEY":
                        return pkcs8(der);
                    case "RSA PRIVATE KEY":
                        return KeyFactory.getInstance("RSA").generatePrivate(
                                new PKCS8EncodedKeySpec(privateKeyInfo(RSA_ALGORITHM, der)));
                    case "EC PRIVATE KEY":
                        byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, sec1CurveOid(der, keyFile)));
                        return KeyFactory.getInstance("EC").generatePrivate(
                                new PKCS8EncodedKeySpec(privateKeyInfo(algorithm, der)));
                    case "ENCRYPTED PRIVATE KEY":
                        throw new ConfigException("TLS key " + keyFile + " is encrypted; give an unencrypted key "
                                + "readable only by the service (certbot's privkey.pem is)");
                    default:
                        // e.g. "EC PARAMETERS" before the key: skip
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigException("TLS key " + keyFile + " (" + type + ") cannot be parsed: " + e.getMessage());
            }
        }
        throw new ConfigException("TLS key file " + keyFile + " holds no PEM private key (PRIVATE KEY, EC PRIVATE KEY"
                + " or RSA PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The curve OID in the {@code [0] parameters} field of an RFC 5915 ECPrivateKey. */
    private static byte[] sec1CurveOid(byte[] der, Path keyFile) {
        int[] outer = header(der, 0);
        int pos = outer[0];
        int end = outer[0] + outer[1];
        while (pos < end) {
            int tag = der[pos] & 0xff;
            int[] h = header(der, pos);
            if (tag == 0xa0) {
                int[] oid = header(der, h[0]);
                int oidStart = h[0];
                int oidEnd = oid[0] + oid[1];
                byte[] out = new byte[oidEnd - oidStart];
                System.arraycopy(der, oidStart, out, 0, out.length);
                return out;
            }
            pos = h[0] + h[1];
        }
        throw new ConfigException("TLS key " + keyFile + " (EC PRIVATE KEY) names no curve; convert it with "
                + "'openssl pkcs8 -topk8 -nocrypt'");
    }

    /** Returns {contentStart, contentLength} of the DER element at {@code pos}. */
    private static int[] header(byte[] der, int pos) {
        int len = der[pos + 1] & 0xff;
        int start = pos + 2;
        if (len >= 0x80) {
            int bytes = len & 0x7f;
            if (bytes == 0 || bytes > 3) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += bytes;
        }
        if (start + len > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new int[] {start, len};
    }

    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        return sequence(concat(hex("020100"), algorithm, tlv(0x04, key)));
    }

    private static byte[] sequence(byte[] content) {
        return tlv(0x30, content);
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write((len >> 8) & 0xff);
            out.write(len & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
