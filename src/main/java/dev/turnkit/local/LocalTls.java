package dev.turnkit.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed TLS certificate for the local stack (CN=localhost, SAN localhost + 127.0.0.1 + ::1), made with the
 * JDK's own {@code keytool} and written as PEM files the way certbot lays them out ({@code fullchain.pem},
 * {@code privkey.pem}), so coturn and the credentials endpoint load it exactly as they load certbot's on a host.
 * The certificate doubles as the CA file clients trust ({@code --ca-file}).
 *
 * @param certificate PEM certificate (also the CA file)
 * @param privateKey PEM PKCS#8 private key, mode 0600
 */
public record LocalTls(Path certificate, Path privateKey) {

    /** Creates (or reuses, when both files exist) the certificate in {@code dir}. */
    public static LocalTls create(Path dir) {
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            return new LocalTls(cert, key);
        }
        try {
            Files.createDirectories(dir);
            Path store = dir.resolve("local-tls.p12");
            Files.deleteIfExists(store);
            char[] pass = "turnkit-local".toCharArray();
            run(List.of(keytool(), "-genkeypair", "-alias", "local", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost,O=turnkit local stack", "-validity", "30",
                    "-ext", "san=dns:localhost,ip:127.0.0.1,ip:::1", "-ext", "bc:c=ca:true",
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(pass), "-keypass", new String(pass)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, pass);
            }
            Key pk = ks.getKey("local", pass);
            Certificate c = ks.getCertificate("local");
            Files.writeString(cert, pem("CERTIFICATE", c.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(key, pem("PRIVATE KEY", ((PrivateKey) pk).getEncoded()), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Files.delete(store);
            return new LocalTls(cert, key);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new LocalStackException("cannot create the local TLS certificate in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String keytool() {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path tool = javaHome.resolve("bin").resolve("keytool");
        return Files.isExecutable(tool) ? tool.toString() : "keytool";
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running keytool", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + p.exitValue() + "): " + out);
        }
    }
}
