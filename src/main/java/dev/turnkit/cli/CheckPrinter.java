package dev.turnkit.cli;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a {@link CheckReport}: an aligned table for people, or one JSON document for machines:
 * {@code {"status": "OK", "durationMs": 42, "checks": [{"name", "transport", "status", "durationMs", "detail"}]}}.
 */
final class CheckPrinter {
    private final PrintWriter out;

    CheckPrinter(PrintWriter out) {
        this.out = out;
    }

    void table(String server, CheckReport report) {
        int nameWidth = "CHECK".length();
        for (CheckResult r : report.results()) {
            nameWidth = Math.max(nameWidth, r.name().length());
        }
        String format = "%-8s  %-" + nameWidth + "s  %-9s  %7s  %s%n";
        out.printf(format, "STATUS", "CHECK", "TRANSPORT", "TIME", "DETAIL");
        for (CheckResult r : report.results()) {
            out.printf(format, r.status(), r.name(), r.transport(), r.duration().toMillis() + " ms", r.detail());
        }
        out.printf("%s: %s (%d checks in %d ms)%n", server, report.status(), report.results().size(),
                report.duration().toMillis());
        out.flush();
    }

    void json(CheckReport report) {
        Map<String, Object> doc = document(report);
        try {
            out.println(dev.turnkit.model.Json.MAPPER.writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** The JSON document of a report, as a map (also embedded in {@code turnkit local up --json}). */
    static Map<String, Object> document(CheckReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", report.status().name());
        doc.put("durationMs", report.duration().toMillis());
        doc.put("checks", report.results().stream().map(CheckPrinter::jsonResult).toList());
        return doc;
    }

    private static Map<String, Object> jsonResult(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("transport", r.transport());
        m.put("status", r.status().name());
        m.put("durationMs", r.duration().toMillis());
        m.put("detail", r.detail());
        return m;
    }
}
