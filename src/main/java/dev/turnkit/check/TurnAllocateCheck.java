package dev.turnkit.check;

import dev.turnkit.transport.Allocation;
import dev.turnkit.transport.Connections;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TurnClient;
import java.net.UnknownHostException;

/**
 * {@code turn-allocate}: Allocate with credentials (RFC 8656 §7, 401 realm/nonce exchange), then release it with
 * Refresh(0). Reports the relayed address: a private address on a cloud VM means {@code external-ip} is missing.
 */
final class TurnAllocateCheck extends AbstractCheck {

    TurnAllocateCheck(TurnTarget target, Transport transport) {
        super(Checks.TURN_ALLOCATE, transport, target);
    }

    @Override
    Outcome probe(Deadline deadline) throws TransportException, UnknownHostException,
            CredentialSource.CredentialException {
        TurnCredential credential = requiredCredential();
        Allocation a;
        try (Allocated held = allocated(transport(), credential.username(), credential.password(), 0, deadline)) {
            a = held.client().allocation().orElseThrow();
        }
        String detail = "relayed " + Connections.describe(a.relayed()) + ", lifetime " + a.lifetimeSeconds() + " s";
        if (a.relayed().getAddress().isSiteLocalAddress() && !isPrivateHost()) {
            return new Outcome(Status.WARNING, detail + ": a private relayed address for a public server, "
                    + "set external-ip=<public>/<private>");
        }
        return Outcome.ok(detail);
    }

    private boolean isPrivateHost() {
        try {
            var ip = target.address(transport()).getAddress();
            return ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
