package dev.turnkit.check;

import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.RetransmissionPolicy;
import dev.turnkit.transport.TlsOptions;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TurnClient;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Timing, error-to-verdict mapping and connection set-up shared by the checks. */
abstract class AbstractCheck implements Check {
    /** How long the Refresh(0) that deletes a check's allocation may take. */
    static final Duration RELEASE_TIMEOUT = Duration.ofMillis(500);

    private final String name;
    private final Transport transport;
    protected final TurnTarget target;

    AbstractCheck(String name, Transport transport, TurnTarget target) {
        this.name = name;
        this.transport = transport;
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Transport transport() {
        return transport;
    }

    /** What the check found: a status, a detail and what it measured ({@link CheckResult#measurements}). */
    record Outcome(Status status, String detail, Map<String, Double> measurements) {
        Outcome(Status status, String detail) {
            this(status, detail, Map.of());
        }

        static Outcome ok(String detail) {
            return new Outcome(Status.OK, detail);
        }
    }

    /** The check itself; transport failures may propagate and are diagnosed here. */
    abstract Outcome probe(Deadline deadline) throws TransportException, CredentialSource.CredentialException,
            UnknownHostException, InterruptedException;

    @Override
    public final CheckResult run(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        Deadline deadline = Deadline.after(timeout);
        Outcome outcome;
        try {
            outcome = probe(deadline);
        } catch (TransportException e) {
            Diagnosis.Verdict v = Diagnosis.of(e, target, transport, target.credentials());
            outcome = new Outcome(v.status(), v.detail());
        } catch (CredentialSource.CredentialException e) {
            outcome = new Outcome(Status.UNKNOWN, e.getMessage());
        } catch (UnknownHostException e) {
            outcome = new Outcome(Status.CRITICAL, "cannot resolve " + target.host() + ": DNS record missing or "
                    + "not propagated yet");
        } catch (RuntimeException e) {
            outcome = new Outcome(Status.UNKNOWN, "internal error: " + e);
        }
        return new CheckResult(name, transport.id(), outcome.status(), Duration.ofNanos(System.nanoTime() - start),
                outcome.detail(), outcome.measurements());
    }

    TurnClient connect(Transport via, Deadline deadline) throws TransportException, UnknownHostException {
        return connect(via, target.address(via), deadline);
    }

    private TurnClient connect(Transport via, InetSocketAddress address, Deadline deadline)
            throws TransportException {
        TlsOptions tls = TlsOptions.verifying(target.tlsServerName()).withCaFile(target.caFile());
        return TurnClient.connect(via.toTransportType(), address, tls, RetransmissionPolicy.RFC_DEFAULT, deadline);
    }

    /**
     * Connects over {@code via} and allocates, from another local port after a 437 ({@link
     * TurnClient#openAndAllocate}). Closing the result deletes the allocation, then closes the connection.
     *
     * @param family 0 for the server default, else a {@code RequestedAddressFamily} value
     */
    Allocated allocated(Transport via, String username, String password, int family, Deadline deadline)
            throws TransportException, UnknownHostException {
        InetSocketAddress address = target.address(via);
        return new Allocated(TurnClient.openAndAllocate(() -> connect(via, address, deadline), username, password,
                family, deadline));
    }

    /**
     * A client that holds an allocation. {@link #close} deletes it first (Refresh with LIFETIME 0, best effort), so
     * checks do not use up quotas ({@code user-quota} counts an allocation until it is deleted or expires), then
     * closes the client. The Refresh has its own short budget, not what is left of the check's: a check that used
     * up its time (a lost packet, an early verdict) still releases.
     */
    record Allocated(TurnClient client) implements AutoCloseable {
        @Override
        public void close() {
            if (client.allocation().isPresent()) {
                try {
                    client.refresh(0, Deadline.after(RELEASE_TIMEOUT));
                } catch (TransportException e) {
                    // the allocation expires on its own
                }
            }
            client.close();
        }
    }

    /** The credential, or null when the target has no credential source. */
    TurnCredential credential() throws CredentialSource.CredentialException {
        return target.credentials() == null ? null : target.credentials().obtain();
    }

    /** The credential; without a credential source the check ends UNKNOWN, saying how to pass one. */
    TurnCredential requiredCredential() throws CredentialSource.CredentialException {
        TurnCredential credential = credential();
        if (credential == null) {
            throw new CredentialSource.CredentialException("needs TURN credentials: "
                    + CredentialSource.HOW_TO_PASS, null);
        }
        return credential;
    }
}
