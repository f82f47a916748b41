package dev.turnkit.model;

/** One line that says why something failed, from an exception and its causes. */
public final class Causes {
    private Causes() {
    }

    /**
     * The messages of {@code e} and each of its causes, joined by {@code ": "}, skipping a message already
     * contained in the line (wrappers often repeat their cause's message); a cause without a message contributes
     * its simple class name.
     */
    public static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString();
    }
}
