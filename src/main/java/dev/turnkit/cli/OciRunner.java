package dev.turnkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnkit.infra.FreeTierLimits;
import dev.turnkit.model.StackConfig;
import dev.turnkit.oci.Backoff;
import dev.turnkit.oci.CapacityPlanner;
import dev.turnkit.oci.Doctor;
import dev.turnkit.oci.LiveLimits;
import dev.turnkit.oci.OciProfile;
import dev.turnkit.oci.OciRequestException;
import dev.turnkit.oci.OciSession;
import dev.turnkit.oci.OciTls;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the {@code oci} commands and feeds live OCI figures to {@code plan} and {@code check}. Kept apart from the
 * command classes so the OCI SDK loads only when one of them runs.
 */
final class OciRunner {
    private OciRunner() {
    }

    /** Validates the config (no request yet) and opens a session. */
    static OciSession open(Path configFile, String profile, Path caFile, String endpoint) {
        OciProfile p = OciProfile.load(configFile == null ? OciProfile.defaultConfigFile() : configFile, profile);
        return new OciSession(p, endpoint, caFile == null ? null : OciTls.trusting(caFile), Backoff.DEFAULT);
    }

    private static OciSession open(OciOptions o) {
        return open(o.configFile, o.profile, o.caFile, o.endpoint);
    }

    static int doctor(OciOptions options, Path stacksDir, String stack, boolean json, PrintWriter out) {
        StackConfig config = stack == null ? null : StackConfig.load(stacksDir, stack);
        Doctor.Report report;
        try (OciSession session = open(options)) {
            report = Doctor.run(session, config);
        } catch (OciRequestException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage(), e);
        }
        if (json) {
            out.println(json(doctorJson(report)));
        } else {
            printDoctor(report, out);
        }
        out.flush();
        if (!report.problems().isEmpty()) {
            throw new CommandFailedException(ExitCode.CRITICAL, "oci doctor: " + report.verdict() + ": "
                    + String.join("; ", report.problems()));
        }
        boolean unknown = report.limits() != null && report.limits().usages().stream().anyMatch(u -> !u.known());
        return unknown ? ExitCode.WARNING.code() : ExitCode.OK.code();
    }

    private static void printDoctor(Doctor.Report r, PrintWriter out) {
        Doctor.Identity id = r.identity();
        out.println("User:    " + id.userName());
        out.println("Tenancy: " + id.tenancyName());
        out.println("Region:  " + id.region() + (id.inHomeRegion() ? " (home region)"
                : " — NOT the home region " + id.homeRegion()));
        if (r.limits() != null) {
            out.println("Live limits (" + r.limits().availabilityDomain() + " for AD-scoped ones):");
            for (LiveLimits.Usage u : r.limits().usages()) {
                out.println("  " + (u.fits() ? (u.known() ? "ok      " : "unknown ") : "SHORT   ") + u.describe());
            }
        }
        out.println("Verdict: " + r.verdict());
    }

    private static Map<String, Object> doctorJson(Doctor.Report r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("verdict", r.verdict());
        doc.put("user", r.identity().userName());
        doc.put("tenancy", r.identity().tenancyName());
        doc.put("region", r.identity().region());
        doc.put("homeRegion", r.identity().homeRegion());
        doc.put("inHomeRegion", r.identity().inHomeRegion());
        if (r.limits() != null) {
            List<Map<String, Object>> limits = new ArrayList<>();
            for (LiveLimits.Usage u : r.limits().usages()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("label", u.need().label());
                m.put("service", u.need().service());
                m.put("limit", u.need().limitName());
                m.put("needed", u.need().needed());
                m.put("used", u.used());
                m.put("available", u.available());
                m.put("fits", u.fits());
                limits.add(m);
            }
            doc.put("limits", limits);
        }
        doc.put("problems", r.problems());
        return doc;
    }

    static int capacity(OciOptions options, Path stacksDir, String stack, boolean json, PrintWriter out) {
        StackConfig config = StackConfig.load(stacksDir, stack);
        CapacityPlanner.Report report;
        try (OciSession session = open(options)) {
            report = CapacityPlanner.run(session, config);
        } catch (OciRequestException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage(), e);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("shape", report.shape());
            doc.put("ocpus", report.ocpus());
            doc.put("memoryGb", report.memoryGb());
            doc.put("availabilityDomains", report.ads().stream().map(a -> Map.of("name", a.availabilityDomain(),
                    "status", a.status(), "availableCount", a.availableCount())).toList());
            doc.put("suggestedOrder", report.suggestedOrder());
            out.println(json(doc));
        } else {
            out.println("Capacity for " + report.shape() + (report.ocpus() > 0 ? " (" + report.ocpus() + " OCPUs, "
                    + report.memoryGb() + " GB)" : "") + ":");
            for (CapacityPlanner.AdCapacity a : report.ads()) {
                out.printf("  %-32s %-24s %d%n", a.availabilityDomain(), a.status(), a.availableCount());
            }
            out.println("Suggested turnkit:availabilityDomains order: " + report.suggestedOrder());
            for (int i = 0; i < report.suggestedOrder().size(); i++) {
                out.println("  pulumi config set --path 'turnkit:availabilityDomains[" + i + "]' "
                        + report.suggestedOrder().get(i));
            }
        }
        out.flush();
        if (!report.anyAvailable()) {
            throw new CommandFailedException(ExitCode.CRITICAL, "no availability domain has capacity for "
                    + report.shape() + " now: try again later (hours, not seconds), or a smaller size or "
                    + "VM.Standard.E2.1.Micro");
        }
        return ExitCode.OK.code();
    }

    /**
     * The allowance {@code turnkit plan} checks a stack against: the tenancy's live limits when the OCI config
     * file exists, otherwise the built-in figures.
     */
    static Function<StackConfig, FreeTierLimits.Allowance> planAllowance(Path configFile, String profile,
            Path caFile, String endpoint) {
        Path file = configFile == null ? OciProfile.defaultConfigFile() : configFile;
        if (!OciProfile.present(file)) {
            return config -> new FreeTierLimits.Allowance(FreeTierLimits.Allowance.ALWAYS_FREE.source()
                    + ": no OCI config at " + file, false, FreeTierLimits.A1_MAX_OCPUS,
                    FreeTierLimits.A1_MAX_MEMORY_GB, FreeTierLimits.MICRO_MAX_INSTANCES,
                    FreeTierLimits.BLOCK_STORAGE_MAX_GB);
        }
        return config -> {
            try (OciSession session = open(file, profile, caFile, endpoint)) {
                LiveLimits.Report live = LiveLimits.read(session, config);
                return new FreeTierLimits.Allowance("live limits of tenancy " + session.profile().tenancy()
                        + " in " + session.profile().region() + " (profile " + profile + " of " + file + ")", true,
                        available(live, "standard-a1-core-regional-count", FreeTierLimits.A1_MAX_OCPUS),
                        available(live, "standard-a1-memory-regional-count", FreeTierLimits.A1_MAX_MEMORY_GB),
                        available(live, "vm-standard-e2-1-micro-count", FreeTierLimits.MICRO_MAX_INSTANCES),
                        available(live, "total-free-storage-gb-regional", FreeTierLimits.BLOCK_STORAGE_MAX_GB));
            } catch (OciRequestException e) {
                throw new CommandFailedException(ExitCode.UNKNOWN, "plan: reading the live limits failed — "
                        + e.getMessage() + " (or pass --offline-limits to use the built-in figures)", e);
            }
        };
    }

    /** The live figure, or the built-in one when the service has none for this limit. */
    private static int available(LiveLimits.Report live, String limitName, int fallback) {
        LiveLimits.Usage u = live.usage(limitName);
        return u == null || !u.known() ? fallback : (int) Math.min(Integer.MAX_VALUE, u.available());
    }

    static String json(Object doc) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
