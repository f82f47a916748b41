package dev.turnkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real coturn ({@code turnserver}) on free loopback ports, with a config file the test writes, for integration
 * tests. Use in try-with-resources (or {@code @AfterAll}); {@link #close()} stops it by PID and deletes its temp
 * directory.
 *
 * <pre>{@code
 * try (CoturnServer turn = CoturnServer.builder()
 *         .secret("s3cret")                       // use-auth-secret + static-auth-secret (default)
 *         .line("denied-peer-ip=10.0.0.0-10.255.255.255")
 *         .tls(TestCertificates.selfSigned(dir, "turn", 0, 365))
 *         .start()) {
 *     check(turn.host(), turn.port(), turn.tlsPort(), turn.secret());
 * }
 * }</pre>
 *
 * <p>Always written: {@code listening-ip=127.0.0.1} (plus {@code ::1} with {@link Builder#ipv6()}),
 * {@code listening-port}, {@code tls-listening-port}, a relay port range, {@code realm}, auth, {@code fingerprint},
 * {@code no-cli}, {@code no-dtls} ({@code no-tls} without a certificate), and a pid file, SQLite userdb and log file
 * ({@code simple-log}) inside the temp directory. Add anything else with {@link Builder#line(String)}; coturn refuses
 * {@code allow-loopback-peers} without a {@code cli-password} line. Readiness: a STUN Binding over UDP is answered
 * and the TCP (and TLS) ports accept connections. Without coturn the test fails in CI and is skipped elsewhere
 * ({@link Components#turnserver()}).
 */
public final class CoturnServer implements AutoCloseable {
    public static final String DEFAULT_SECRET = "turnkit-test-secret";
    public static final String DEFAULT_REALM = "turnkit.test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Path config;
    private final int port;
    private final int tlsPort;
    private final String secret;
    private final String realm;
    private final ManagedProcess process;

    private CoturnServer(Path dir, Path config, int port, int tlsPort, String secret, String realm,
            ManagedProcess process) {
        this.dir = dir;
        this.config = config;
        this.port = port;
        this.tlsPort = tlsPort;
        this.secret = secret;
        this.realm = realm;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures and starts a coturn. */
    public static final class Builder {
        private String secret = DEFAULT_SECRET;
        private String realm = DEFAULT_REALM;
        private boolean ipv6;
        private TestCertificates.Pem tls;
        private final List<String> lines = new ArrayList<>();
        private Duration startupTimeout = Duration.ofSeconds(15);
        private int fixedPort;
        private int fixedTlsPort;
        private boolean secretsInUserDb;

        /** REST auth ({@code use-auth-secret}) with this secret; null for no auth options at all (an open relay). */
        public Builder secret(String value) {
            this.secret = value;
            return this;
        }

        /**
         * REST auth ({@code use-auth-secret}) with the secrets in the userdb ({@link #userDb()}, table
         * {@code turn_secret}) instead of a {@code static-auth-secret} line, as the production profile renders it;
         * the test fills the table (e.g. with {@link SecretSync}).
         */
        public Builder secretsInUserDb() {
            this.secretsInUserDb = true;
            this.secret = null;
            return this;
        }

        public Builder realm(String value) {
            this.realm = value;
            return this;
        }

        /** Also listen and relay on {@code ::1}. */
        public Builder ipv6() {
            this.ipv6 = true;
            return this;
        }

        /** Serve TURN over TLS on {@link #tlsPort()} with this certificate and key. */
        public Builder tls(TestCertificates.Pem pem) {
            this.tls = pem;
            return this;
        }

        /** One more {@code turnserver.conf} line, verbatim. */
        public Builder line(String configLine) {
            lines.add(configLine);
            return this;
        }

        public Builder lines(List<String> configLines) {
            lines.addAll(configLines);
            return this;
        }

        /** Listen on these ports (e.g. those of a stopped server, to start it again) instead of free ones. */
        public Builder ports(int port, int tlsPort) {
            this.fixedPort = port;
            this.fixedTlsPort = tlsPort;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Starts coturn on free loopback ports. A port picked free can be taken before coturn binds it (another
         * test's relay socket): then it is tried again on new ports, up to three times.
         */
        public CoturnServer start() {
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnce();
                } catch (AssertionError e) {
                    if (attempt >= 3 || fixedPort > 0
                            || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                        throw e;
                    }
                }
            }
        }

        private CoturnServer startOnce() {
            Path turnserver = Components.turnserver();
            try {
                Path dir = Files.createTempDirectory("turnkit-coturn-");
                int port = fixedPort > 0 ? fixedPort : ManagedProcess.freePort();
                int tlsPort = fixedTlsPort > 0 ? fixedTlsPort : ManagedProcess.freePort();
                // below Linux's ephemeral range (32768-60999), where freePort() picks the listening ports
                int minPort = 20_000 + RANDOM.nextInt(12_000);
                List<String> conf = new ArrayList<>();
                conf.add("# written by CoturnServer for a test");
                conf.add("listening-ip=127.0.0.1");
                if (ipv6) {
                    conf.add("listening-ip=::1");
                }
                conf.add("listening-port=" + port);
                conf.add("tls-listening-port=" + tlsPort);
                conf.add("min-port=" + minPort);
                conf.add("max-port=" + (minPort + 199));
                conf.add("realm=" + realm);
                if (secretsInUserDb) {
                    conf.add("use-auth-secret");
                } else if (secret != null) {
                    conf.add("use-auth-secret");
                    conf.add("static-auth-secret=" + secret);
                }
                conf.add("fingerprint");
                conf.add("no-cli");
                conf.add("no-dtls");
                if (tls == null) {
                    conf.add("no-tls");
                } else {
                    conf.add("cert=" + tls.cert());
                    conf.add("pkey=" + tls.key());
                }
                conf.add("pidfile=" + dir.resolve("turnserver.pid"));
                conf.add("userdb=" + dir.resolve("turndb"));
                conf.add("log-file=" + dir.resolve("turnserver.log"));
                conf.add("simple-log");
                conf.addAll(lines);
                Path config = dir.resolve("turnserver.conf");
                Files.write(config, conf, StandardCharsets.UTF_8);
                ManagedProcess process = ManagedProcess.start("coturn",
                        List.of(turnserver.toString(), "-c", config.toString()), dir, dir.resolve("stdout.log"));
                CoturnServer server = new CoturnServer(dir, config, port, tlsPort, secret, realm, process);
                try {
                    process.awaitReady(startupTimeout, () -> answersBinding(port)
                            && ManagedProcess.canConnect("127.0.0.1", port)
                            && (tls == null || ManagedProcess.canConnect("127.0.0.1", tlsPort)));
                } catch (AssertionError e) {
                    server.close();
                    throw new AssertionError(e.getMessage() + "\n--- turnserver.log ---\n" + server.logTail(), e);
                }
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare coturn", e);
            }
        }
    }

    /** True if a STUN Binding request to 127.0.0.1:port gets any STUN reply within 200 ms. */
    static boolean answersBinding(int port) {
        byte[] request = new byte[20];
        request[1] = 0x01; // Binding request, length 0
        request[4] = 0x21;
        request[5] = 0x12;
        request[6] = (byte) 0xA4;
        request[7] = 0x42;
        byte[] tid = new byte[12];
        RANDOM.nextBytes(tid);
        System.arraycopy(tid, 0, request, 8, 12);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            socket.send(new DatagramPacket(request, request.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
            socket.receive(reply);
            return reply.getLength() >= 20 && reply.getData()[0] == 0x01 && reply.getData()[1] == 0x01;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The static-auth-secret, or null for a server without auth. */
    public String secret() {
        return secret;
    }

    public String realm() {
        return realm;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** coturn's SQLite userdb file. */
    public Path userDb() {
        return dir.resolve("turndb");
    }

    public Path configFile() {
        return config;
    }

    public Path directory() {
        return dir;
    }

    /** The last lines of coturn's log file (and its stdout), for assertion messages. */
    public String logTail() {
        StringBuilder sb = new StringBuilder();
        Path log = dir.resolve("turnserver.log");
        try {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                sb.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
        } catch (IOException e) {
            sb.append("(cannot read ").append(log).append(": ").append(e.getMessage()).append(')');
        }
        return sb.append("\n--- stdout ---\n").append(process.logTail()).toString();
    }

    /** Stops coturn by PID but keeps its ports reserved in this object (for "server down" tests). */
    public void stop() {
        process.close();
    }

    /** Stops coturn by PID and deletes the temp directory. */
    @Override
    public void close() {
        process.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftover temp files are harmless
        }
    }
}
