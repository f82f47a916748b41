package dev.turnkit.model;

/**
 * The coturn quota preset that keeps a month's relayed traffic under an outbound allowance (OCI Always Free:
 * 10 TB a month). coturn's {@code bps-capacity} caps the bytes per second of all sessions together, input and output
 * counted separately, so sending at most {@code bps-capacity} for the longest month (31 days) stays under the
 * allowance; 5 % is left for what is not relayed (credentials endpoint, certificates, packages, SSH).
 * {@code max-bps} shares it among the planned concurrent sessions, {@code total-quota} admits that many
 * allocations and {@code user-quota} never exceeds it. docs/oci.md works an example.
 *
 * @param allowanceBytes the monthly outbound allowance in bytes
 * @param sessions       concurrent relayed sessions (allocations) planned for
 * @param bpsCapacity    bytes per second for all sessions
 * @param maxBps         bytes per second per session
 * @param totalQuota     concurrent allocations in total
 */
public record EgressBudget(long allowanceBytes, int sessions, long bpsCapacity, long maxBps, int totalQuota) {
    /** The OCI Always Free outbound allowance in GB (decimal) per month. */
    public static final int ALWAYS_FREE_ALLOWANCE_GB = 10_000;
    /** The longest month, in seconds. */
    public static final long MONTH_SECONDS = 31L * 86_400;
    /** Share of the allowance kept for traffic coturn does not relay. */
    public static final double HEADROOM = 0.05;

    /** The preset for {@code allowanceGb} GB a month and {@code sessions} concurrent sessions. */
    public static EgressBudget of(int allowanceGb, int sessions) {
        if (allowanceGb < 1 || sessions < 1) {
            throw new IllegalArgumentException("allowance and sessions must be positive");
        }
        long allowance = allowanceGb * 1_000_000_000L;
        long capacity = (long) Math.floor(allowance * (1 - HEADROOM) / MONTH_SECONDS);
        return new EgressBudget(allowance, sessions, capacity, capacity / sessions, sessions);
    }

    /** The most a month can send at {@link #bpsCapacity}: {@code bpsCapacity × 31 days}. */
    public long worstMonthBytes() {
        return bpsCapacity * MONTH_SECONDS;
    }
}
