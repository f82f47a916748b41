package dev.turnkit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw {@code turnkit:} values of one stack, read through the {@link StackKeys} table: each key is parsed
 * once, on first {@link #get}, and every problem is collected as {@code turnkit:<key>: <message>}.
 */
final class StackValues {
    private static final String PREFIX = StackConfig.NAMESPACE + ":";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> raw = new LinkedHashMap<>();
    private final Map<String, Object> parsed = new HashMap<>();
    private final List<String> problems;

    /**
     * Keeps the {@code turnkit:} keys of {@code config} (with or without the prefix; other namespaces are
     * skipped) and reports each unknown one.
     */
    StackValues(Map<String, ?> config, List<String> problems) {
        this.problems = problems;
        for (Map.Entry<String, ?> e : config.entrySet()) {
            String key = e.getKey();
            String bare;
            if (key.startsWith(PREFIX)) {
                bare = key.substring(PREFIX.length());
            } else if (key.contains(":")) {
                continue; // another namespace (oci:region, gcp:project, ...)
            } else {
                bare = key;
            }
            if (StackKeys.byName(bare) == null) {
                problems.add(PREFIX + bare + ": unknown key — allowed keys are listed in docs/stack-config.md ("
                        + String.join(", ", StackConfig.KEYS) + ")");
                continue;
            }
            raw.put(bare, e.getValue());
        }
    }

    /** Reports a problem about {@code key}. */
    void problem(StackKey<?> key, String message) {
        problems.add(key.qualifiedName() + ": " + message);
    }

    /** True when the stack sets {@code key} to something other than blank. */
    boolean present(StackKey<?> key) {
        Object v = raw.get(key.name());
        return v != null && !(v instanceof String s && s.isBlank());
    }

    /** True when the stack sets {@code key} to an encrypted ({@code secure:}) value. */
    boolean isSecure(StackKey<?> key) {
        return isSecure(raw.get(key.name()));
    }

    /** True when the stack sets {@code key} at all (even to null or blank). */
    boolean isSet(StackKey<?> key) {
        return raw.get(key.name()) != null;
    }

    /**
     * The parsed value: the stack's, else the key's default; a list key reads as an empty list when unset. A bad
     * value is reported and reads as absent (integers and booleans: as their default, so that later checks still
     * have a number to work with).
     */
    @SuppressWarnings("unchecked")
    <T> T get(StackKey<T> key) {
        if (parsed.containsKey(key.name())) {
            return (T) parsed.get(key.name());
        }
        T value = read(key);
        parsed.put(key.name(), value);
        return value;
    }

    @SuppressWarnings("unchecked")
    private <T> T read(StackKey<T> key) {
        Object v = raw.get(key.name());
        int before = problems.size();
        StackKey.Problems sink = message -> problem(key, message);
        if (key.type() == StackKey.Type.ARRAY) {
            List<String> items = list(key, v);
            if (items.isEmpty()) {
                if (key.required() && !raw.containsKey(key.name())) {
                    problem(key, "missing — " + key.requiredHint());
                } else if (key.emptyHint() != null && problems.size() == before) {
                    problem(key, "empty — " + key.emptyHint());
                }
                return (T) List.of();
            }
            return key.parse(items, sink);
        }
        String text = string(key, v);
        if (text == null) {
            if (key.required() && !isSecure(v)) {
                problem(key, "missing — " + key.requiredHint());
            }
            return key.defaultValue();
        }
        T value = key.parse(text, sink);
        if (value == null && (key.type() == StackKey.Type.INTEGER || key.type() == StackKey.Type.BOOLEAN)) {
            return key.defaultValue();
        }
        return value;
    }

    private static boolean isSecure(Object v) {
        return v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secure");
    }

    /** A plain string value; secure values of non-secret keys are a problem (turnkit never decodes them). */
    private String string(StackKey<?> key, Object v) {
        if (v == null) {
            return null;
        }
        if (isSecure(v)) {
            problem(key, "encrypted (secure:) value — this key is not a secret; set it with "
                    + "'pulumi config set " + key.qualifiedName() + " VALUE' (without --secret)");
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            problem(key, v + " — expected a single value");
            return null;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    /** A list: a YAML sequence, or (from the Pulumi program) a JSON array string or comma-separated string. */
    private List<String> list(StackKey<?> key, Object v) {
        if (v == null) {
            return List.of();
        }
        if (isSecure(v)) {
            problem(key, "encrypted (secure:) value — this key is not a secret");
            return List.of();
        }
        List<?> items;
        if (v instanceof List<?> l) {
            items = l;
        } else {
            String s = String.valueOf(v).trim();
            if (s.startsWith("[")) {
                try {
                    items = JSON.readValue(s, List.class);
                } catch (JsonProcessingException e) {
                    problem(key, "'" + s + "' — expected a list (YAML sequence or JSON array)");
                    return List.of();
                }
            } else {
                items = s.isEmpty() ? List.of() : List.of(s.split("\\s*,\\s*"));
            }
        }
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
                problem(key, "list item " + o + " — expected a plain string");
            } else {
                out.add(String.valueOf(o).trim());
            }
        }
        return List.copyOf(out);
    }

    /** The plain text of a key that holds a path or a secure marker (for the secret pairs). */
    String text(StackKey<?> key) {
        return string(key, raw.get(key.name()));
    }
}
