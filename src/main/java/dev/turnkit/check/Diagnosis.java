package dev.turnkit.check;

import dev.turnkit.transport.ConnectionRefusedException;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TlsHandshakeException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportTimeoutException;

/** Turns a failed exchange into a status and a one-line detail with the likely cause. */
final class Diagnosis {
    private Diagnosis() {
    }

    record Verdict(Status status, String detail) {
    }

    static Verdict of(TransportException e, TurnTarget target, Transport transport, CredentialSource credentials) {
        String where = transport.id() + " " + hostPort(target, transport);
        if (e instanceof ConnectionRefusedException) {
            return new Verdict(Status.CRITICAL, where + " refused: coturn not running or not listening on port "
                    + target.port(transport));
        }
        if (e instanceof TransportTimeoutException) {
            return new Verdict(Status.CRITICAL, "no answer over " + where + " in time: server down, a firewall "
                    + "drops " + transport.id() + "/" + target.port(transport) + ", or wrong host/port");
        }
        if (e instanceof TlsHandshakeException tls) {
            return new Verdict(Status.CRITICAL, tlsCause(tls, target));
        }
        if (e instanceof StunErrorException err) {
            return new Verdict(Status.CRITICAL, stunError(err, credentials));
        }
        return new Verdict(Status.CRITICAL, e.getMessage());
    }

    static String stunError(StunErrorException err, CredentialSource credentials) {
        String head = err.method().name() + " " + err.code() + " " + err.reason();
        return switch (err.code()) {
            case 401 -> err.afterAuthentication() && credentials != null
                    ? head + ": " + credentials.cause401()
                    : head + ": the server requires credentials (" + CredentialSource.HOW_TO_PASS + ")";
            case 403 -> head + ": forbidden by server policy (denied peer, or no relay permitted for this user)";
            case 437 -> head + ": an allocation already exists on this 5-tuple (retry from a new port)";
            case 438 -> head + ": the server keeps rejecting its own nonce (stale-nonce set very low?)";
            case 440 -> head + ": the server has no relay address of the requested family";
            case 441 -> head + ": wrong credentials for this allocation (USERNAME changed mid-session)";
            case 442 -> head + ": requested transport not supported (UDP relay disabled?)";
            case 486 -> head + ": allocation quota reached (user-quota or total-quota exhausted)";
            case 508 -> head + ": the server cannot open a relay socket: relay-ip not an address of the host "
                    + "(e.g. the public IP behind 1:1 NAT) or the min-port..max-port range exhausted";
            default -> head;
        };
    }

    static String tlsCause(TlsHandshakeException tls, TurnTarget target) {
        return switch (tls.problem()) {
            case EXPIRED -> "certificate expired: renew it (certbot renew) and reload coturn (SIGUSR2)";
            case NOT_YET_VALID -> "certificate not valid yet: check the clocks on the server and here";
            case HOSTNAME_MISMATCH -> "certificate does not name " + target.tlsServerName()
                    + ": issue it for the TURN domain, or pass the right --tls-server-name";
            case UNTRUSTED -> "certificate chain not trusted" + (target.caFile() == null
                    ? ": self-signed or private CA (pass --ca-file), or coturn serves cert.pem instead of "
                            + "fullchain.pem (missing intermediate)"
                    : " by " + target.caFile().getFileName() + ": wrong CA file or missing intermediate");
            case HANDSHAKE -> "TLS handshake failed (" + tls.getMessage() + "): cipher-list or TLS versions too "
                    + "narrow, or the port does not speak TLS";
        };
    }

    static String hostPort(TurnTarget target, Transport transport) {
        String h = target.host();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + target.port(transport);
    }
}
