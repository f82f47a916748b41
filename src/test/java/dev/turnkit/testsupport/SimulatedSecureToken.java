package dev.turnkit.testsupport;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Firebase's ID-token issuer as the simulated internet has it, so a credentials endpoint in <em>production</em>
 * mode (firebase-admin, RS256 signature check) can run unchanged inside a simulated host:
 * <ul>
 *   <li>Google's public-key endpoint, {@code https://www.googleapis.com/robot/v1/metadata/x509/
 *       securetoken@system.gserviceaccount.com}, answered by an HTTPS server on an address the test made: a JSON
 *       object from key id to PEM X.509 certificate, with {@code Cache-Control: max-age}, as Google serves it
 *       (firebase.google.com/docs/auth/admin/verify-id-tokens, "Verify ID tokens using a third-party JWT library");</li>
 *   <li>a signer of ID tokens with that key: header {@code alg RS256} + {@code kid}, claims {@code iss
 *       https://securetoken.google.com/<project>}, {@code aud <project>}, {@code sub}, {@code iat},
 *       {@code exp}, {@code auth_time} (same page).</li>
 * </ul>
 * The host must resolve {@code www.googleapis.com} to {@link #address()} ({@code /etc/hosts}) and trust
 * {@link #tlsCertificate()} (its Java trust store, {@link #trustStoreWith}). Keys and certificates are made with
 * {@code keytool}, valid for two days, in the test's directory. {@link #close()} stops the server.
 */
public final class SimulatedSecureToken implements AutoCloseable {
    /** The host name firebase-admin fetches the keys from. */
    public static final String HOST = "www.googleapis.com";
    private static final String PATH = "/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";
    private static final String KID = "tkfb-test-key";
    private static final char[] PASS = "changeit".toCharArray();

    private final HttpsServer server;
    private final String address;
    private final Path tlsCertificate;
    private final PrivateKey signingKey;
    private final AtomicInteger keyFetches = new AtomicInteger();

    private SimulatedSecureToken(HttpsServer server, String address, Path tlsCertificate, PrivateKey signingKey) {
        this.server = server;
        this.address = address;
        this.tlsCertificate = tlsCertificate;
        this.signingKey = signingKey;
    }

    /** Starts the key endpoint on {@code address}:443 (an address of a namespace or interface the test made). */
    public static SimulatedSecureToken start(Path dir, String address) {
        try {
            Path tlsStore = dir.resolve("googleapis.p12");
            Path tlsCert = dir.resolve("googleapis.pem");
            Path signStore = dir.resolve("securetoken.p12");
            Path signCert = dir.resolve("securetoken.pem");
            keytool(dir, "-genkeypair", "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-validity", "2", "-keystore", tlsStore.toString());
            keytool(dir, "-exportcert", "-rfc", "-alias", "tls", "-file", tlsCert.toString(), "-keystore",
                    tlsStore.toString());
            keytool(dir, "-genkeypair", "-alias", "sign", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                    "CN=securetoken.system.gserviceaccount.com", "-validity", "2", "-keystore", signStore.toString());
            keytool(dir, "-exportcert", "-rfc", "-alias", "sign", "-file", signCert.toString(), "-keystore",
                    signStore.toString());

            SSLContext tls = SSLContext.getInstance("TLS");
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(tlsStore), PASS);
            tls.init(kmf.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), 443), 8);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            SimulatedSecureToken issuer = new SimulatedSecureToken(server, address, tlsCert,
                    (PrivateKey) load(signStore).getKey("sign", PASS));
            String keys = "{\"" + KID + "\": \"" + Files.readString(signCert).strip().replace("\r", "")
                    .replace("\n", "\\n") + "\\n\"}";
            server.createContext(PATH, ex -> {
                issuer.keyFetches.incrementAndGet();
                byte[] body = keys.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
                ex.getResponseHeaders().set("Cache-Control", "public, max-age=3600, must-revalidate, no-transform");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            });
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the key endpoint listens. */
    public String address() {
        return address;
    }

    /** The TLS certificate of the key endpoint (PEM), to trust on the host. */
    public Path tlsCertificate() {
        return tlsCertificate;
    }

    /** How often the key endpoint was asked: a verifier that checked a signature fetched the keys. */
    public int keyFetches() {
        return keyFetches.get();
    }

    /** A copy of the Java trust store {@code cacerts} with {@link #tlsCertificate()} added, as bytes. */
    public byte[] trustStoreWith(Path cacerts, Path dir) {
        try {
            Path copy = dir.resolve("cacerts-with-googleapis");
            Files.copy(cacerts, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            keytool(dir, "-importcert", "-noprompt", "-alias", "tkfb-googleapis", "-file",
                    tlsCertificate.toString(), "-keystore", copy.toString());
            return Files.readAllBytes(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ID token for {@code uid} of {@code projectId}, valid for an hour, signed with the published key. */
    public String idToken(String projectId, String uid) {
        long now = Instant.now().getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"https://securetoken.google.com/" + projectId
                + "\",\"aud\":\"" + projectId + "\",\"auth_time\":" + now + ",\"user_id\":\"" + uid + "\",\"sub\":\""
                + uid + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"firebase\":{\"identities\":{},\"sign_in_provider\":\"password\"}}")
                .getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signingKey);
            rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static KeyStore load(Path p12) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASS);
        }
        return ks;
    }

    private static void keytool(Path dir, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", "changeit"));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool " + String.join(" ", args) + ":\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
