package dev.turnkit.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coturn release, e.g. {@code 4.6.1}, as printed by {@code turnserver --version}. Options are rendered only on
 * the versions that have them (design-notes.md §3.1).
 */
public record CoturnVersion(int major, int minor, int patch, int build) implements Comparable<CoturnVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,3}))?");

    /** The version in Debian 12 and Ubuntu 24.04. */
    public static final CoturnVersion DISTRO_DEFAULT = new CoturnVersion(4, 6, 1, 0);
    /** Oldest supported: CVE-2020-26262 fixed, {@code new-log-timestamp} present. */
    public static final CoturnVersion OLDEST_SUPPORTED = new CoturnVersion(4, 5, 2, 0);

    /** Parses {@code 4.6.1} or {@code 4.5.1.0}; returns null when the text is not a version. */
    public static CoturnVersion parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new CoturnVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
    }

    public static CoturnVersion of(String text) {
        CoturnVersion v = parseOrNull(text);
        if (v == null) {
            throw new IllegalArgumentException("not a coturn version: " + text + " (expected e.g. 4.6.1)");
        }
        return v;
    }

    /** Whether this version is {@code other} or newer, e.g. {@code atLeast("4.7.0")}. */
    public boolean atLeast(String other) {
        return compareTo(of(other)) >= 0;
    }

    /** Whether this version is older than {@code other}. */
    public boolean below(String other) {
        return !atLeast(other);
    }

    @Override
    public int compareTo(CoturnVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        return c == 0 ? Integer.compare(build, o.build) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (build == 0 ? "" : "." + build);
    }
}
