package dev.turnkit.deploy;

import static dev.turnkit.deploy.Shell.q;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SHA-256, mode and owner of files on the host, read with one remote command. */
final class RemoteState {
    private RemoteState() {
    }

    /** The state of one path on the host. */
    record Remote(String sha256, String mode, String owner) {
        static final Remote ABSENT = new Remote(null, null, null);

        boolean exists() {
            return sha256 != null;
        }
    }

    /** The state of each path (or {@link Remote#ABSENT}). */
    static Map<String, Remote> read(Ssh s, List<String> paths) {
        return parse(s.runOk("reading the host's files", script(paths)));
    }

    /** A script that prints {@code SHA256 MODE OWNER:GROUP PATH} (or {@code absent - - PATH}) per path. */
    static String script(List<String> paths) {
        StringBuilder sh = new StringBuilder();
        sh.append("for p in");
        paths.forEach(p -> sh.append(' ').append(q(p)));
        sh.append("; do if [ -f \"$p\" ]; then h=$(sha256sum < \"$p\") || exit 1; "
                + "printf '%s %s %s\\n' \"${h%% *}\" \"$(stat -c '%a %U:%G' \"$p\")\" \"$p\"; "
                + "else printf 'absent - - %s\\n' \"$p\"; fi; done\n");
        return sh.toString();
    }

    /** Parses the output of {@link #script}; other lines are ignored. */
    static Map<String, Remote> parse(String out) {
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

    /** Fails unless the host's owner and mode of {@code f} are the declared ones. */
    static void requireOwnership(Artifact f, Remote r, String when) {
        if (r == null || !f.mode().equals(r.mode()) || !f.owner().equals(r.owner())) {
            throw new DeployException(f.path() + " (" + when + ") has " + (r == null ? "no state" : r.owner() + " "
                    + r.mode()) + " on the host, expected " + f.owner() + " " + f.mode());
        }
    }
}
