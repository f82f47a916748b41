package dev.turnkit.infra.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.CustomType;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.ResourceArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds hand-written bindings to the provider schema slice ({@code src/test/resources/pulumi-oci/slice.json}):
 * type tokens, wire names, wire types, required and deprecated inputs. Returns the problems found, one line each,
 * so a test can show all of them at once.
 */
final class SliceChecker {
    private final JsonNode slice;

    private SliceChecker(JsonNode slice) {
        this.slice = slice;
    }

    static SliceChecker load() {
        try (InputStream in = SliceChecker.class.getResourceAsStream("/pulumi-oci/slice.json")) {
            if (in == null) {
                throw new IllegalStateException("pulumi-oci/slice.json is missing from the test resources");
            }
            return new SliceChecker(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode slice() {
        return slice;
    }

    /** Problems of a resource class: its token, its args class (recursively) and its exported outputs. */
    List<String> checkResource(Class<?> resource) {
        List<String> problems = new ArrayList<>();
        ResourceType rt = resource.getAnnotation(ResourceType.class);
        if (rt == null) {
            problems.add(resource.getSimpleName() + ": no @ResourceType");
            return problems;
        }
        JsonNode entry = slice.path("resources").path(rt.type());
        if (entry.isMissingNode()) {
            problems.add(resource.getSimpleName() + ": unknown resource type '" + rt.type() + "'");
            return problems;
        }
        Class<?> args = argsClassOf(resource);
        if (args == null) {
            problems.add(resource.getSimpleName() + ": no public (String, Args, options) constructor");
        } else {
            checkInputs(rt.type(), args, entry.path("inputs"), entry.path("required"),
                    entry.path("deprecatedInputs"), problems);
        }
        for (Field f : resource.getDeclaredFields()) {
            Export export = f.getAnnotation(Export.class);
            if (export == null) {
                continue;
            }
            String where = rt.type() + " output '" + export.name() + "'";
            if (!contains(entry.path("outputs"), export.name())) {
                problems.add(where + ": unknown output");
                continue;
            }
            checkJavaType(where, f.getGenericType(), entry.path("outputTypes").path(export.name()).asText(),
                    "outputs", problems, false);
        }
        return problems;
    }

    /** Problems of a function: its token (from the method name), its args and its typed result. */
    List<String> checkFunction(Method method) {
        List<String> problems = new ArrayList<>();
        String token = null;
        for (Iterator<String> it = slice.path("functions").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            if (t.endsWith(":" + method.getName())) {
                token = t;
            }
        }
        if (token == null) {
            problems.add(method.getName() + ": unknown function");
            return problems;
        }
        JsonNode entry = slice.path("functions").path(token);
        checkInputs(token, method.getParameterTypes()[0], entry.path("inputs"), entry.path("required"),
                entry.path("deprecatedInputs"), problems);
        Type result = ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
        checkCustomType(token + " result", (Class<?>) result, entry.path("outputs"), entry.path("outputTypes"),
                problems);
        return problems;
    }

    static Class<?> argsClassOf(Class<?> resource) {
        for (Constructor<?> c : resource.getConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 3 && p[0] == String.class && ResourceArgs.class.isAssignableFrom(p[1])) {
                return p[1];
            }
        }
        return null;
    }

    void checkInputs(String where, Class<?> args, JsonNode inputs, JsonNode required, JsonNode deprecated,
            List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (Field f : args.getDeclaredFields()) {
            Import imp = f.getAnnotation(Import.class);
            if (imp == null) {
                continue;
            }
            String name = imp.name();
            seen.add(name);
            String w = where + " input '" + name + "'";
            if (!inputs.has(name)) {
                problems.add(w + ": unknown input");
                continue;
            }
            if (contains(deprecated, name)) {
                problems.add(w + ": deprecated input");
            }
            if (imp.required() != contains(required, name)) {
                problems.add(w + ": required=" + imp.required() + " but the provider says "
                        + contains(required, name));
            }
            checkJavaType(w, f.getGenericType(), inputs.path(name).asText(), "inputs", problems, true);
        }
        for (JsonNode r : required) {
            if (!seen.contains(r.asText())) {
                problems.add(where + ": required input '" + r.asText() + "' is not bound");
            }
        }
    }

    private void checkCustomType(String where, Class<?> type, JsonNode outputs, JsonNode outputTypes,
            List<String> problems) {
        if (type.getAnnotation(CustomType.class) == null) {
            problems.add(where + ": " + type.getSimpleName() + " is not a @CustomType");
            return;
        }
        Class<?> builder = null;
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (nested.getAnnotation(CustomType.Builder.class) != null) {
                builder = nested;
            }
        }
        if (builder == null) {
            problems.add(where + ": " + type.getSimpleName() + " has no @CustomType.Builder");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Method m : builder.getDeclaredMethods()) {
            CustomType.Setter setter = m.getAnnotation(CustomType.Setter.class);
            if (setter == null) {
                continue;
            }
            String name = setter.value().isEmpty() ? m.getName() : setter.value();
            seen.add(name);
            String w = where + " field '" + name + "'";
            if (!outputTypes.has(name)) {
                problems.add(w + ": unknown output");
                continue;
            }
            checkJavaType(w, m.getGenericParameterTypes()[0], outputTypes.path(name).asText(), "outputs", problems,
                    false);
        }
        for (JsonNode o : outputs) {
            if (!seen.contains(o.asText())) {
                problems.add(where + ": output '" + o.asText() + "' has no setter");
            }
        }
    }

    /**
     * Compares a Java type with a slice type string. {@code Output<T>} is unwrapped; nested input types are
     * checked recursively (ResourceArgs classes), nested output types too (CustomType classes); a
     * {@code Map<String,Object>} element stands for a nested output read untyped.
     */
    private void checkJavaType(String where, Type java, String sliceType, String kind, List<String> problems,
            boolean input) {
        Type t = unwrapOutput(java);
        if (sliceType.endsWith("[]")) {
            if (!(t instanceof ParameterizedType p) || p.getRawType() != List.class) {
                problems.add(where + ": expected a List for " + sliceType + ", found " + t.getTypeName());
                return;
            }
            checkJavaType(where, p.getActualTypeArguments()[0], sliceType.substring(0, sliceType.length() - 2),
                    kind, problems, input);
            return;
        }
        if (sliceType.startsWith("map<string,")) {
            if (!(t instanceof ParameterizedType p) || p.getRawType() != Map.class
                    || p.getActualTypeArguments()[0] != String.class) {
                problems.add(where + ": expected a Map<String,…> for " + sliceType + ", found " + t.getTypeName());
            }
            return;
        }
        switch (sliceType) {
            case "string" -> expect(where, t, sliceType, problems, String.class);
            case "boolean" -> expect(where, t, sliceType, problems, Boolean.class);
            case "number" -> expect(where, t, sliceType, problems, Integer.class, Double.class);
            default -> {
                String prefix = kind + ".";
                if (!sliceType.startsWith(prefix)) {
                    problems.add(where + ": unexpected slice type " + sliceType);
                    return;
                }
                String typeName = sliceType.substring(prefix.length());
                JsonNode nested = slice.path(input ? "inputTypes" : "outputTypes").path(typeName);
                if (nested.isMissingNode()) {
                    problems.add(where + ": slice has no type " + typeName);
                    return;
                }
                if (t instanceof ParameterizedType p && p.getRawType() == Map.class && !input) {
                    return; // nested output deliberately read as an untyped map
                }
                if (!(t instanceof Class<?> c)) {
                    problems.add(where + ": expected a class for " + typeName + ", found " + t.getTypeName());
                    return;
                }
                if (input) {
                    checkInputs(where + " (" + typeName + ")", c, nested.path("fields"), nested.path("required"),
                            nested.path("deprecated"), problems);
                } else {
                    ArrayNodeOfFields names = new ArrayNodeOfFields(nested.path("fields"));
                    checkCustomType(where + " (" + typeName + ")", c, names.node(), nested.path("fields"), problems);
                }
            }
        }
    }

    private static void expect(String where, Type t, String sliceType, List<String> problems, Class<?>... allowed) {
        for (Class<?> a : allowed) {
            if (t == a) {
                return;
            }
        }
        problems.add(where + ": wire type " + sliceType + " but Java type " + t.getTypeName());
    }

    private static Type unwrapOutput(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() == Output.class) {
            return p.getActualTypeArguments()[0];
        }
        return t;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The field names of a nested output type as a JSON array (the shape {@code outputs} has for functions). */
    private record ArrayNodeOfFields(JsonNode fields) {
        JsonNode node() {
            com.fasterxml.jackson.databind.node.ArrayNode a = new ObjectMapper().createArrayNode();
            fields.fieldNames().forEachRemaining(a::add);
            return a;
        }
    }
}
