package dev.turnkit.deploy;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckResult;
import dev.turnkit.check.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deploy did.
 *
 * @param status      OK/WARNING: applied and verified; CRITICAL: verification failed and the host was rolled back
 * @param uploaded    paths uploaded (changed or missing on the host)
 * @param unchanged   paths already identical on the host
 * @param steps       on-change steps run (in order), e.g. {@code restart coturn.service}
 * @param check       the check after applying, or null (nothing changed, dry run)
 * @param rollbackCheck the check after rolling back, or null
 * @param repaired    an interrupted earlier deploy was found and rolled back first
 * @param diff        the dry run's unified diff (secrets masked), or null
 * @param message     one line for the user
 */
public record DeployResult(Status status, List<String> uploaded, List<String> unchanged, List<String> steps,
        CheckReport check, CheckReport rollbackCheck, boolean repaired, String diff, String message) {
    public DeployResult {
        uploaded = List.copyOf(uploaded);
        unchanged = List.copyOf(unchanged);
        steps = List.copyOf(steps);
    }

    public boolean rolledBack() {
        return rollbackCheck != null;
    }

    /** A JSON-ready summary (maps, lists, strings, numbers); never a secret. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("message", message);
        m.put("uploaded", uploaded);
        m.put("unchanged", unchanged.size());
        m.put("steps", steps);
        m.put("repairedInterruptedDeploy", repaired);
        m.put("rolledBack", rolledBack());
        m.put("check", report(check));
        m.put("rollbackCheck", report(rollbackCheck));
        if (diff != null) {
            m.put("diff", diff);
        }
        return m;
    }

    static Map<String, Object> report(CheckReport r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        m.put("durationMs", r.duration().toMillis());
        List<Map<String, Object>> results = new ArrayList<>();
        for (CheckResult c : r.results()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", c.name());
            x.put("transport", c.transport());
            x.put("status", c.status().name());
            x.put("detail", c.detail());
            results.add(x);
        }
        m.put("results", results);
        return m;
    }
}
