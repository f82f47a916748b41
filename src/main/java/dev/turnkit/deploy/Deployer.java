package dev.turnkit.deploy;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.Status;
import dev.turnkit.model.UnifiedDiff;
import dev.turnkit.render.OnChange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
 *       0600), then owner and mode are set and checked together with the SHA-256 on the host.</li>
 *   <li>Swap: one remote script that ignores SIGHUP/SIGINT/SIGTERM writes the journal, copies each current file to
 *       {@value #STATE}/prev/PATH (the previous version) and renames each staged file over the live one
 *       ({@code rename(2)} is atomic). Owner and mode are checked again afterwards.</li>
 *   <li>Apply: the merged {@link OnChange} steps of the changed files, {@code daemon-reload} first.</li>
 *   <li>Verify: the production check suite. On CRITICAL/UNKNOWN, or a failed step: restore the previous versions,
 *       apply again, check again, report both (status CRITICAL). The journal is removed only at the end.</li>
 * </ol>
 */
public final class Deployer {
    /** Deploy state on the host: the journal and the previous version of every file deploy replaced. */
    public static final String STATE = "/var/lib/turnkit/deploy";
    static final String JOURNAL = STATE + "/journal";
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./@+-]+");
    private static final Pattern SECRET_LINE = Pattern.compile("(?m)^(\\s*[A-Za-z0-9_-]*secret[A-Za-z0-9_-]*\\s*=\\s*).+$");

    private final SshTarget ssh;
    private final Verification verification;
    private final Consumer<String> progress;

    public Deployer(SshTarget ssh, Verification verification, Consumer<String> progress) {
        this.ssh = ssh;
        this.verification = verification;
        this.progress = progress;
    }

    /** The state of one path on the host. */
    record Remote(String sha256, String mode, String owner) {
        static final Remote ABSENT = new Remote(null, null, null);

        boolean exists() {
            return sha256 != null;
        }
    }

    /**
     * Deploys {@code files}; {@code checkSecret} is the TURN secret the verification makes credentials from
     * (never printed). With {@code dryRun} only the diff is computed: nothing is written.
     */
    public DeployResult deploy(List<Artifact> files, String checkSecret, boolean dryRun) {
        checkPaths(files);
        try (Ssh s = connect()) {
            boolean repaired = !dryRun && repair(s, files);
            Map<String, Remote> remote = remoteState(s, paths(files));
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
                return dryRun(s, changed, drifted, remote, unchanged, files);
            }
            if (!drifted.isEmpty()) {
                fixOwnership(s, drifted);
            }
            List<String> drift = drifted.stream().map(Artifact::path).toList();
            if (changed.isEmpty()) {
                List<String> same = new ArrayList<>(unchanged);
                same.addAll(drift);
                return new DeployResult(Status.OK, List.of(), same, List.of(), null, null, repaired, null,
                        repaired ? "repaired an interrupted deploy; host up to date" : "host up to date, nothing "
                                + "uploaded, nothing restarted");
            }
            List<String> allUnchanged = new ArrayList<>(unchanged);
            allUnchanged.addAll(drift);
            return apply(s, changed, remote, allUnchanged, checkSecret, repaired);
        }
    }

    /**
     * Rotates the TURN secret without invalidating issued credentials: (1) deploy {@code render([new, old])} —
     * coturn and the endpoint accept both, the endpoint issues with the new one — and verify that both secrets
     * allocate; (2) {@code afterAdd} (e.g. save the new secret locally); (3) wait {@code wait}, past the longest
     * credential TTL, so every credential made with the old secret has expired; (4) deploy {@code render([new])}
     * and verify that the new secret allocates and the old one is refused.
     */
    public DeployResult rotate(java.util.function.Function<List<String>, List<Artifact>> render, String oldSecret,
            String newSecret, Duration wait, Runnable afterAdd) {
        step("rotation 1/3: adding the new secret next to the old one");
        List<Artifact> both = render.apply(List.of(newSecret, oldSecret));
        DeployResult add = deploy(both, newSecret, false);
        if (add.status() != Status.OK && add.status() != Status.WARNING) {
            return add;
        }
        CheckReport old = verification.allocateWith(oldSecret);
        if (old.status() != Status.OK) {
            return new DeployResult(Status.CRITICAL, add.uploaded(), add.unchanged(), add.steps(), old, null, false,
                    null, "rotation stopped: with both secrets deployed the old secret no longer allocates ("
                            + summary(old).strip() + "); the old secret is still configured");
        }
        step("rotation: old and new secret both allocate");
        afterAdd.run();
        step("rotation 2/3: waiting " + wait.toSeconds() + " s, past the longest credential TTL");
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("rotation interrupted while waiting; both secrets stay configured — run "
                    + "the rotation's last step again with a plain deploy later", e);
        }
        step("rotation 3/3: removing the old secret");
        List<Artifact> only = render.apply(List.of(newSecret));
        DeployResult remove = deploy(only, newSecret, false);
        if (remove.status() != Status.OK && remove.status() != Status.WARNING) {
            return remove;
        }
        List<String> obsolete = new ArrayList<>(paths(both));
        obsolete.removeAll(paths(only));
        if (!obsolete.isEmpty()) {
            try (Ssh s = connect()) {
                s.runOk("removing the old secret file", "rm -f " + String.join(" ", obsolete.stream()
                        .map(Deployer::q).toList()));
            }
            step("removed " + obsolete);
        }
        CheckReport refused = verification.allocateWith(oldSecret);
        if (refused.status() != Status.CRITICAL) {
            return new DeployResult(Status.CRITICAL, remove.uploaded(), remove.unchanged(), remove.steps(), refused,
                    null, false, null, "rotation: the old secret is still accepted after it was removed");
        }
        step("rotation: the old secret is refused, the new one allocates");
        List<String> uploaded = new ArrayList<>(new LinkedHashSet<>(concat(add.uploaded(), remove.uploaded())));
        List<String> steps = concat(add.steps(), remove.steps());
        return new DeployResult(remove.status(), uploaded, remove.unchanged(), steps, remove.check(), null,
                add.repaired(), null, "secret rotated: both accepted for " + wait.toSeconds() + " s, now only "
                        + "the new one");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private Ssh connect() {
        step("connecting to " + ssh + " (host key: " + (ssh.pinnedFingerprint() != null ? "pinned "
                + ssh.pinnedFingerprint() : ssh.knownHosts().toString()) + ")");
        return Ssh.connect(ssh);
    }

    private DeployResult apply(Ssh s, List<Artifact> changed, Map<String, Remote> remote, List<String> unchanged,
            String checkSecret, boolean repaired) {
        stage(s, changed);
        swap(s, changed, remote);
        List<String> steps = mergedSteps(changed);
        String failure = runSteps(s, steps);
        CheckReport report = null;
        if (failure == null) {
            step("verifying: production check suite against " + verification.target().host());
            report = verification.run(checkSecret);
            step("check: " + report.status() + summary(report));
            if (report.status() == Status.OK || report.status() == Status.WARNING) {
                s.runOk("removing the deploy journal", "rm -f " + q(JOURNAL));
                List<String> uploaded = changed.stream().map(Artifact::path).toList();
                return new DeployResult(report.status(), uploaded, unchanged, steps, report, null, repaired, null,
                        "deployed " + uploaded.size() + " file(s) and verified");
            }
            failure = "the check after applying is " + report.status();
        }
        step("ROLLING BACK: " + failure);
        restore(s, journalEntries(changed, remote));
        String again = runSteps(s, steps);
        CheckReport after = verification.run(checkSecret);
        step("check after rollback: " + after.status() + summary(after));
        s.runOk("removing the deploy journal", "rm -f " + q(JOURNAL));
        if (report == null) {
            report = new CheckReport(Status.CRITICAL, Duration.ZERO, List.of(new dev.turnkit.check.CheckResult(
                    "apply", "-", Status.CRITICAL, Duration.ZERO, failure)));
        }
        return new DeployResult(Status.CRITICAL, changed.stream().map(Artifact::path).toList(), unchanged, steps,
                report, after, repaired, null, "deploy failed (" + failure + "); rolled back to the previous "
                        + "files" + (again == null ? "" : ", but re-applying them failed too: " + again)
                        + "; the host is now " + after.status());
    }

    /** Uploads each changed file to its staging name, then sets and checks owner, mode and SHA-256 on the host. */
    private void stage(Ssh s, List<Artifact> changed) {
        StringBuilder dirs = new StringBuilder("set -e\n");
        for (Artifact f : changed) {
            dirs.append("mkdir -p ").append(q(parent(f.path()))).append('\n');
        }
        s.runOk("creating directories", dirs.toString());
        for (Artifact f : changed) {
            step("uploading " + f.path() + " (" + f.content().length + " bytes" + (f.secret() ? ", secret" : "")
                    + ")");
            s.upload(staged(f.path()), f.content());
        }
        StringBuilder own = new StringBuilder("set -e\n");
        for (Artifact f : changed) {
            own.append("chown ").append(q(f.owner())).append(' ').append(q(staged(f.path()))).append('\n')
                    .append("chmod ").append(f.mode()).append(' ').append(q(staged(f.path()))).append('\n');
        }
        own.append(stateScript(changed.stream().map(f -> staged(f.path())).toList()));
        Map<String, Remote> st = parseState(s.runOk("setting owner and mode", own.toString()));
        for (Artifact f : changed) {
            Remote r = st.get(staged(f.path()));
            if (r == null || !f.sha256().equals(r.sha256())) {
                throw new DeployException("checksum mismatch for " + f.path() + " on the host after upload ("
                        + (r == null ? "missing" : r.sha256()) + " != " + f.sha256() + "); nothing was swapped");
            }
            requireOwnership(f, r, "staged");
        }
        step("staged " + changed.size() + " file(s); SHA-256, owner and mode checked on the host");
    }

    /** Journal, previous versions, atomic renames: one script that ignores hang-ups, so it never stops halfway. */
    private void swap(Ssh s, List<Artifact> changed, Map<String, Remote> remote) {
        StringBuilder sh = new StringBuilder("trap '' HUP INT TERM PIPE\nset -e\numask 077\n");
        sh.append("mkdir -p ").append(q(STATE + "/prev")).append('\n');
        sh.append("cat > ").append(q(JOURNAL + ".tmp")).append(" <<'TURNKIT_EOF'\n");
        journalEntries(changed, remote).forEach(e -> sh.append(e).append('\n'));
        sh.append("TURNKIT_EOF\n");
        sh.append("mv -f ").append(q(JOURNAL + ".tmp")).append(' ').append(q(JOURNAL)).append('\n');
        for (Artifact f : changed) {
            if (remote.get(f.path()).exists()) {
                String prev = STATE + "/prev" + f.path();
                sh.append("mkdir -p ").append(q(parent(prev))).append(" && cp -p ").append(q(f.path())).append(' ')
                        .append(q(prev)).append('\n');
            }
        }
        for (Artifact f : changed) {
            sh.append("mv -f ").append(q(staged(f.path()))).append(' ').append(q(f.path())).append('\n');
        }
        sh.append(stateScript(paths(changed)));
        Map<String, Remote> after = parseState(s.runOk("swapping the files in", sh.toString()));
        for (Artifact f : changed) {
            requireOwnership(f, after.get(f.path()), "installed");
        }
        step("swapped in " + changed.size() + " file(s) atomically; previous versions kept in " + STATE + "/prev");
    }

    /** Journal lines: {@code replace PATH} (a previous version exists) or {@code create PATH}. */
    private static List<String> journalEntries(List<Artifact> changed, Map<String, Remote> remote) {
        return changed.stream().map(f -> (remote.get(f.path()).exists() ? "replace " : "create ") + f.path())
                .toList();
    }

    /** Puts the previous versions back (atomically per file) and deletes files the deploy created. */
    private void restore(Ssh s, List<String> entries) {
        StringBuilder sh = new StringBuilder("trap '' HUP INT TERM PIPE\nset -e\n");
        for (String e : entries) {
            String path = e.substring(e.indexOf(' ') + 1);
            if (!SAFE_PATH.matcher(path).matches()) {
                throw new DeployException("deploy journal on the host has a bad line: " + e);
            }
            if (e.startsWith("replace ")) {
                String prev = STATE + "/prev" + path;
                sh.append("cp -p ").append(q(prev)).append(' ').append(q(staged(path))).append(" && mv -f ")
                        .append(q(staged(path))).append(' ').append(q(path)).append('\n');
            } else {
                sh.append("rm -f ").append(q(path)).append('\n');
            }
        }
        s.runOk("restoring the previous files", sh.toString());
        step("restored the previous version of " + entries.size() + " file(s)");
    }

    /** Finds a journal left by an interrupted deploy, rolls its files back and runs their steps. */
    private boolean repair(Ssh s, List<Artifact> files) {
        StringBuilder sh = new StringBuilder();
        for (Artifact f : files) {
            sh.append("rm -f ").append(q(staged(f.path()))).append('\n');
        }
        sh.append("if [ -f ").append(q(JOURNAL)).append(" ]; then cat ").append(q(JOURNAL)).append("; fi\n");
        String journal = s.runOk("reading the deploy journal", sh.toString());
        List<String> entries = journal.lines().filter(l -> !l.isBlank()).toList();
        if (entries.isEmpty()) {
            return false;
        }
        step("an earlier deploy was interrupted after swapping " + entries.size() + " file(s): restoring the "
                + "previous versions first");
        restore(s, entries);
        Map<String, Artifact> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        List<Artifact> touched = entries.stream().map(e -> byPath.get(e.substring(e.indexOf(' ') + 1)))
                .filter(java.util.Objects::nonNull).toList();
        String failure = runSteps(s, mergedSteps(touched));
        if (failure != null) {
            step("warning: " + failure + " while repairing; continuing with the deploy");
        }
        s.runOk("removing the deploy journal", "rm -f " + q(JOURNAL));
        return true;
    }

    private void fixOwnership(Ssh s, List<Artifact> drifted) {
        StringBuilder sh = new StringBuilder("set -e\n");
        for (Artifact f : drifted) {
            sh.append("chown ").append(q(f.owner())).append(' ').append(q(f.path())).append(" && chmod ")
                    .append(f.mode()).append(' ').append(q(f.path())).append('\n');
        }
        sh.append(stateScript(paths(drifted)));
        Map<String, Remote> after = parseState(s.runOk("fixing owner and mode", sh.toString()));
        for (Artifact f : drifted) {
            requireOwnership(f, after.get(f.path()), "fixed");
        }
        step("fixed owner/mode of " + paths(drifted));
    }

    /** The steps of every changed file, merged: {@code daemon-reload} first, then each step once, in file order. */
    static List<String> mergedSteps(List<Artifact> changed) {
        Set<String> steps = new LinkedHashSet<>();
        boolean daemonReload = false;
        for (Artifact f : changed) {
            for (OnChange.Step st : f.onChange().steps()) {
                if (st.verb().equals("daemon-reload")) {
                    daemonReload = true;
                } else {
                    steps.add(st.toString());
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (daemonReload) {
            out.add("daemon-reload");
        }
        out.addAll(steps);
        return out;
    }

    /** Runs the steps; the first failure as one line, or null. */
    private String runSteps(Ssh s, List<String> steps) {
        for (String st : steps) {
            step("apply: " + st);
            Ssh.Result r = s.run(command(st), null, Math.max(60, ssh.timeout().toSeconds() * 6));
            if (!r.ok()) {
                return "'" + st + "' failed (exit " + r.exit() + "): "
                        + Ssh.lastLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
            }
        }
        return null;
    }

    /** The shell command of one on-change step. */
    static String command(String step) {
        OnChange.Step st = OnChange.parse(step).steps().get(0);
        List<String> a = st.args();
        return switch (st.verb()) {
            case "daemon-reload" -> "systemctl daemon-reload";
            case "reload", "restart", "try-restart" -> "systemctl " + st.verb() + " " + q(a.get(0));
            case "signal" -> "systemctl kill --kill-whom=main -s " + a.get(0) + " " + q(a.get(1));
            case "run" -> String.join(" ", a.stream().map(Deployer::q).toList());
            default -> throw new IllegalArgumentException(step);
        };
    }

    private DeployResult dryRun(Ssh s, List<Artifact> changed, List<Artifact> drifted, Map<String, Remote> remote,
            List<String> unchanged, List<Artifact> all) {
        List<String> secrets = all.stream().filter(Artifact::secretOnly).filter(Artifact::secret)
                .map(f -> new String(f.content(), StandardCharsets.UTF_8).strip()).filter(v -> !v.isEmpty())
                .toList();
        StringBuilder diff = new StringBuilder();
        for (Artifact f : changed) {
            Remote r = remote.get(f.path());
            if (f.secretOnly()) {
                diff.append(f.secret() ? "secret " + f.path() + (r.exists() ? " changes" : " is created")
                        + " (value not shown)\n" : "binary " + f.path() + " changes (sha256 " + f.sha256() + ")\n");
                continue;
            }
            String before = r.exists() ? new String(s.read(f.path()), StandardCharsets.UTF_8) : "";
            String after = new String(f.content(), StandardCharsets.UTF_8);
            boolean secretsChange = f.secret() && !secretLines(before).equals(secretLines(after));
            if (f.secret()) {
                before = mask(before, secrets);
                after = mask(after, secrets);
            }
            diff.append(UnifiedDiff.of(r.exists() ? "host" + f.path() : "/dev/null", before, "new" + f.path(),
                    after));
            if (secretsChange) {
                diff.append("secret value(s) in ").append(f.path()).append(" change (not shown)\n");
            }
        }
        for (Artifact f : drifted) {
            Remote r = remote.get(f.path());
            diff.append("owner/mode " + f.path() + ": " + r.owner() + " " + r.mode() + " -> " + f.owner() + " "
                    + f.mode() + "\n");
        }
        List<String> steps = mergedSteps(changed);
        step("dry run: nothing written; would upload " + changed.size() + " file(s) and run " + steps);
        return new DeployResult(Status.OK, paths(changed), unchanged, steps, null, null, false, diff.toString(),
                "dry run: " + changed.size() + " file(s) would change, nothing written");
    }

    private static List<String> secretLines(String text) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = SECRET_LINE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Secret values replaced by {@code ********}: every known value, and any {@code *secret*=VALUE} line. */
    static String mask(String text, List<String> secrets) {
        String out = SECRET_LINE.matcher(text).replaceAll("$1********");
        for (String v : secrets) {
            out = out.replace(v, "********");
        }
        return out;
    }

    /** SHA-256, mode and owner of each path (or "absent"), one line per path. */
    private static Map<String, Remote> remoteState(Ssh s, List<String> paths) {
        return parseState(s.runOk("reading the host's files", stateScript(paths)));
    }

    private static String stateScript(List<String> paths) {
        StringBuilder sh = new StringBuilder();
        sh.append("for p in");
        paths.forEach(p -> sh.append(' ').append(q(p)));
        sh.append("; do if [ -f \"$p\" ]; then h=$(sha256sum < \"$p\") || exit 1; "
                + "printf '%s %s %s\\n' \"${h%% *}\" \"$(stat -c '%a %U:%G' \"$p\")\" \"$p\"; "
                + "else printf 'absent - - %s\\n' \"$p\"; fi; done\n");
        return sh.toString();
    }

    private static Map<String, Remote> parseState(String out) {
        Map<String, Remote> m = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] w = line.split(" ", 4);
            if (w.length != 4 || !w[3].startsWith("/")) {
                continue;
            }
            m.put(w[3], w[0].equals("absent") ? Remote.ABSENT
                    : new Remote(w[0], String.format("%04o", Integer.parseInt(w[1], 8)), w[2]));
        }
        return m;
    }

    private static void requireOwnership(Artifact f, Remote r, String when) {
        if (r == null || !f.mode().equals(r.mode()) || !f.owner().equals(r.owner())) {
            throw new DeployException(f.path() + " (" + when + ") has " + (r == null ? "no state" : r.owner() + " "
                    + r.mode()) + " on the host, expected " + f.owner() + " " + f.mode());
        }
    }

    private static void checkPaths(List<Artifact> files) {
        Set<String> seen = new LinkedHashSet<>();
        for (Artifact f : files) {
            if (!SAFE_PATH.matcher(f.path()).matches() || !seen.add(f.path())) {
                throw new IllegalArgumentException("bad or duplicate host path: " + f.path());
            }
        }
    }

    private static List<String> paths(List<Artifact> files) {
        return files.stream().map(Artifact::path).toList();
    }

    static String staged(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".turnkit-new";
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** Single-quoted for sh. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String summary(CheckReport r) {
        List<String> bad = r.results().stream().filter(c -> c.status() != Status.OK)
                .map(c -> c.name() + "/" + c.transport() + " " + c.status() + ": " + c.detail()).toList();
        return bad.isEmpty() ? " (" + r.results().size() + " checks)" : " — " + String.join("; ", bad);
    }

    private void step(String line) {
        progress.accept(line);
    }
}
