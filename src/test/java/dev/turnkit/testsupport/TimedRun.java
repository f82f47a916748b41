package dev.turnkit.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run to completion whose output lines are stamped with the wall clock ({@code System.currentTimeMillis})
 * as they arrive, so a test can order them against events it observes itself. stdout and stderr are merged; the
 * command is killed (with its descendants) after the timeout.
 */
public final class TimedRun {
    /** One output line and when the test read it. */
    public record Line(long millis, String text) {
    }

    private final int exitCode;
    private final List<Line> lines;

    private TimedRun(int exitCode, List<Line> lines) {
        this.exitCode = exitCode;
        this.lines = lines;
    }

    public static TimedRun run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            List<Line> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        lines.add(new Line(System.currentTimeMillis(), l));
                    }
                } catch (IOException e) {
                    // the process was killed: keep what was read
                }
            }, "timed-run-reader");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                reader.join(5_000);
                throw new AssertionError("timed out after " + timeout + ": " + command + "\n" + text(lines));
            }
            reader.join(10_000);
            return new TimedRun(p.exitValue(), List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    public int exitCode() {
        return exitCode;
    }

    public String output() {
        return text(lines);
    }

    /** When the first line containing {@code text} arrived; fails when no line does. */
    public long timeOf(String text) {
        return lines.stream().filter(l -> l.text().contains(text)).mapToLong(Line::millis).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + text + "' in:\n" + output()));
    }

    /** Every line with its time, for failure messages. */
    public String timeline() {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.millis()).append(' ').append(l.text()).append('\n'));
        return sb.toString();
    }

    private static String text(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        synchronized (lines) {
            lines.forEach(l -> sb.append(l.text()).append('\n'));
        }
        return sb.toString();
    }
}
