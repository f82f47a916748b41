package dev.turnkit.credentials;

import dev.turnkit.testsupport.Components;
import dev.turnkit.testsupport.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real coturn 4.6.1 on loopback in TURN REST mode ({@code use-auth-secret}) with one {@code static-auth-secret}
 * line per secret, as the host templates render it during a rotation (current first, previous second).
 * {@code allow-loopback-peers} (which 4.6.1 accepts only with a {@code cli-password}; the CLI itself is off) lets
 * two local clients relay to each other: test-only, never in production.
 */
final class LocalCoturn implements AutoCloseable {
    static final String REALM = "turnkit.test";

    private final ManagedProcess process;
    private final int port;

    private LocalCoturn(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalCoturn start(Path dir, String... secrets) {
        Path turnserver = Components.turnserver();
        int port = ManagedProcess.freePort();
        List<String> conf = new ArrayList<>(List.of(
                "listening-ip=127.0.0.1",
                "relay-ip=127.0.0.1",
                "listening-port=" + port,
                "use-auth-secret",
                "realm=" + REALM,
                "no-tls",
                "no-dtls",
                "fingerprint",
                "no-tcp-relay",
                "allow-loopback-peers",
                "cli-password=" + TestSecrets.random(),
                "no-cli",
                "userdb=" + dir.resolve("turndb"),
                "pidfile=" + dir.resolve("turnserver.pid"),
                "log-file=stdout",
                "simple-log"));
        for (String secret : secrets) {
            conf.add("static-auth-secret=" + secret);
        }
        try {
            Files.write(dir.resolve("turnserver.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start("coturn", List.of(turnserver.toString(), "-c",
                dir.resolve("turnserver.conf").toString()), dir, dir.resolve("turnserver.log"));
        process.awaitTcp("127.0.0.1", port, Duration.ofSeconds(20));
        return new LocalCoturn(process, port);
    }

    int port() {
        return port;
    }

    String logTail() {
        return process.logTail();
    }

    /**
     * Allocates with coturn's own client ({@code turnutils_uclient -y}: two allocations relaying to each other).
     * Returns its exit code: 0 allocated and relayed, 255 refused.
     */
    int allocate(String username, String password, Path dir) {
        Path uclient = Components.require("turnutils_uclient", Path.of("/usr/bin/turnutils_uclient"),
                "install it with 'apt-get install -y coturn'");
        Path log = dir.resolve("uclient-" + System.nanoTime() + ".log");
        try {
            Process p = new ProcessBuilder(uclient.toString(), "-y", "-n", "2", "-m", "1", "-u", username, "-w",
                    password, "-p", Integer.toString(port), "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("turnutils_uclient did not finish in 30 s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
