package dev.turnkit.deploy;

import static dev.turnkit.deploy.Shell.q;

import dev.turnkit.render.OnChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The {@link OnChange} steps of changed files: merged once per deploy, turned into commands, run on the host. */
final class OnChangeSteps {
    private OnChangeSteps() {
    }

    /** The steps of every changed file, merged: {@code daemon-reload} first, then each step once, in file order. */
    static List<String> merged(List<Artifact> changed) {
        Set<String> steps = new LinkedHashSet<>();
        boolean daemonReload = false;
        for (Artifact f : changed) {
            for (OnChange.Step st : f.onChange().steps()) {
                if (st.verb().equals("daemon-reload")) {
                    daemonReload = true;
                } else {
                    steps.add(st.toString());
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (daemonReload) {
            out.add("daemon-reload");
        }
        out.addAll(steps);
        return out;
    }

    /** The shell command of one step. */
    static String command(String step) {
        OnChange.Step st = OnChange.parse(step).steps().get(0);
        List<String> a = st.args();
        return switch (st.verb()) {
            case "daemon-reload" -> "systemctl daemon-reload";
            case "reload", "restart", "try-restart" -> "systemctl " + st.verb() + " " + q(a.get(0));
            case "signal" -> "systemctl kill --kill-whom=main -s " + a.get(0) + " " + q(a.get(1));
            case "run" -> q(a);
            default -> throw new IllegalArgumentException(step);
        };
    }

    /** Runs the steps in order; the first failure as one line, or null. */
    static String run(Ssh s, List<String> steps, long timeoutSeconds, Consumer<String> progress) {
        for (String st : steps) {
            progress.accept("apply: " + st);
            Ssh.Result r = s.run(command(st), null, timeoutSeconds);
            if (!r.ok()) {
                return "'" + st + "' failed (exit " + r.exit() + "): "
                        + Ssh.lastLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
            }
        }
        return null;
    }
}
