package dev.turnkit.check;

import dev.turnkit.protocol.Attribute;
import dev.turnkit.protocol.Message;
import dev.turnkit.transport.Connections;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TurnClient;
import java.net.UnknownHostException;
import java.util.Optional;

/** {@code stun-binding}: a Binding request (RFC 8489 §3) is answered with XOR-MAPPED-ADDRESS. No credentials. */
final class StunBindingCheck extends AbstractCheck {

    StunBindingCheck(TurnTarget target, Transport transport) {
        super(Checks.STUN_BINDING, transport, target);
    }

    @Override
    Outcome probe(Deadline deadline) throws TransportException, UnknownHostException {
        try (TurnClient client = connect(transport(), deadline)) {
            Message response = client.binding(deadline);
            Optional<Attribute.XorMappedAddress> mapped = response.get(Attribute.XorMappedAddress.class);
            if (mapped.isEmpty()) {
                return new Outcome(Status.WARNING, "Binding answered without XOR-MAPPED-ADDRESS: an RFC 3489-only "
                        + "server? ICE cannot learn server-reflexive candidates");
            }
            String detail = "mapped address " + Connections.describe(mapped.get().address());
            Optional<String> software = client.software();
            if (software.isPresent()) {
                detail += "; SOFTWARE '" + software.get() + "' discloses the version (no-software-attribute)";
            }
            return Outcome.ok(detail);
        }
    }
}
