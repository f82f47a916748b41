package dev.turnkit.deploy;

import dev.turnkit.check.Status;
import dev.turnkit.deploy.RemoteState.Remote;
import dev.turnkit.model.UnifiedDiff;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --dry-run}: a unified diff of what a deploy would change, secrets masked; nothing is written. */
final class DryRun {
    private static final Pattern SECRET_LINE = Pattern.compile(
            "(?m)^(\\s*[A-Za-z0-9_-]*secret[A-Za-z0-9_-]*\\s*=\\s*).+$");

    private DryRun() {
    }

    static DeployResult of(Ssh s, List<Artifact> changed, List<Artifact> drifted, Map<String, Remote> remote,
            List<String> unchanged, List<Artifact> all) {
        List<String> secrets = all.stream().filter(Artifact::secretOnly).filter(Artifact::secret)
                .map(f -> new String(f.content(), StandardCharsets.UTF_8).strip()).filter(v -> !v.isEmpty())
                .toList();
        StringBuilder diff = new StringBuilder();
        for (Artifact f : changed) {
            Remote r = remote.get(f.path());
            if (f.secretOnly()) {
                diff.append(f.secret() ? "secret " + f.path() + (r.exists() ? " changes" : " is created")
                        + " (value not shown)\n" : "binary " + f.path() + " changes (sha256 " + f.sha256() + ")\n");
                continue;
            }
            String before = r.exists() ? new String(s.read(f.path()), StandardCharsets.UTF_8) : "";
            String after = new String(f.content(), StandardCharsets.UTF_8);
            boolean secretsChange = f.secret() && !secretLines(before).equals(secretLines(after));
            if (f.secret()) {
                before = mask(before, secrets);
                after = mask(after, secrets);
            }
            diff.append(UnifiedDiff.of(r.exists() ? "host" + f.path() : "/dev/null", before, "new" + f.path(),
                    after));
            if (secretsChange) {
                diff.append("secret value(s) in ").append(f.path()).append(" change (not shown)\n");
            }
        }
        for (Artifact f : drifted) {
            Remote r = remote.get(f.path());
            diff.append("owner/mode " + f.path() + ": " + r.owner() + " " + r.mode() + " -> " + f.owner() + " "
                    + f.mode() + "\n");
        }
        List<String> steps = OnChangeSteps.merged(changed);
        List<String> paths = changed.stream().map(Artifact::path).toList();
        return new DeployResult(Status.OK, paths, unchanged, steps, null, null, false, diff.toString(),
                "dry run: " + changed.size() + " file(s) would change, nothing written");
    }

    private static List<String> secretLines(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SECRET_LINE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Secret values replaced by {@code ********}: every known value, and any {@code *secret*=VALUE} line. */
    static String mask(String text, List<String> secrets) {
        String out = SECRET_LINE.matcher(text).replaceAll("$1********");
        for (String v : secrets) {
            out = out.replace(v, "********");
        }
        return out;
    }
}
