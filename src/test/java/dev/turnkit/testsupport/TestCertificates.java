package dev.turnkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed test certificates made with the JDK's {@code keytool} (EC P-256, SAN {@code DNS:localhost} and
 * {@code IP:127.0.0.1}) and exported to PEM with {@code openssl pkcs12}, so coturn can load them. The certificate
 * is its own CA: pass {@link Pem#cert()} as the trusted CA file.
 */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** A PEM certificate and its unencrypted private key. */
    public record Pem(Path cert, Path key) {
    }

    /**
     * Creates a certificate valid from {@code startDaysFromNow} (negative = in the past) for {@code validityDays}.
     * {@code (-40, 10)} is expired since 30 days; {@code (0, 10)} expires in 10 days; {@code (0, 365)} is healthy.
     */
    public static Pem selfSigned(Path dir, String name, int startDaysFromNow, int validityDays) {
        Path keystore = dir.resolve(name + ".p12");
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        String start = (startDaysFromNow >= 0 ? "+" : "-") + Math.abs(startDaysFromNow) + "d";
        run(List.of("keytool", "-genkeypair", "-alias", "turn", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-startdate", start,
                "-validity", Integer.toString(validityDays), "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit"), dir);
        run(List.of("openssl", "pkcs12", "-in", keystore.toString(), "-passin", "pass:changeit", "-nodes",
                "-nocerts", "-out", key.toString()), dir);
        run(List.of("openssl", "pkcs12", "-in", keystore.toString(), "-passin", "pass:changeit", "-nokeys",
                "-out", cert.toString()), dir);
        return new Pem(cert, key);
    }

    /** A leaf certificate issued by a test CA: {@code chain} is leaf + CA (a fullchain.pem), {@code ca} the CA. */
    public record Issued(Pem leaf, Path ca) {
    }

    /**
     * A test CA (valid for a year) and a leaf for {@code DNS:localhost, IP:127.0.0.1} it issued, valid from
     * {@code startDaysFromNow} for {@code validityDays}. Unlike a self-signed certificate trusted directly, an expired
     * CA-issued leaf fails PKIX validation in the handshake.
     */
    public static Issued caSigned(Path dir, String name, int startDaysFromNow, int validityDays) {
        Path caStore = dir.resolve(name + "-ca.p12");
        Path leafStore = dir.resolve(name + "-leaf.p12");
        Path csr = dir.resolve(name + ".csr");
        Path leafCert = dir.resolve(name + "-leaf.pem");
        Path ca = dir.resolve(name + "-ca.pem");
        Path chain = dir.resolve(name + "-fullchain.pem");
        Path key = dir.resolve(name + "-key.pem");
        String start = (startDaysFromNow >= 0 ? "+" : "-") + Math.abs(startDaysFromNow) + "d";
        List<String> caOpts = List.of("-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit");
        List<String> leafOpts = List.of("-keystore", leafStore.toString(), "-storetype", "PKCS12", "-storepass",
                "changeit");
        run(concat(List.of("keytool", "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=turnkit test CA", "-ext", "bc:c", "-validity", "365"), caOpts), dir);
        run(concat(List.of("keytool", "-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost"), leafOpts), dir);
        run(concat(List.of("keytool", "-certreq", "-alias", "leaf", "-file", csr.toString()), leafOpts), dir);
        run(concat(List.of("keytool", "-gencert", "-alias", "ca", "-infile", csr.toString(), "-outfile",
                leafCert.toString(), "-rfc", "-startdate", start, "-validity", Integer.toString(validityDays), "-ext",
                "SAN=dns:localhost,ip:127.0.0.1"), caOpts), dir);
        run(concat(List.of("keytool", "-exportcert", "-alias", "ca", "-rfc", "-file", ca.toString()), caOpts), dir);
        run(List.of("openssl", "pkcs12", "-in", leafStore.toString(), "-passin", "pass:changeit", "-nodes",
                "-nocerts", "-out", key.toString()), dir);
        try {
            java.nio.file.Files.writeString(chain, java.nio.file.Files.readString(leafCert)
                    + java.nio.file.Files.readString(ca));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Issued(new Pem(chain, key), ca);
    }

    /**
     * A TLS server context with the key and certificate of a PKCS#12 keystore whose password is {@code changeit}
     * (what {@link #selfSigned} leaves as {@code NAME.p12} next to the PEM files).
     */
    public static SSLContext serverContext(Path pkcs12) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError(command.get(0) + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
