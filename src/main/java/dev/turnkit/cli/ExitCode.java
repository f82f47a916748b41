package dev.turnkit.cli;

import dev.turnkit.check.Status;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exit-code policy of every {@code turnkit} command, Nagios-compatible so schedulers and monitoring can
 * read it directly. A health verdict ({@link Status}) becomes an exit code only through {@link #of(Status)}.
 */
public enum ExitCode {
    /** Everything checked is fine; the action succeeded. */
    OK(0, "everything checked is fine, the action succeeded"),
    /** Degraded but working (e.g. packet loss, a certificate expiring within 14 days). */
    WARNING(1, "degraded but working (loss, certificate expiring soon)"),
    /** A check failed, the remote refused, a policy was violated, a deploy failed. */
    CRITICAL(2, "a check failed, the remote refused, a policy was violated"),
    /** Bad usage, invalid configuration or credentials, a missing component, an unexpected error. */
    UNKNOWN(3, "bad usage or configuration, missing component, unexpected error");

    private final int code;
    private final String help;

    ExitCode(int code, String help) {
        this.code = code;
        this.help = help;
    }

    public int code() {
        return code;
    }

    /** The exit code of a check verdict: the Nagios plugin convention, one to one. */
    public static ExitCode of(Status status) {
        return switch (status) {
            case OK -> OK;
            case WARNING -> WARNING;
            case CRITICAL -> CRITICAL;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** The {@code --help} footer that lists the policy. */
    static final Map<String, String> HELP_LIST = helpList();

    private static Map<String, String> helpList() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ExitCode e : values()) {
            m.put(Integer.toString(e.code), e.name() + ": " + e.help);
        }
        return Collections.unmodifiableMap(m);
    }
}
