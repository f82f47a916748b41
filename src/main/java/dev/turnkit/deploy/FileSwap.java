package dev.turnkit.deploy;

import static dev.turnkit.deploy.Shell.parent;
import static dev.turnkit.deploy.Shell.q;

import dev.turnkit.deploy.RemoteState.Remote;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How files change on the host without ever leaving a mix of versions: staged next to the live file, checked, then
 * swapped in by one hang-up-proof script that first writes a journal and keeps each previous version; restored from
 * those on rollback or by the next deploy when a journal is left behind.
 */
final class FileSwap {
    /** Deploy state on the host: the journal and the previous version of every file deploy replaced. */
    static final String STATE = "/var/lib/turnkit/deploy";
    static final String JOURNAL = STATE + "/journal";
    static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./@+-]+");
    /** Longest a host may take to download a fetched file (a release jar is tens of MB). */
    private static final int FETCH_TIMEOUT_SECONDS = 300;

    private final Ssh s;
    private final Consumer<String> progress;

    FileSwap(Ssh s, Consumer<String> progress) {
        this.s = s;
        this.progress = progress;
    }

    static String staged(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + ".turnkit-new";
    }

    /**
     * Puts each changed file at its staging name (uploaded over SFTP, or downloaded by the host for a pinned
     * release), then sets and checks owner, mode and SHA-256 on the host. A mismatch removes the staged files and
     * fails: nothing is swapped.
     */
    void stage(List<Artifact> changed) {
        StringBuilder dirs = new StringBuilder("set -e\n");
        for (Artifact f : changed) {
            dirs.append("mkdir -p ").append(q(parent(f.path()))).append('\n');
        }
        s.runOk("creating directories", dirs.toString());
        for (Artifact f : changed) {
            if (f.fetch() != null) {
                fetch(f);
            } else {
                progress.accept("uploading " + f.path() + " (" + f.content().length + " bytes"
                        + (f.secret() ? ", secret" : "") + ")");
                s.upload(staged(f.path()), f.content());
            }
        }
        StringBuilder own = new StringBuilder("set -e\n");
        for (Artifact f : changed) {
            own.append("chown ").append(q(f.owner())).append(' ').append(q(staged(f.path()))).append('\n')
                    .append("chmod ").append(f.mode()).append(' ').append(q(staged(f.path()))).append('\n');
        }
        own.append(RemoteState.script(changed.stream().map(f -> staged(f.path())).toList()));
        Map<String, Remote> st = RemoteState.parse(s.runOk("setting owner and mode", own.toString()));
        for (Artifact f : changed) {
            Remote r = st.get(staged(f.path()));
            if (r == null || !f.sha256().equals(r.sha256())) {
                removeStaged(changed);
                String got = r == null ? "missing" : r.sha256();
                throw new DeployException(f.fetch() != null
                        ? f.path() + " downloaded from " + f.fetch().url() + " has sha256 " + got + " on the host, "
                                + "but the stack pins " + f.fetch().sha256() + "; nothing was swapped (fix "
                                + "turnkit:turnkitJarUrl or turnkit:turnkitJarSha256)"
                        : "checksum mismatch for " + f.path() + " on the host after upload (" + got + " != "
                                + f.sha256() + "); nothing was swapped");
            }
            RemoteState.requireOwnership(f, r, "staged");
        }
        progress.accept("staged " + changed.size() + " file(s); SHA-256, owner and mode checked on the host");
    }

    /** The host downloads the file itself (HTTPS only, redirects to HTTPS only, time-limited), 0600 until chmod. */
    private void fetch(Artifact f) {
        progress.accept("host downloads " + f.path() + " from " + f.fetch().url());
        String staged = q(staged(f.path()));
        Ssh.Result r = s.run("umask 077; rm -f " + staged + " && curl -fsSL --proto =https --proto-redir =https "
                + "--connect-timeout 20 --max-time " + FETCH_TIMEOUT_SECONDS + " -o " + staged + " "
                + q(f.fetch().url()), null, FETCH_TIMEOUT_SECONDS + 30);
        if (!r.ok()) {
            s.run("rm -f " + staged, null, 30);
            throw new DeployException("the host could not download " + f.fetch().url() + " (curl exit " + r.exit()
                    + ": " + Ssh.lastLine(r.stderr().isBlank() ? r.stdout() : r.stderr()) + "); nothing was swapped");
        }
    }

    private void removeStaged(List<Artifact> changed) {
        s.run("rm -f " + q(changed.stream().map(f -> staged(f.path())).toList()), null, 30);
    }

    /** Journal, previous versions, atomic renames: one script that ignores hang-ups, so it never stops halfway. */
    void swap(List<Artifact> changed, Map<String, Remote> remote) {
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
        sh.append(RemoteState.script(changed.stream().map(Artifact::path).toList()));
        Map<String, Remote> after = RemoteState.parse(s.runOk("swapping the files in", sh.toString()));
        for (Artifact f : changed) {
            RemoteState.requireOwnership(f, after.get(f.path()), "installed");
        }
        progress.accept("swapped in " + changed.size() + " file(s) atomically; previous versions kept in " + STATE
                + "/prev");
    }

    /** Journal lines: {@code replace PATH} (a previous version exists) or {@code create PATH}. */
    static List<String> journalEntries(List<Artifact> changed, Map<String, Remote> remote) {
        return changed.stream().map(f -> (remote.get(f.path()).exists() ? "replace " : "create ") + f.path())
                .toList();
    }

    /** Puts the previous versions back (atomically per file) and deletes files the deploy created. */
    void restore(List<String> entries) {
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
        progress.accept("restored the previous version of " + entries.size() + " file(s)");
    }

    /** Removes stale staging files of {@code files}; the entries of a journal left by an interrupted deploy. */
    List<String> leftoverJournal(List<Artifact> files) {
        StringBuilder sh = new StringBuilder();
        for (Artifact f : files) {
            sh.append("rm -f ").append(q(staged(f.path()))).append('\n');
        }
        sh.append("if [ -f ").append(q(JOURNAL)).append(" ]; then cat ").append(q(JOURNAL)).append("; fi\n");
        return s.runOk("reading the deploy journal", sh.toString()).lines().filter(l -> !l.isBlank()).toList();
    }

    void removeJournal() {
        s.runOk("removing the deploy journal", "rm -f " + q(JOURNAL));
    }

    /** Sets the declared owner and mode of files whose content is already right. */
    void fixOwnership(List<Artifact> drifted) {
        StringBuilder sh = new StringBuilder("set -e\n");
        for (Artifact f : drifted) {
            sh.append("chown ").append(q(f.owner())).append(' ').append(q(f.path())).append(" && chmod ")
                    .append(f.mode()).append(' ').append(q(f.path())).append('\n');
        }
        List<String> paths = drifted.stream().map(Artifact::path).toList();
        sh.append(RemoteState.script(paths));
        Map<String, Remote> after = RemoteState.parse(s.runOk("fixing owner and mode", sh.toString()));
        for (Artifact f : drifted) {
            RemoteState.requireOwnership(f, after.get(f.path()), "fixed");
        }
        progress.accept("fixed owner/mode of " + paths);
    }
}
