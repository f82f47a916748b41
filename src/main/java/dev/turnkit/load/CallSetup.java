package dev.turnkit.load;

import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.TurnCredential;
import dev.turnkit.transport.Allocation;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.RetransmissionPolicy;
import dev.turnkit.transport.StunClient;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportType;
import dev.turnkit.transport.TurnClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control plane of a call, as a browser's is: two allocations (REQUESTED-TRANSPORT UDP: the relay leg is UDP
 * whatever the client leg) under the same REST credential, each binding a channel to the other's relayed address
 * (ChannelBind also installs the permission, RFC 8656 §12.1); and at the end Refresh with LIFETIME 0 (§8).
 * Thread-safe: set-ups run on several threads and count their failures here.
 */
final class CallSetup {
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RELEASE_TIMEOUT = Duration.ofMillis(500);

    private final LoadOptions options;
    private final CredentialSource credentials;
    private final InetSocketAddress server;
    final Map<String, Integer> failures = new ConcurrentHashMap<>();
    final AtomicInteger failedAllocations = new AtomicInteger();
    private NioTlsConnection.Connector tls;

    CallSetup(LoadOptions options, CredentialSource credentials, InetSocketAddress server) {
        this.options = options;
        this.credentials = credentials;
        this.server = server;
    }

    /** Sets up {@code call}; on failure counts why, gives back what was allocated and returns false. */
    boolean setUp(Call call) {
        try {
            TurnCredential credential = credentials.obtain();
            Deadline deadline = Deadline.after(CONTROL_TIMEOUT);
            // from another local port after a 437, as a browser does (TurnClient.openAndAllocate)
            call.caller = TurnClient.openAndAllocate(() -> connect(deadline), credential.username(),
                    credential.password(), 0, deadline);
            Allocation a = call.caller.allocation().orElseThrow();
            call.callee = TurnClient.openAndAllocate(() -> connect(deadline), credential.username(),
                    credential.password(), 0, deadline);
            Allocation b = call.callee.allocation().orElseThrow();
            call.caller.channelBind(Media.CHANNEL_TO_CALLEE, b.relayed(), deadline);
            call.callee.channelBind(Media.CHANNEL_TO_CALLER, a.relayed(), deadline);
            return true;
        } catch (TransportException | CredentialSource.CredentialException e) {
            String reason = e instanceof StunErrorException s ? s.method() + " " + s.code() + " " + s.reason()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            failures.merge(reason, 1, Integer::sum);
            if (call.caller == null || call.caller.allocation().isEmpty()
                    || call.callee == null || call.callee.allocation().isEmpty()) {
                failedAllocations.incrementAndGet();
            }
            release(List.of(call)); // a half-made call gives its allocation back at once, as a client would
            return false;
        }
    }

    private TurnClient connect(Deadline deadline) throws TransportException {
        if (options.transport() == TransportType.UDP) {
            return new TurnClient(new StunClient(new NioUdpConnection(server), RetransmissionPolicy.RFC_DEFAULT));
        }
        if (options.transport() == TransportType.TCP) {
            return new TurnClient(new StunClient(NioTcpConnection.open(server, deadline),
                    RetransmissionPolicy.RFC_DEFAULT));
        }
        return new TurnClient(new StunClient(tls().open(server, deadline), RetransmissionPolicy.RFC_DEFAULT));
    }

    /** One TLS context for the run's connections, made on first use (a bad CA file fails each set-up alike). */
    private synchronized NioTlsConnection.Connector tls() throws TransportException {
        if (tls == null) {
            tls = new NioTlsConnection.Connector(options.tls());
        }
        return tls;
    }

    /** Deletes each call's allocations (Refresh 0) and closes their connections. */
    static void release(Collection<Call> calls) {
        for (Call c : calls) {
            TurnClient[] clients = {c.caller, c.callee};
            c.caller = null;
            c.callee = null;
            for (TurnClient t : clients) {
                if (t == null) {
                    continue;
                }
                if (t.allocation().isPresent()) {
                    try {
                        t.refresh(0, Deadline.after(RELEASE_TIMEOUT));
                    } catch (TransportException e) {
                        // the allocation expires on its own
                    }
                }
                t.close();
            }
        }
    }
}
