package dev.turnkit.deploy;

import java.util.List;

/** Quoting and path helpers for the POSIX sh scripts deploy runs on the host. */
final class Shell {
    private Shell() {
    }

    /** Single-quoted for sh. */
    static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Each argument single-quoted, space-separated. */
    static String q(List<String> args) {
        return String.join(" ", args.stream().map(Shell::q).toList());
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
