package dev.turnkit.check;

import dev.turnkit.transport.Connections;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TlsConnection;
import dev.turnkit.transport.TlsHandshakeException;
import dev.turnkit.transport.TlsOptions;
import dev.turnkit.transport.TransportException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * {@code tls-certificate}: the {@code turns:} port presents a chain that leads to a trusted CA and names the server
 * (HTTPS hostname rules), and the earliest expiry in the chain is not close: WARNING under 14 days, CRITICAL under
 * 3 days or expired.
 */
final class TlsCertificateCheck extends AbstractCheck {
    static final Duration WARNING_BELOW = Duration.ofDays(14);
    static final Duration CRITICAL_BELOW = Duration.ofDays(3);
    private final Clock clock;

    TlsCertificateCheck(TurnTarget target, Clock clock) {
        super(Checks.TLS_CERTIFICATE, Transport.TLS, target);
        this.clock = clock;
    }

    @Override
    Outcome probe(Deadline deadline) throws TransportException, UnknownHostException {
        TlsOptions options = TlsOptions.verifying(target.tlsServerName()).withCaFile(target.caFile());
        try (TlsConnection tls = Connections.tls(target.address(Transport.TLS), options, deadline)) {
            X509Certificate earliest = earliestExpiry(tls.peerChain());
            Duration left = Duration.between(clock.instant(), earliest.getNotAfter().toInstant());
            if (left.isNegative()) {
                // PKIX does not check the validity of a trust anchor itself (a self-signed certificate trusted
                // through --ca-file), so the handshake can succeed with an expired certificate.
                return expired(earliest.getNotAfter().toInstant());
            }
            String detail = "chain trusted, name " + target.tlsServerName() + " matches, " + tls.protocol()
                    + ", expires " + date(earliest.getNotAfter().toInstant()) + " (" + left.toDays() + " days)";
            Map<String, Double> days = expiry(earliest.getNotAfter().toInstant());
            if (left.compareTo(CRITICAL_BELOW) < 0) {
                return new Outcome(Status.CRITICAL, detail + ": renewal failed? run certbot renew and reload coturn",
                        days);
            }
            if (left.compareTo(WARNING_BELOW) < 0) {
                return new Outcome(Status.WARNING, detail + ": renewal is overdue (certbot renews at 30 days)", days);
            }
            return new Outcome(Status.OK, detail, days);
        } catch (TlsHandshakeException e) {
            if (e.problem() == TlsHandshakeException.Problem.EXPIRED && !e.presentedChain().isEmpty()) {
                return expired(earliestExpiry(e.presentedChain()).getNotAfter().toInstant());
            }
            throw e;
        }
    }

    private Outcome expired(Instant notAfter) {
        return new Outcome(Status.CRITICAL, "certificate expired " + date(notAfter) + " ("
                + Duration.between(notAfter, clock.instant()).toDays() + " days ago): renew it (certbot renew) and "
                + "reload coturn (SIGUSR2)", expiry(notAfter));
    }

    private static Map<String, Double> expiry(Instant notAfter) {
        return Map.of(CheckResult.CERT_EXPIRY_EPOCH_SECONDS, (double) notAfter.getEpochSecond());
    }

    private static X509Certificate earliestExpiry(List<X509Certificate> chain) {
        X509Certificate earliest = chain.get(0);
        for (X509Certificate c : chain) {
            if (c.getNotAfter().before(earliest.getNotAfter())) {
                earliest = c;
            }
        }
        return earliest;
    }

    private static String date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
