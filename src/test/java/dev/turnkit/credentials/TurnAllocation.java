package dev.turnkit.credentials;

import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.transport.Allocation;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.RetransmissionPolicy;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportType;
import dev.turnkit.transport.TurnClient;
import java.time.Duration;

/** Real coturn in TURN REST mode for credential tests, and Allocate with the project's own TURN client. */
final class TurnAllocation {
    private TurnAllocation() {
    }

    /**
     * coturn with {@code use-auth-secret} and one {@code static-auth-secret} line per secret (current first, as the
     * host templates render a rotation), relaying on loopback so two local clients can reach each other:
     * {@code allow-loopback-peers} (4.6.1 accepts it only with a {@code cli-password}; the CLI stays off) is
     * test-only, never production.
     */
    static CoturnServer coturn(String current, String... previous) {
        CoturnServer.Builder b = CoturnServer.builder().secret(current)
                .line("relay-ip=127.0.0.1")
                .line("no-tcp-relay")
                .line("allow-loopback-peers")
                .line("cli-password=" + TestSecrets.random());
        for (String secret : previous) {
            b.line("static-auth-secret=" + secret);
        }
        return b.start();
    }

    /** Allocates a UDP relay; returns 0 when allocated, else the STUN error code (401 = credential refused). */
    static int allocate(CoturnServer coturn, String username, String password) {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        try (TurnClient turn = TurnClient.connect(TransportType.UDP, coturn.address(), null,
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
            throw new AssertionError("TURN exchange with coturn failed: " + e.getMessage() + "\n"
                    + coturn.logTail(), e);
        }
    }
}
