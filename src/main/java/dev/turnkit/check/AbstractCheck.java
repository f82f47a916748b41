package dev.turnkit.check;

import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.RetransmissionPolicy;
import dev.turnkit.transport.TlsOptions;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TurnClient;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/** Timing, error-to-verdict mapping and connection set-up shared by the checks. */
abstract class AbstractCheck implements Check {
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

    /** What the check found: a status and a detail. */
    record Outcome(Status status, String detail) {
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
                outcome.detail());
    }

    TurnClient connect(Transport via, Deadline deadline) throws TransportException, UnknownHostException {
        TlsOptions tls = TlsOptions.verifying(target.tlsServerName()).withCaFile(target.caFile());
        return TurnClient.connect(via.toTransportType(), target.address(via), tls, RetransmissionPolicy.RFC_DEFAULT,
                deadline);
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

    /** Best-effort release of an allocation (Refresh with LIFETIME 0), so checks do not use up quotas. */
    static void release(TurnClient client, Deadline deadline) {
        if (client.allocation().isEmpty()) {
            return;
        }
        try {
            client.refresh(0, deadline.within(Duration.ofMillis(300)));
        } catch (TransportException e) {
            // the allocation expires on its own
        }
    }
}
