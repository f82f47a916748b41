package dev.turnkit.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a change to one host file needs before it takes effect, declared next to the file's template in a
 * FreeMarker comment line {@code <#-- turnkit:on-change STEP; STEP -->} (never guessed from the file name).
 *
 * <p>Steps, run in order by {@code turnkit deploy} once per deploy (duplicates across files are merged):
 * {@code nothing}; {@code daemon-reload}; {@code reload UNIT}; {@code restart UNIT}; {@code try-restart UNIT}
 * (only if running); {@code signal USR2 UNIT} (e.g. coturn re-reads its certificate on SIGUSR2 without dropping
 * allocations); {@code run /ABSOLUTE/PATH [ARG...]}.
 */
public record OnChange(List<Step> steps) {
    /** The marker a template carries on its own comment line. */
    public static final String MARKER = "turnkit:on-change";
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@_.:-]+\\.(service|timer|socket|target|path)");
    private static final Pattern ARG = Pattern.compile("[A-Za-z0-9@_.:/=+-]+");

    /** One step: a verb and its arguments (unit name, signal name, or command line). */
    public record Step(String verb, List<String> args) {
        public Step {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return args.isEmpty() ? verb : verb + " " + String.join(" ", args);
        }
    }

    public OnChange {
        steps = List.copyOf(steps);
    }

    /** A change needs nothing (e.g. a hook only run by certbot on renewal). */
    public static final OnChange NOTHING = new OnChange(List.of());

    /** Parses {@code "daemon-reload; restart coturn.service"}; throws on any unknown verb or malformed argument. */
    public static OnChange parse(String text) {
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(";")) {
            List<String> words = List.of(part.strip().split("\\s+"));
            String verb = words.get(0);
            List<String> args = words.subList(1, words.size());
            boolean ok = switch (verb) {
                case "nothing", "daemon-reload" -> args.isEmpty();
                case "reload", "restart", "try-restart" -> args.size() == 1 && UNIT.matcher(args.get(0)).matches();
                case "signal" -> args.size() == 2 && args.get(0).matches("USR1|USR2|HUP")
                        && UNIT.matcher(args.get(1)).matches();
                case "run" -> !args.isEmpty() && args.get(0).startsWith("/")
                        && args.stream().allMatch(a -> ARG.matcher(a).matches());
                default -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException("bad " + MARKER + " step '" + part.strip() + "' (expected "
                        + "nothing | daemon-reload | reload UNIT | restart UNIT | try-restart UNIT | signal USR2 UNIT"
                        + " | run /PATH [ARG...])");
            }
            if (!verb.equals("nothing")) {
                steps.add(new Step(verb, args));
            }
        }
        return new OnChange(steps);
    }

    /** The declaration in a template's source: the one {@code <#-- turnkit:on-change ... -->} line. */
    static OnChange fromTemplateSource(String name, String source) {
        OnChange found = null;
        for (String line : source.split("\n")) {
            String l = line.strip();
            if (l.startsWith("<#-- " + MARKER + " ") && l.endsWith("-->")) {
                if (found != null) {
                    throw new IllegalArgumentException("templates/" + name + ": more than one " + MARKER + " line");
                }
                found = parse(l.substring(("<#-- " + MARKER + " ").length(), l.length() - 3).strip());
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("templates/" + name + " declares no '<#-- " + MARKER
                    + " ... -->' line: say what a change to it needs (or 'nothing')");
        }
        return found;
    }
}
