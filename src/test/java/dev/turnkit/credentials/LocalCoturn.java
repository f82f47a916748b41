package dev.turnkit.credentials;

import dev.turnkit.testsupport.Components;
import dev.turnkit.testsupport.ManagedProcess;
import dev.turnkit.transport.Allocation;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.RetransmissionPolicy;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportType;
import dev.turnkit.transport.TurnClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
     * Allocates a UDP relay with the project's TURN client ({@code dev.turnkit.transport.TurnClient}) and the given
     * long-term credential. Returns 0 when allocated, else the STUN error code (401 = credential refused).
     */
    int allocate(String username, String password) {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        try (TurnClient turn = TurnClient.connect(TransportType.UDP, new InetSocketAddress("127.0.0.1", port), null,
                RetransmissionPolicy.RFC_DEFAULT, deadline)) {
            Allocation allocation = turn.allocate(username, password, deadline);
            if (allocation.relayed() == null) {
                throw new AssertionError("allocation without a relayed address");
            }
            turn.refresh(0, deadline);
            return 0;
        } catch (StunErrorException e) {
            return e.code();
        } catch (TransportException e) {
            throw new AssertionError("TURN exchange with coturn failed: " + e.getMessage() + "\n" + logTail(), e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
