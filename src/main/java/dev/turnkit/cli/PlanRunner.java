package dev.turnkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.turnkit.infra.FreeTierLimits;
import dev.turnkit.infra.NsgRule;
import dev.turnkit.infra.Plan;
import dev.turnkit.model.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs and prints {@code turnkit plan}; kept apart from {@link PlanCommand} so Pulumi loads only when it runs. */
final class PlanRunner {
    /** Inputs left out of the table (the JSON has everything). */
    private static final Set<String> QUIET_INPUTS = Set.of("compartmentId", "freeformTags");

    private PlanRunner() {
    }

    static int run(Path stacksDir, String stack, Path projectDir, String releaseBase, boolean json, PrintWriter out,
            java.util.function.Function<dev.turnkit.model.StackConfig, FreeTierLimits.Allowance> allowance) {
        Plan.Report report = Plan.ofStack(StackFiles.load(stacksDir, stack), allowance, projectDir, releaseBase);
        if (json) {
            out.println(json(report));
        } else {
            printTable(report, out);
        }
        out.flush();
        if (report.violatesPolicy()) {
            List<String> reasons = report.freeTier().allowed() ? report.policy()
                    : report.freeTier().violations().stream().map(FreeTierLimits.Violation::message).toList();
            throw new CommandFailedException(ExitCode.CRITICAL, "plan refused: " + String.join("; ", reasons));
        }
        return ExitCode.OK.code();
    }

    /** The report as one JSON document; every object's keys sorted so the output is stable. */
    static String json(Plan.Report r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("stack", r.stack());
        doc.put("verdict", r.violatesPolicy() ? "policy-violation" : "ok");
        Map<String, Object> freeTier = new LinkedHashMap<>();
        freeTier.put("verdict", r.freeTier().summary());
        freeTier.put("allowPaid", r.freeTier().allowPaid());
        freeTier.put("violations", r.freeTier().violations().stream().map(v -> Map.of("key", v.key(),
                "limit", v.limit(), "message", v.message())).toList());
        freeTier.put("limits", FreeTierLimits.table());
        doc.put("freeTier", freeTier);
        doc.put("policy", r.policy());
        doc.put("firewall", r.firewall().stream().map(PlanRunner::ruleJson).toList());
        doc.put("resources", r.resources().stream().map(x -> Map.of("type", x.type(), "name", x.name(),
                "inputs", x.inputs())).toList());
        doc.put("outputs", r.outputs());
        if (r.firebase() != null) {
            doc.put("firebase", Map.of("verdict", r.firebase().verdict(), "billingOptions",
                    r.firebase().billingOptions(), "notes", r.firebase().notes()));
        }
        doc.put("notes", r.notes());
        try {
            return Json.pretty().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> ruleJson(NsgRule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", rule.key());
        m.put("direction", rule.direction().name().toLowerCase(java.util.Locale.ROOT));
        m.put("protocol", rule.protocol().name().toLowerCase(java.util.Locale.ROOT));
        m.put("ports", rule.portsText());
        m.put("cidr", rule.cidr());
        m.put("stateless", rule.stateless());
        m.put("why", rule.why());
        return m;
    }

    private static void printTable(Plan.Report r, PrintWriter out) {
        out.println("Stack " + r.stack() + " (offline plan under Pulumi mocks: no engine, no cloud calls)");
        out.println();
        out.println("Resources (" + r.resources().size() + "):");
        for (Plan.Resource x : r.resources()) {
            out.println("  " + x.type() + "  " + x.name());
            String inputs = x.inputs().entrySet().stream().filter(e -> !QUIET_INPUTS.contains(e.getKey()))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            if (!inputs.isEmpty()) {
                out.println("      " + inputs);
            }
        }
        out.println();
        out.println("Cloud firewall (network security group, one rule per key):");
        out.printf("  %-22s %-8s %-6s %-14s %-18s %-9s %s%n", "KEY", "DIR", "PROTO", "PORTS", "PEER", "STATELESS",
                "WHY");
        for (NsgRule rule : r.firewall()) {
            out.printf("  %-22s %-8s %-6s %-14s %-18s %-9s %s%n", rule.key(),
                    rule.direction().name().toLowerCase(java.util.Locale.ROOT),
                    rule.protocol().name().toLowerCase(java.util.Locale.ROOT), rule.portsText(), rule.cidr(),
                    rule.stateless() ? "yes" : "no", rule.why());
        }
        for (String p : r.policy()) {
            out.println("  POLICY VIOLATION: " + p);
        }
        out.println();
        out.println("Free tier: " + r.freeTier().summary());
        for (FreeTierLimits.Violation v : r.freeTier().violations()) {
            out.println("  - " + v.message());
        }
        if (r.firebase() != null) {
            out.println("Firebase: " + r.firebase().verdict());
            for (String b : r.firebase().billingOptions()) {
                out.println("  - billing-only: " + b);
            }
            r.firebase().notes().forEach(n -> out.println("  - " + n));
        }
        if (!r.outputs().isEmpty()) {
            out.println();
            out.println("Outputs:");
            r.outputs().forEach((k, v) -> out.println("  " + k + " = " + v));
        }
        out.println();
        out.println("Notes:");
        r.notes().forEach(n -> out.println("  - " + n));
    }
}
