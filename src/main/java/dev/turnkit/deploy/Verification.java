package dev.turnkit.deploy;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.Transport;
import dev.turnkit.check.TurnTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How deploy verifies the host after applying: the production {@code turnkit check} suite (every check, incl. the
 * peer deny sweep) against {@code target} with TURN REST credentials made from the deployed secret.
 *
 * @param target     the TURN server as clients reach it (no credentials: they come from the secret)
 * @param transports transports to check (all in production)
 * @param timeout    deadline of one check run
 */
public record Verification(TurnTarget target, Set<Transport> transports, Duration timeout) {
    public Verification {
        transports = Set.copyOf(transports);
    }

    /** Runs the whole suite with credentials from {@code secret}. */
    public CheckReport run(String secret) {
        TurnTarget t = target.withCredentials(CredentialSource.restSecret(secret.getBytes(StandardCharsets.UTF_8)));
        return new CheckRunner(timeout).run(Checks.suite(t, Checks.ALL, transports));
    }

    /** Only an Allocate over the first transport with credentials from {@code secret} (rotation steps). */
    public CheckReport allocateWith(String secret) {
        TurnTarget t = target.withCredentials(CredentialSource.restSecret(secret.getBytes(StandardCharsets.UTF_8)));
        Transport first = transports.contains(Transport.UDP) ? Transport.UDP : transports.iterator().next();
        return new CheckRunner(timeout).run(Checks.suite(t, List.of(Checks.TURN_ALLOCATE), Set.of(first)));
    }
}
