package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.ReleaseAssets;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.render.SecretValues;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code turnkit plan}: runs the same stack program as {@code pulumi up} under {@link OfflineOci} mocks — no
 * engine, no cloud credentials — and reports the resources it would register with their inputs, the firewall
 * table, the free-tier verdict and the stack outputs.
 */
public final class Plan {
    /** What the plan shows for the expiry of the jar's URL, which depends on when {@code pulumi up} runs. */
    static final String UPLOAD_EXPIRY = "<time of pulumi up + turnkit:turnkitJarUploadMinutes>";

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
     * @param firebase the Firebase side's plan verdict, null when the stack has no Firebase side
     */
    public record Report(String stack, List<Resource> resources, List<NsgRule> firewall,
            FreeTierLimits.Verdict freeTier, List<String> policy, SortedMap<String, Object> outputs,
            List<String> notes, FirebaseVerdict firebase) {
        /** True when {@code pulumi up} would refuse the stack or the firewall breaks policy (exit 2). */
        public boolean violatesPolicy() {
            return !freeTier.allowed() || !policy.isEmpty();
        }
    }

    /**
     * Whether the Firebase side stays on the no-cost Spark plan.
     *
     * @param verdict        {@code free plan (Spark)} or {@code billing (Blaze)}
     * @param billingOptions the billing-only options this stack sets (each needs {@code turnkit:gcpBilling})
     * @param notes          what is on or off because of the plan, and the daily quotas that apply
     */
    public record FirebaseVerdict(String verdict, List<String> billingOptions, List<String> notes) {
    }

    /** The Firebase verdict of {@code config}, or null without a Firebase side. */
    public static FirebaseVerdict firebaseVerdict(StackConfig config) {
        if (config.firebase().isEmpty()) {
            return null;
        }
        StackConfig.Firebase f = config.firebase().get();
        List<String> notes = new ArrayList<>();
        if (f.billing()) {
            notes.add("TTL policies on expires_at of webrtc_sessions and ice_candidates: TTL deletes are billed as"
                    + " document deletes");
        } else {
            notes.add("TTL policies off: TTL deletes need billing; run 'turnkit sessions prune --older-than 2h' on a"
                    + " timer instead (docs/firebase.md)");
        }
        notes.add("Firestore free quota (the (default) database only): 1 GiB stored, 50,000 reads, 20,000 writes and"
                + " 20,000 deletes per day, 10 GiB outbound per month");
        notes.add("Authentication: " + String.join(" + ", f.signInProviders()) + " sign-in on Firebase"
                + " Authentication with Identity Platform; without billing, a daily cap on active users applies");
        return new FirebaseVerdict(f.billing() ? "billing (Blaze)" : "free plan (Spark)", f.billingOptions(),
                List.copyOf(notes));
    }

    /**
     * Plans a stack with the real cloud-init renderer; TURN secrets are never read, the user data carries
     * redaction placeholders instead. Sizes beyond the Always Free allowance are the free-tier guard's to report.
     *
     * @param projectDir the Pulumi project directory: without a release (turnkit:turnkitVersion or
     *                   {@code turnkit:turnkitJarUrl}), the stack uploads its
     *                   {@code target/turnkit.jar} ({@link TurnkitJar})
     */
    public static Report ofStack(StackConfig config, Path projectDir) {
        return ofStack(config, c -> FreeTierLimits.Allowance.ALWAYS_FREE, projectDir);
    }

    /**
     * As {@link #ofStack(StackConfig, Path)}, checking the stack against the allowance {@code allowance} gives for
     * it (e.g. the tenancy's live limits).
     */
    public static Report ofStack(StackConfig config,
            java.util.function.Function<StackConfig, FreeTierLimits.Allowance> allowance, Path projectDir) {
        return ofStack(config, allowance, projectDir, ReleaseAssets.GITHUB);
    }

    /**
     * As {@link #ofStack(StackConfig, java.util.function.Function, Path)}, fetching the checksum of a
     * {@code turnkit:turnkitVersion} release from {@code releaseBase} instead of {@code https://github.com} (tests:
     * a loopback server); the VM's download URL stays on GitHub.
     */
    public static Report ofStack(StackConfig config,
            java.util.function.Function<StackConfig, FreeTierLimits.Allowance> allowance, Path projectDir,
            String releaseBase) {
        List<String> placeholders = SecretValues.resolve(config, Path.of("."), false);
        ReleaseChecksum checksums = new ReleaseChecksum(releaseBase, ReleaseChecksum.CONNECT_TIMEOUT,
                ReleaseChecksum.READ_TIMEOUT);
        return of(config, new RenderedCloudInit(HostRenderer.create(), Output.of(placeholders)),
                allowance.apply(config), () -> TurnkitJar.of(config, projectDir, Clock.systemUTC(), checksums));
    }

    /** Plans a stack against {@code allowance}; {@code jar} is asked only when the free-tier guard lets it pass. */
    static Report of(StackConfig config, CloudInit cloudInit, FreeTierLimits.Allowance allowance,
            Supplier<TurnkitJar> jar) {
        SortedMap<String, NsgRule> firewall = NsgRules.of(config);
        FreeTierLimits.Verdict verdict = FreeTierLimits.check(config, allowance);
        List<String> policy = NsgRules.policyViolations(firewall);
        List<NsgRule> rules = List.copyOf(firewall.values());
        if (!verdict.allowed()) {
            return new Report(config.stack(), List.of(), rules, verdict, policy, new TreeMap<>(),
                    List.of("limits: " + allowance.source(),
                            "nothing planned: pulumi up refuses this stack before creating anything"),
                    firebaseVerdict(config));
        }
        TurnkitJar turnkitJar = jar.get();
        OfflineOci oci = new OfflineOci(config);
        SortedMap<String, Object> outputs = new TreeMap<>();
        try {
            TestResult result = PulumiTest.withMocks(oci)
                    .withOptions(TestOptions.builder().projectName(StackConfig.NAMESPACE).stackName(config.stack())
                            .preview(false).build())
                    .runTest(ctx -> TurnStack.define(ctx, config, firewall, cloudInit, turnkitJar));
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
        notes.add(jarNote(config, turnkitJar));
        return new Report(config.stack(), resources, rules, verdict, policy, outputs, notes,
                firebaseVerdict(config));
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

    private static String jarNote(StackConfig config, TurnkitJar jar) {
        if (jar instanceof TurnkitJar.Upload u) {
            return "turnkit.jar: uploads " + u.file() + " (sha256 " + u.sha256() + ") to a private Object Storage"
                    + " bucket; the VM downloads it with a pre-authenticated URL (ObjectRead of that object only) that"
                    + " expires turnkit:turnkitJarUploadMinutes after pulumi up, and runs it only if the SHA-256"
                    + " matches";
        }
        TurnkitJar.Released r = (TurnkitJar.Released) jar;
        return "turnkit.jar: the VM downloads " + r.url() + " and runs it only if its SHA-256 is " + r.sha256()
                + (config.release().published().isPresent() ? " (from " + ReleaseAssets.CHECKSUM + " of the release)"
                : "");
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
                : k.equals("timeExpires") ? UPLOAD_EXPIRY : normalise(v)));
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
