package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.model.ConfigException;
import dev.turnkit.testsupport.Components;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTPS from certbot-style PEM files (made here with openssl), and reloading them when they change. */
class TlsReloadTest {
    @TempDir
    Path dir;

    private final List<CredentialsServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(CredentialsServer::close);
    }

    private void openssl(String... args) throws Exception {
        Path openssl = Components.require("openssl", Path.of("/usr/bin/openssl"), "apt-get install -y openssl");
        List<String> command = new ArrayList<>(List.of(openssl.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("openssl timed out: " + command);
        }
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + ": "
                + Files.readString(dir.resolve("openssl.log"))).isZero();
    }

    /** Writes {@code <name>.key} in the given format and {@code <name>.crt} for CN={@code cn}, SAN 127.0.0.1. */
    private void makeCert(String name, String format, String cn) throws Exception {
        String key = name + ".key";
        switch (format) {
            case "ec-pkcs8" -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-out", key);
            case "ec-sec1" -> openssl("ecparam", "-genkey", "-name", "prime256v1", "-out", key);
            case "rsa-pkcs1" -> openssl("genrsa", "-traditional", "-out", key, "2048");
            case "rsa-pkcs8" -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", key);
            default -> throw new IllegalArgumentException(format);
        }
        openssl("req", "-x509", "-new", "-key", key, "-subj", "/CN=" + cn, "-days", "2",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-out", name + ".crt");
    }

    private CredentialsServer start(Path cert, Path key) {
        CredentialsServerConfig config = CredentialsServerConfig.builder()
                .port(0)
                .projectId("demo-turnkit-tls")
                .secretFile(TestSecrets.write(dir, "turn-secret", TestSecrets.random(), "rw-------"))
                .turnHost("turn.example.test")
                .tls(cert, key)
                .reloadInterval(Duration.ofMillis(200))
                .build();
        CredentialsServer server = CredentialsServer.start(config, Map.of(), Clock.systemUTC(), new AccessLog(l -> { }));
        servers.add(server);
        return server;
    }

    /** The leaf certificate a fresh TLS connection is served (trust-all: we only look at what is presented). */
    private static X509Certificate servedCertificate(int port) throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("test", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-pkcs8", "ec-sec1", "rsa-pkcs1", "rsa-pkcs8"})
    void servesHttpsFromPemFilesInEveryCertbotKeyFormat(String format) throws Exception {
        makeCert("a", format, "a-" + format + ".test");
        CredentialsServer server = start(dir.resolve("a.crt"), dir.resolve("a.key"));

        assertThat(server.baseUri().getScheme()).isEqualTo("https");
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(dir.resolve("a.crt")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("a client trusting the certificate completes HTTPS").isEqualTo(200);
        assertThat(servedCertificate(server.port()).getSubjectX500Principal().getName())
                .isEqualTo("CN=a-" + format + ".test");
    }

    @Test
    void renewedCertificateIsServedToNewConnectionsWithoutRestart() throws Exception {
        makeCert("a", "ec-pkcs8", "first.test");
        makeCert("b", "rsa-pkcs1", "second.test");
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        Files.copy(dir.resolve("a.crt"), cert);
        Files.copy(dir.resolve("a.key"), key);
        CredentialsServer server = start(cert, key);
        assertThat(servedCertificate(server.port()).getSubjectX500Principal().getName()).isEqualTo("CN=first.test");

        // a half-written renewal (unparsable key) keeps the old certificate in service
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\ngarbage\n");
        Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(600);
        assertThat(servedCertificate(server.port()).getSubjectX500Principal().getName())
                .as("a broken renewal does not take the endpoint down").isEqualTo("CN=first.test");

        // certbot's renewal: new files in place (a different key type, even)
        Files.copy(dir.resolve("b.crt"), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("b.key"), key, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plusSeconds(10)));
        Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(10)));
        String served = null;
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            served = servedCertificate(server.port()).getSubjectX500Principal().getName();
            if (served.equals("CN=second.test")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(served).as("new connections get the renewed certificate").isEqualTo("CN=second.test");
    }

    @Test
    void mismatchedOrMissingTlsFilesAreRefusedAtStart() throws Exception {
        makeCert("a", "ec-pkcs8", "a.test");
        makeCert("b", "rsa-pkcs8", "b.test");
        assertThatThrownBy(() -> start(dir.resolve("a.crt"), dir.resolve("b.key")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("use the matching privkey.pem");
        assertThatThrownBy(() -> start(dir.resolve("missing.crt"), dir.resolve("a.key")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.crt");
    }
}
