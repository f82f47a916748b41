package dev.turnkit.check;

import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TurnClient;
import java.net.UnknownHostException;

/**
 * {@code auth-required}: an Allocate without credentials and one with a wrong password must both be refused with
 * 401 (RFC 8489 §9.2.4). Success means anyone can relay through the server: an open relay. Needs no credentials
 * (a made-up REST username is used when none are given).
 */
final class AuthRequiredCheck extends AbstractCheck {
    private static final String PROBE_USERNAME = "0:turnkit-auth-probe";

    AuthRequiredCheck(TurnTarget target, Transport transport) {
        super(Checks.AUTH_REQUIRED, transport, target);
    }

    @Override
    Outcome probe(Deadline deadline) throws TransportException, UnknownHostException,
            CredentialSource.CredentialException {
        try (Allocated open = allocated(transport(), null, null, 0, deadline)) {
            return new Outcome(Status.CRITICAL, "open relay: Allocate WITHOUT credentials succeeded (coturn "
                    + "runs in no-auth mode: add use-auth-secret + static-auth-secret + realm)");
        } catch (StunErrorException e) {
            if (e.code() != 401) {
                return new Outcome(Status.WARNING, "unauthenticated Allocate refused with " + e.code() + " "
                        + e.reason() + " instead of 401");
            }
        }
        TurnCredential good = credential();
        TurnCredential wrong = good == null ? new TurnCredential(PROBE_USERNAME, "wrong") : good.withWrongPassword();
        try (Allocated open = allocated(transport(), wrong.username(), wrong.password(), 0, deadline)) {
            return new Outcome(Status.CRITICAL, "open relay: Allocate with a WRONG password succeeded "
                    + "(credentials are not checked)");
        } catch (StunErrorException e) {
            if (e.code() != 401) {
                return new Outcome(Status.WARNING, "wrong password refused with " + e.code() + " " + e.reason()
                        + " instead of 401");
            }
        }
        return Outcome.ok("401 without credentials and with a wrong password");
    }
}
