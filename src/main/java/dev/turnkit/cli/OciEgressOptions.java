package dev.turnkit.cli;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckResult;
import dev.turnkit.check.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code turnkit check --oci-egress VNIC}: adds an {@code oci-egress} result, the VNIC's month-to-date outbound
 * bytes projected to the month's end against the 10 TB allowance (WARNING from 80 %, CRITICAL from 95 %).
 */
public final class OciEgressOptions {
    @Option(names = "--oci-egress", paramLabel = "VNIC_OCID",
            description = "Also check this VNIC's outbound bytes this month against the 10 TB OCI allowance "
                    + "(Monitoring, read-only; WARNING 80 %, CRITICAL 95 % projected).")
    String vnic;

    @Option(names = "--oci-compartment", paramLabel = "OCID",
            description = "Compartment of the VNIC for --oci-egress (default: the tenancy of the OCI profile).")
    String compartment;

    @Option(names = "--oci-profile", defaultValue = "DEFAULT", paramLabel = "NAME",
            description = "OCI config profile for --oci-egress (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--oci-config-file", paramLabel = "FILE",
            description = "OCI config file for --oci-egress (default: ~/.oci/config).")
    Path configFile;

    @Option(names = "--oci-ca-file", hidden = true, paramLabel = "PEM")
    Path caFile;

    @Option(names = "--oci-endpoint", hidden = true, paramLabel = "URL")
    String endpoint;

    /** Whether the egress check was asked for. */
    boolean requested() {
        return vnic != null;
    }

    /**
     * Validates the OCI config before any check runs (a bad config is exit 3 with nothing sent), so the later
     * {@link #addTo} can only fail on the request itself.
     */
    void validate() {
        if (requested()) {
            OciRunner.open(configFile, profile, caFile, endpoint).close();
        }
    }

    /** {@code report} plus the egress result (UNKNOWN when Monitoring could not be read). */
    CheckReport addTo(CheckReport report) {
        if (!requested()) {
            return report;
        }
        long start = System.nanoTime();
        Status status;
        String detail;
        try (dev.turnkit.oci.OciSession session = OciRunner.open(configFile, profile, caFile, endpoint)) {
            dev.turnkit.oci.Egress.Report egress = dev.turnkit.oci.Egress.read(session,
                    compartment == null ? session.profile().tenancy() : compartment, vnic, Clock.systemUTC());
            status = switch (egress.level()) {
                case OK -> Status.OK;
                case WARNING -> Status.WARNING;
                case CRITICAL -> Status.CRITICAL;
            };
            detail = egress.describe();
        } catch (dev.turnkit.oci.OciRequestException e) {
            status = Status.UNKNOWN;
            detail = e.getMessage();
        }
        List<CheckResult> results = new ArrayList<>(report.results());
        results.add(new CheckResult("oci-egress", "https", status, Duration.ofNanos(System.nanoTime() - start),
                detail));
        return new CheckReport(report.status().worse(status), report.duration()
                .plus(Duration.ofNanos(System.nanoTime() - start)), results);
    }
}
