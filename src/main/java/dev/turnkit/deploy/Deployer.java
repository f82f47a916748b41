package dev.turnkit.deploy;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.Status;
import dev.turnkit.check.CheckResult;
import dev.turnkit.deploy.RemoteState.Remote;
import dev.turnkit.render.OnChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Pushes files to a running host over SSH and makes them take effect safely.
 *
 * <ol>
 *   <li>Connect; the host key is verified before anything else is sent ({@link HostKeys}).</li>
 *   <li>Repair: a journal left by an interrupted deploy means files were swapped but not verified; they are
 *       restored from the previous versions and their on-change steps run, so the host is back on the old
 *       version before anything else happens.</li>
 *   <li>Compare: SHA-256, mode and owner of every file on the host in one command. Identical files are not
 *       touched; with nothing changed nothing is uploaded and nothing restarted.</li>
 *   <li>Stage: each changed file is uploaded over SFTP to {@code .NAME.turnkit-new} in its own directory (created
 *       0600), or downloaded there by the host for a pinned release; then owner and mode are set and checked
 *       together with the SHA-256 on the host.</li>
 *   <li>Swap: one remote script that ignores SIGHUP/SIGINT/SIGTERM writes the journal, copies each current file to
 *       {@value #STATE}/prev/PATH (the previous version) and renames each staged file over the live one
 *       ({@code rename(2)} is atomic). Owner and mode are checked again afterwards ({@link FileSwap}).</li>
 *   <li>Apply: the merged {@link OnChange} steps of the changed files, {@code daemon-reload} first
 *       ({@link OnChangeSteps}).</li>
 *   <li>Verify: the production check suite. On CRITICAL/UNKNOWN, or a failed step: restore the previous versions,
 *       apply again, check again, report both (status CRITICAL). The journal is removed only at the end.</li>
 * </ol>
 */
public final class Deployer {
    /** Deploy state on the host: the journal and the previous version of every file deploy replaced. */
    public static final String STATE = FileSwap.STATE;

    private final SshTarget ssh;
    private final Verification verification;
    private final Consumer<String> progress;

    public Deployer(SshTarget ssh, Verification verification, Consumer<String> progress) {
        this.ssh = ssh;
        this.verification = verification;
        this.progress = progress;
    }

    /**
     * Deploys {@code files}; {@code checkSecret} is the TURN secret the verification makes credentials from
     * (never printed). With {@code dryRun} only the diff is computed: nothing is written.
     */
    public DeployResult deploy(List<Artifact> files, String checkSecret, boolean dryRun) {
        return deploy(files, checkSecret, checkSecret, dryRun);
    }

    /**
     * As {@link #deploy(List, String, boolean)}, but a rollback is verified with {@code rollbackSecret}: the secret
     * the previous files hold, where this deploy changes it (the first step of a rotation adds a secret, so its
     * rollback leaves only the old one).
     */
    DeployResult deploy(List<Artifact> files, String checkSecret, String rollbackSecret, boolean dryRun) {
        checkPaths(files);
        try (Ssh s = connect()) {
            FileSwap swap = new FileSwap(s, progress);
            boolean repaired = !dryRun && repair(s, swap, files);
            Map<String, Remote> remote = RemoteState.read(s, paths(files));
            List<Artifact> changed = new ArrayList<>();
            List<Artifact> drifted = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            for (Artifact f : files) {
                Remote r = remote.get(f.path());
                if (!r.exists() || !r.sha256().equals(f.sha256())) {
                    changed.add(f);
                } else if (!f.mode().equals(r.mode()) || !f.owner().equals(r.owner())) {
                    drifted.add(f);
                } else {
                    unchanged.add(f.path());
                }
            }
            step("compared " + files.size() + " files: " + changed.size() + " changed, " + drifted.size()
                    + " with wrong owner/mode, " + unchanged.size() + " unchanged");
            if (dryRun) {
                DeployResult r = DryRun.of(s, changed, drifted, remote, unchanged, files);
                step("dry run: nothing written; would upload " + changed.size() + " file(s) and run " + r.steps());
                return r;
            }
            if (!drifted.isEmpty()) {
                swap.fixOwnership(drifted);
            }
            List<String> same = new ArrayList<>(unchanged);
            same.addAll(paths(drifted));
            if (changed.isEmpty()) {
                return new DeployResult(Status.OK, List.of(), same, List.of(), null, null, repaired, null,
                        repaired ? "repaired an interrupted deploy; host up to date" : "host up to date, nothing "
                                + "uploaded, nothing restarted");
            }
            return apply(s, swap, changed, remote, same, checkSecret, rollbackSecret, repaired);
        }
    }

    /**
     * Rotates the TURN secret without invalidating issued credentials: (1) deploy {@code render([new, old])} —
     * coturn and the endpoint accept both, the endpoint issues with the new one — and verify that both secrets
     * allocate; (2) {@code afterAdd} (e.g. save the new secret locally); (3) wait {@code wait}, past the longest
     * credential TTL, so every credential made with the old secret has expired; (4) deploy {@code render([new])}
     * and verify that the new secret allocates and the old one is refused. Only the secret files, the userdb sync
     * script and the endpoint's unit change, so coturn keeps running (its main PID is compared before and after:
     * WARNING if it changed, since the calls in progress then dropped).
     */
    public DeployResult rotate(Function<List<String>, List<Artifact>> render, String oldSecret, String newSecret,
            Duration wait, Runnable afterAdd) {
        return new SecretRotation(this, verification, progress).run(render, oldSecret, newSecret, wait, afterAdd);
    }

    Ssh connect() {
        step("connecting to " + ssh + " (host key: " + (ssh.pinnedFingerprint() != null ? "pinned "
                + ssh.pinnedFingerprint() : ssh.knownHosts().toString()) + ")");
        return Ssh.connect(ssh);
    }

    private DeployResult apply(Ssh s, FileSwap swap, List<Artifact> changed, Map<String, Remote> remote,
            List<String> unchanged, String checkSecret, String rollbackSecret, boolean repaired) {
        swap.stage(changed);
        swap.swap(changed, remote);
        List<String> steps = OnChangeSteps.merged(changed);
        String failure = OnChangeSteps.run(s, steps, stepTimeoutSeconds(), progress);
        CheckReport report = null;
        List<String> uploaded = paths(changed);
        if (failure == null) {
            step("verifying: production check suite against " + verification.target().host());
            report = verification.run(checkSecret);
            step("check: " + report.status() + summary(report));
            if (report.status() == Status.OK || report.status() == Status.WARNING) {
                swap.removeJournal();
                return new DeployResult(report.status(), uploaded, unchanged, steps, report, null, repaired, null,
                        "deployed " + uploaded.size() + " file(s) and verified");
            }
            failure = "the check after applying is " + report.status();
        }
        step("ROLLING BACK: " + failure);
        swap.restore(FileSwap.journalEntries(changed, remote));
        String again = OnChangeSteps.run(s, steps, stepTimeoutSeconds(), progress);
        CheckReport after = verification.run(rollbackSecret);
        step("check after rollback: " + after.status() + summary(after));
        swap.removeJournal();
        if (report == null) {
            report = new CheckReport(Status.CRITICAL, Duration.ZERO, List.of(new CheckResult("apply", "-",
                    Status.CRITICAL, Duration.ZERO, failure)));
        }
        return new DeployResult(Status.CRITICAL, uploaded, unchanged, steps, report, after, repaired, null,
                "deploy failed (" + failure + "); rolled back to the previous files" + (again == null ? ""
                        : ", but re-applying them failed too: " + again) + "; the host is now " + after.status());
    }

    /** Finds a journal left by an interrupted deploy, rolls its files back and runs their steps. */
    private boolean repair(Ssh s, FileSwap swap, List<Artifact> files) {
        List<String> entries = swap.leftoverJournal(files);
        if (entries.isEmpty()) {
            return false;
        }
        step("an earlier deploy was interrupted after swapping " + entries.size() + " file(s): restoring the "
                + "previous versions first");
        swap.restore(entries);
        Map<String, Artifact> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        List<Artifact> touched = entries.stream().map(e -> byPath.get(e.substring(e.indexOf(' ') + 1)))
                .filter(Objects::nonNull).toList();
        String failure = OnChangeSteps.run(s, OnChangeSteps.merged(touched), stepTimeoutSeconds(), progress);
        if (failure != null) {
            step("warning: " + failure + " while repairing; continuing with the deploy");
        }
        swap.removeJournal();
        return true;
    }

    /** A step may restart a service that takes a while to come up. */
    private long stepTimeoutSeconds() {
        return Math.max(60, ssh.timeout().toSeconds() * 6);
    }

    private static void checkPaths(List<Artifact> files) {
        Set<String> seen = new LinkedHashSet<>();
        for (Artifact f : files) {
            if (!FileSwap.SAFE_PATH.matcher(f.path()).matches() || !seen.add(f.path())) {
                throw new IllegalArgumentException("bad or duplicate host path: " + f.path());
            }
        }
    }

    private static List<String> paths(List<Artifact> files) {
        return files.stream().map(Artifact::path).toList();
    }

    /** The checks that are not OK, one clause each, for progress lines. */
    static String summary(CheckReport r) {
        List<String> bad = r.results().stream().filter(c -> c.status() != Status.OK)
                .map(c -> c.name() + "/" + c.transport() + " " + c.status() + ": " + c.detail()).toList();
        return bad.isEmpty() ? " (" + r.results().size() + " checks)" : " — " + String.join("; ", bad);
    }

    private void step(String line) {
        progress.accept(line);
    }
}
