package dev.turnkit.deploy;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Rotates the TURN secret without invalidating issued credentials and without dropping a call, in two verified
 * deploys around a wait (see {@link Deployer#rotate}). coturn reads {@code static-auth-secret} only at start, so the
 * secrets live in its userdb instead, where it looks them up on every authentication: each deploy changes only the
 * secret files, whose on-change step syncs the userdb ({@code turnkit-sync-secrets}), and restarts the credentials
 * endpoint, never coturn (docs/deploy.md). coturn's main PID is read before and after: a rotation that restarted it
 * (e.g. because other config changes went out with it) ended the calls in progress and says so (WARNING).
 */
final class SecretRotation {
    static final String COTURN_UNIT = "coturn.service";
    private final Deployer deployer;
    private final Verification verification;
    private final Consumer<String> progress;

    SecretRotation(Deployer deployer, Verification verification, Consumer<String> progress) {
        this.deployer = deployer;
        this.verification = verification;
        this.progress = progress;
    }

    DeployResult run(Function<List<String>, List<Artifact>> render, String oldSecret, String newSecret,
            Duration wait, Runnable afterAdd) {
        String pidBefore = coturnPid();
        progress.accept("rotation 1/3: adding the new secret next to the old one (coturn pid " + pidBefore + ")");
        List<Artifact> both = render.apply(List.of(newSecret, oldSecret));
        // a rollback of this step leaves the old secret alone: the check after it must use that one
        DeployResult add = deployer.deploy(both, newSecret, oldSecret, false);
        if (add.status() != Status.OK && add.status() != Status.WARNING) {
            return add;
        }
        CheckReport old = verification.allocateWith(oldSecret);
        if (old.status() != Status.OK) {
            return new DeployResult(Status.CRITICAL, add.uploaded(), add.unchanged(), add.steps(), old, null, false,
                    null, "rotation stopped: with both secrets deployed the old secret no longer allocates ("
                            + Deployer.summary(old).strip() + "); the old secret is still configured");
        }
        progress.accept("rotation: old and new secret both allocate");
        afterAdd.run();
        progress.accept("rotation 2/3: waiting " + wait.toSeconds() + " s, past the longest credential TTL");
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("rotation interrupted while waiting; both secrets stay configured — run "
                    + "the rotation's last step again with a plain deploy later", e);
        }
        progress.accept("rotation 3/3: removing the old secret");
        List<Artifact> only = render.apply(List.of(newSecret));
        DeployResult remove = deployer.deploy(only, newSecret, false);
        if (remove.status() != Status.OK && remove.status() != Status.WARNING) {
            return remove;
        }
        List<String> obsolete = new ArrayList<>(both.stream().map(Artifact::path).toList());
        obsolete.removeAll(only.stream().map(Artifact::path).toList());
        if (!obsolete.isEmpty()) {
            try (Ssh s = deployer.connect()) {
                s.runOk("removing the old secret file", "rm -f " + Shell.q(obsolete));
            }
            progress.accept("removed " + obsolete);
        }
        CheckReport refused = verification.allocateWith(oldSecret);
        if (refused.status() != Status.CRITICAL) {
            return new DeployResult(Status.CRITICAL, remove.uploaded(), remove.unchanged(), remove.steps(), refused,
                    null, false, null, "rotation: the old secret is still accepted after it was removed");
        }
        progress.accept("rotation: the old secret is refused, the new one allocates");
        String pidAfter = coturnPid();
        List<String> uploaded = new ArrayList<>(new LinkedHashSet<>(concat(add.uploaded(), remove.uploaded())));
        List<String> steps = concat(add.steps(), remove.steps());
        String rotated = "secret rotated: both accepted for " + wait.toSeconds() + " s, now only the new one";
        if (!pidAfter.equals(pidBefore)) {
            return new DeployResult(Status.WARNING, uploaded, remove.unchanged(), steps, remove.check(), null,
                    add.repaired(), null, rotated + "; but coturn was restarted meanwhile (pid " + pidBefore + " -> "
                            + pidAfter + ", steps " + steps + "): calls in progress were dropped — deploy other "
                            + "changes before rotating");
        }
        progress.accept("rotation: coturn kept running throughout (pid " + pidAfter + "): no call dropped");
        return new DeployResult(remove.status(), uploaded, remove.unchanged(), steps, remove.check(), null,
                add.repaired(), null, rotated + "; coturn never restarted (pid " + pidAfter + ")");
    }

    /** coturn's main PID as systemd knows it ("0" when it is not running). */
    private String coturnPid() {
        try (Ssh s = deployer.connect()) {
            return s.runOk("reading coturn's main PID", "systemctl show -p MainPID --value " + COTURN_UNIT).strip();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
