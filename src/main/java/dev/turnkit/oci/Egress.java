package dev.turnkit.oci;

import com.oracle.bmc.monitoring.model.AggregatedDatapoint;
import com.oracle.bmc.monitoring.model.MetricData;
import com.oracle.bmc.monitoring.model.SummarizeMetricsDataDetails;
import com.oracle.bmc.monitoring.requests.SummarizeMetricsDataRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

/**
 * The month-to-date outbound bytes of a VNIC from the Monitoring service (namespace {@code oci_vcn}, metric
 * {@code VnicToNetworkBytes}: bytes the VNIC sent to the network), projected to the end of the month and compared
 * with the Always Free outbound allowance. Months are calendar months in UTC, as OCI bills them.
 */
public final class Egress {
    /** The Always Free outbound data transfer allowance per month: 10 TB (decimal, the smaller reading). */
    public static final long ALLOWANCE_BYTES = dev.turnkit.model.EgressBudget.ALWAYS_FREE_ALLOWANCE_GB
            * 1_000_000_000L;
    /** WARNING from this share of the allowance (projected). */
    public static final double WARNING_PERCENT = 80;
    /** CRITICAL from this share of the allowance (projected). */
    public static final double CRITICAL_PERCENT = 95;

    private Egress() {
    }

    /** The verdict, Nagios-style. */
    public enum Level {
        OK, WARNING, CRITICAL
    }

    /**
     * The egress of one VNIC this month.
     *
     * @param vnicId           the VNIC
     * @param monthToDateBytes bytes sent since the first of the month, 00:00 UTC
     * @param projectedBytes   month-to-date scaled to the whole month at the same average rate
     * @param allowanceBytes   the allowance compared with
     * @param monthStart       first instant of the month
     * @param now              when it was read
     */
    public record Report(String vnicId, long monthToDateBytes, long projectedBytes, long allowanceBytes,
            Instant monthStart, Instant now) {
        public double projectedPercent() {
            return 100.0 * projectedBytes / allowanceBytes;
        }

        public Level level() {
            double p = projectedPercent();
            return p >= CRITICAL_PERCENT ? Level.CRITICAL : p >= WARNING_PERCENT ? Level.WARNING : Level.OK;
        }

        /** One line for the check table. */
        public String describe() {
            String line = String.format(java.util.Locale.ROOT, "%s sent %.2f TB this month; projected %.2f TB = "
                    + "%.0f %% of the %.0f TB allowance", vnicId, monthToDateBytes / 1e12, projectedBytes / 1e12,
                    projectedPercent(), allowanceBytes / 1e12);
            return switch (level()) {
                case OK -> line;
                case WARNING -> line + " (>= 80 %): lower turnkit:bpsCapacity or the concurrency before the month ends";
                case CRITICAL -> line + " (>= 95 %): the allowance runs out this month — cap coturn now "
                        + "(bps-capacity) or accept paid egress";
            };
        }
    }

    /** The Monitoring query for the VNIC's outbound bytes, summed per day. */
    static String query(String vnicId) {
        if (!vnicId.matches("ocid1\\.vnic\\.[a-z0-9._-]+")) {
            throw new OciConfigException("VNIC id '" + vnicId + "' is not a VNIC OCID (ocid1.vnic.…) — find it with "
                    + "'oci compute instance list-vnics --instance-id <instance OCID>'");
        }
        return "VnicToNetworkBytes[1d]{resourceId = \"" + vnicId + "\"}.sum()";
    }

    /** Reads the VNIC's month-to-date egress; {@code compartmentId} is the VNIC's compartment. */
    public static Report read(OciSession session, String compartmentId, String vnicId, Clock clock) {
        String query = query(vnicId);
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        SummarizeMetricsDataDetails details = SummarizeMetricsDataDetails.builder().namespace("oci_vcn")
                .query(query).startTime(Date.from(start)).endTime(Date.from(now)).resolution("1d").build();
        List<MetricData> data = session.backoff().call("Monitoring SummarizeMetricsData", () -> session.monitoring()
                .summarizeMetricsData(SummarizeMetricsDataRequest.builder().compartmentId(compartmentId)
                        .summarizeMetricsDataDetails(details).build()).getItems());
        double sum = 0;
        for (MetricData d : data) {
            for (AggregatedDatapoint p : d.getAggregatedDatapoints() == null ? List.<AggregatedDatapoint>of()
                    : d.getAggregatedDatapoints()) {
                sum += p.getValue() == null ? 0 : p.getValue();
            }
        }
        long mtd = (long) sum;
        return new Report(vnicId, mtd, project(mtd, start, now, month), ALLOWANCE_BYTES, start, now);
    }

    /** Month-to-date scaled to the whole month; at least the month-to-date figure. */
    static long project(long monthToDate, Instant start, Instant now, YearMonth month) {
        long elapsed = Math.max(Duration.between(start, now).getSeconds(), 3600); // first hour: no wild projection
        long total = month.lengthOfMonth() * 86_400L;
        return Math.max(monthToDate, (long) ((double) monthToDate * total / elapsed));
    }
}
