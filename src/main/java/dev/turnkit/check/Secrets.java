package dev.turnkit.check;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks secrets in text that leaves the process (alerts, log lines): every known secret value becomes {@code ***}.
 * Check details never contain secrets by design; this is the second line of defence for text sent to a third party.
 */
public final class Secrets {
    /** Shorter values are not masked: they would mask ordinary words and digits. */
    private static final int MIN_LENGTH = 6;
    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /** Masks {@code values} (nulls and values shorter than 6 characters are ignored), longest first. */
    public static Secrets of(Collection<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v != null && v.strip().length() >= MIN_LENGTH) {
                kept.add(v.strip());
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(kept));
    }

    public static Secrets none() {
        return new Secrets(List.of());
    }

    public String mask(String text) {
        String out = text;
        for (String v : values) {
            out = out.replace(v, "***");
        }
        return out;
    }

    /**
     * A webhook URL fit for a log line: scheme, host and port only. Slack, Discord and most chat webhooks carry
     * their token in the path or query.
     */
    public static String maskUrl(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/***";
    }
}
