package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.render.SecretValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code turnkit plan}: runs the same stack program as {@code pulumi up} under {@link OfflineOci} mocks — no
 * engine, no cloud credentials — and reports the resources it would register with their inputs, the firewall
 * table, the free-tier verdict and the stack outputs.
 */
public final class Plan {
    private Plan() {
    }

    /**
     * One resource the program registers.
     *
     * @param type   Pulumi type token
     * @param name   logical name
     * @param inputs the inputs sent to the provider, keys sorted; user data summarised
     */
    public record Resource(String type, String name, SortedMap<String, Object> inputs) {
    }

    /**
     * The plan of one stack.
     *
     * @param stack    stack name
     * @param resources resources sorted by name (empty when the free-tier guard refuses the stack)
     * @param firewall the cloud firewall, sorted by key
     * @param freeTier the free-tier verdict
     * @param policy   firewall policy violations (e.g. SSH open to everyone)
     * @param outputs  stack outputs, sorted by name
     * @param notes    what the offline plan assumed and what the user should know
     */
    public record Report(String stack, List<Resource> resources, List<NsgRule> firewall,
            FreeTierLimits.Verdict freeTier, List<String> policy, SortedMap<String, Object> outputs,
            List<String> notes) {
        /** True when {@code pulumi up} would refuse the stack or the firewall breaks policy (exit 2). */
        public boolean violatesPolicy() {
            return !freeTier.allowed() || !policy.isEmpty();
        }
    }

    /**
     * Reads {@code <stacksDir>/Pulumi.<stack>.yaml} and plans it with the real cloud-init renderer; TURN secrets
     * are never read, the user data carries redaction placeholders instead.
     */
    public static Report ofStackFile(Path stacksDir, String stack) {
        return ofStackFile(stacksDir, stack, config -> FreeTierLimits.Allowance.ALWAYS_FREE);
    }

    /**
     * As {@link #ofStackFile(Path, String)}, checking the stack against the allowance {@code allowance} gives for
     * it (e.g. the tenancy's live limits).
     */
    public static Report ofStackFile(Path stacksDir, String stack,
            java.util.function.Function<StackConfig, FreeTierLimits.Allowance> allowance) {
        StackConfig config = load(stacksDir, stack);
        List<String> placeholders = SecretValues.resolve(config, stacksDir, false);
        return of(config, new RenderedCloudInit(HostRenderer.create(), Output.of(placeholders)),
                allowance.apply(config));
    }

    /** Plans a stack against the built-in Always Free figures. */
    public static Report of(StackConfig config, CloudInit cloudInit) {
        return of(config, cloudInit, FreeTierLimits.Allowance.ALWAYS_FREE);
    }

    /** Plans a stack against {@code allowance}. */
    public static Report of(StackConfig config, CloudInit cloudInit, FreeTierLimits.Allowance allowance) {
        SortedMap<String, NsgRule> firewall = NsgRules.of(config);
        FreeTierLimits.Verdict verdict = FreeTierLimits.check(config, allowance);
        List<String> policy = NsgRules.policyViolations(firewall);
        List<NsgRule> rules = List.copyOf(firewall.values());
        if (!verdict.allowed()) {
            return new Report(config.stack(), List.of(), rules, verdict, policy, new TreeMap<>(),
                    List.of("limits: " + allowance.source(),
                            "nothing planned: pulumi up refuses this stack before creating anything"));
        }
        OfflineOci oci = new OfflineOci(config);
        SortedMap<String, Object> outputs = new TreeMap<>();
        try {
            TestResult result = PulumiTest.withMocks(oci)
                    .withOptions(TestOptions.builder().projectName(StackConfig.NAMESPACE).stackName(config.stack())
                            .preview(false).build())
                    .runTest(ctx -> TurnStack.define(ctx, config, firewall, cloudInit));
            if (result.exitCode() != 0) {
                throw failure(result);
            }
            for (Map.Entry<String, Output<?>> e : result.outputs().entrySet()) {
                outputs.put(e.getKey(), normalise(PulumiTest.extractValue(e.getValue())));
            }
        } finally {
            PulumiTest.cleanup();
        }
        List<Resource> resources = oci.registered().stream()
                .map(r -> new Resource(r.type(), r.name(), sortedInputs(r.inputs())))
                .sorted(Comparator.comparing(Resource::name))
                .collect(Collectors.toList());
        List<String> notes = new ArrayList<>();
        notes.add("limits: " + allowance.source());
        notes.addAll(notes(config, oci));
        return new Report(config.stack(), resources, rules, verdict, policy, outputs, notes);
    }

    /** Reads a stack file; sizes beyond the Always Free allowance are the free-tier guard's to report (exit 2). */
    static StackConfig load(Path stacksDir, String stack) {
        Path file = stacksDir.resolve("Pulumi." + stack + ".yaml");
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such stack file — create it with 'pulumi stack init " + stack
                    + "' and the turnkit: keys of docs/pulumi.md, or pass --stacks-dir");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read — " + e.getMessage());
        }
        return StackConfig.fromYaml(stack, yaml);
    }

    private static List<String> notes(StackConfig config, OfflineOci oci) {
        List<String> notes = new ArrayList<>();
        notes.add("offline: provider functions answered from the stack config; ids are placeholders");
        notes.add("reserved public IP " + oci.publicIp()
                + (config.network().publicIp().isPresent() ? " (turnkit:publicIp)" : " (placeholder: OCI assigns it)")
                + ", attached in the same pulumi up to the reserved private IP " + config.network().privateIp()
                + " that the VM launches onto");
        List<String> ads = config.oci().availabilityDomains();
        notes.add("availability domain " + ads.get(0) + (ads.size() > 1 ? "; on 'Out of host capacity' move the next"
                + " of " + ads.subList(1, ads.size()) + " to the front of turnkit:availabilityDomains and re-run" : ""));
        notes.addAll(config.warnings());
        return notes;
    }

    private static RuntimeException failure(TestResult result) {
        List<String> messages = new ArrayList<>(result.errors());
        for (Exception e : result.exceptions()) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof ConfigException)) {
                t = t.getCause();
            }
            if (t instanceof ConfigException ce) {
                return ce;
            }
            messages.add(String.valueOf(t.getMessage()));
        }
        return new IllegalStateException("the stack program failed under mocks: " + String.join("; ", messages));
    }

    private static SortedMap<String, Object> sortedInputs(Map<String, Object> inputs) {
        SortedMap<String, Object> out = new TreeMap<>();
        inputs.forEach((k, v) -> out.put(k, k.equals("user_data") ? summariseUserData(String.valueOf(v))
                : normalise(v)));
        return out;
    }

    /** Maps sorted, integral doubles as longs (every number travels as a double). */
    private static Object normalise(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), x));
            return sortedInputs(copy);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Plan::normalise).collect(Collectors.toList());
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return v;
    }

    private static String summariseUserData(String base64) {
        byte[] text = Base64.getDecoder().decode(base64);
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text);
            return "cloud-init, " + text.length + " bytes, sha256 " + HexFormat.of().formatHex(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
