package dev.turnkit.cli;

/**
 * The one exit-code policy of every {@code turnkit} command, Nagios-compatible so schedulers and monitoring can
 * read it directly.
 */
public enum ExitCode {
    /** Everything checked is fine; the action succeeded. */
    OK(0),
    /** Degraded but working (e.g. packet loss, a certificate expiring within 14 days). */
    WARNING(1),
    /** A check failed, the remote refused, a policy was violated, a deploy failed. */
    CRITICAL(2),
    /** Bad usage, invalid configuration or credentials, a missing component, an unexpected error. */
    UNKNOWN(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The {@code --help} footer that lists the policy. */
    static final java.util.Map<String, String> HELP_LIST = helpList();

    private static java.util.Map<String, String> helpList() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("0", "OK: everything checked is fine, the action succeeded");
        m.put("1", "WARNING: degraded but working (loss, certificate expiring soon)");
        m.put("2", "CRITICAL: a check failed, the remote refused, a policy was violated");
        m.put("3", "UNKNOWN: bad usage or configuration, missing component, unexpected error");
        return java.util.Collections.unmodifiableMap(m);
    }
}
