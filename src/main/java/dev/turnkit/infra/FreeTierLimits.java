package dev.turnkit.infra;

import dev.turnkit.model.Shape;
import dev.turnkit.model.StackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Oracle Cloud <b>Always Free</b> allowance, in one place, and the guard that refuses a stack going beyond it
 * unless {@code turnkit:allowPaid: true}.
 *
 * <p>Figures (design-notes.md §8; Oracle "Always Free Resources" page). They change: when Oracle changes them, change
 * them here, in {@code docs/pulumi.md} and in the test that pins them.
 * <table>
 * <caption>Always Free compute and storage</caption>
 * <tr><th>Limit</th><th>Value</th><th>Since</th></tr>
 * <tr><td>Free shapes</td><td>VM.Standard.A1.Flex (Ampere, arm64), VM.Standard.E2.1.Micro (AMD)</td><td></td></tr>
 * <tr><td>A1 total</td><td>2 OCPUs and 12 GB memory (1,500 OCPU-hours + 9,000 GB-hours a month), across all A1
 * instances of the tenancy</td><td>June 2026 (was 4 OCPUs / 24 GB)</td></tr>
 * <tr><td>E2.1.Micro</td><td>at most 2 instances (fixed 1/8 OCPU, 1 GB)</td><td></td></tr>
 * <tr><td>Block storage</td><td>200 GB in total, boot and block volumes together</td><td></td></tr>
 * <tr><td>Boot volume</td><td>at least 47 GB each (older text: 50 GB)</td><td></td></tr>
 * </table>
 *
 * <p>The guard sees one stack: it cannot know what else runs in the tenancy. {@code docs/pulumi.md} tells users
 * to check the live limits ({@code oci limits value list}) when other instances exist.
 */
public final class FreeTierLimits {
    /** The Always Free shapes. */
    public static final Set<Shape> FREE_SHAPES = Set.of(Shape.A1_FLEX, Shape.E2_1_MICRO);
    /** A1 OCPUs in total (since June 2026). */
    public static final int A1_MAX_OCPUS = 2;
    /** A1 memory in GB in total (since June 2026). */
    public static final int A1_MAX_MEMORY_GB = 12;
    /** E2.1.Micro instances in total. */
    public static final int MICRO_MAX_INSTANCES = 2;
    /** Boot and block volumes in GB in total. */
    public static final int BLOCK_STORAGE_MAX_GB = 200;
    /** Smallest boot volume OCI accepts, in GB (enforced by the stack config, listed here for reference). */
    public static final int BOOT_VOLUME_MIN_GB = 47;

    /** How many instances one stack creates. */
    public static final int INSTANCES_PER_STACK = 1;

    private FreeTierLimits() {
    }

    /**
     * One limit exceeded.
     *
     * @param key     the config key to change, e.g. {@code turnkit:ocpus}
     * @param limit   the allowance, e.g. {@code 2 OCPUs}
     * @param message one line: what is asked, the allowance, and how to proceed
     */
    public record Violation(String key, String limit, String message) {
    }

    /**
     * The verdict for a stack: free, or the violations (allowed when {@code allowPaid}).
     *
     * @param allowPaid  {@code turnkit:allowPaid}
     * @param violations every limit exceeded, empty when the stack fits the allowance
     */
    public record Verdict(boolean allowPaid, List<Violation> violations) {
        public Verdict {
            violations = List.copyOf(violations);
        }

        /** True when nothing exceeds the allowance. */
        public boolean free() {
            return violations.isEmpty();
        }

        /** True when the stack may be deployed: free, or paid resources were accepted. */
        public boolean allowed() {
            return free() || allowPaid;
        }

        /** {@code free}, {@code paid (allowed by turnkit:allowPaid)} or {@code refused}. */
        public String summary() {
            return free() ? "free" : allowPaid ? "paid (allowed by turnkit:allowPaid)" : "refused";
        }
    }

    /**
     * The figures a stack is checked against, and where they come from.
     *
     * @param source         one line for the user, e.g. which tenancy and region the live figures come from
     * @param live           true for the tenancy's live limits, false for the built-in Always Free figures
     * @param a1Ocpus        A1 OCPUs the stack may use
     * @param a1MemoryGb     A1 memory in GB the stack may use
     * @param microInstances E2.1.Micro instances the stack may create
     * @param blockStorageGb boot and block volume GB the stack may use
     */
    public record Allowance(String source, boolean live, int a1Ocpus, int a1MemoryGb, int microInstances,
            int blockStorageGb) {
        /** The built-in Always Free figures. */
        public static final Allowance ALWAYS_FREE = new Allowance("built-in Always Free figures (FreeTierLimits, "
                + "June 2026)", false, A1_MAX_OCPUS, A1_MAX_MEMORY_GB, MICRO_MAX_INSTANCES, BLOCK_STORAGE_MAX_GB);

        private String of(String amount) {
            return live ? "the " + amount + " still available in the tenancy (live limits)"
                    : "the Always Free allowance of " + amount;
        }
    }

    /** Checks one stack that creates {@link #INSTANCES_PER_STACK} instance. */
    public static Verdict check(StackConfig config) {
        return check(config, INSTANCES_PER_STACK);
    }

    /** Checks a stack that creates {@code instances} instances of the configured shape and size. */
    public static Verdict check(StackConfig config, int instances) {
        return check(config, instances, Allowance.ALWAYS_FREE);
    }

    /** Checks one stack against {@code allowance} (live limits or the built-in figures). */
    public static Verdict check(StackConfig config, Allowance allowance) {
        return check(config, INSTANCES_PER_STACK, allowance);
    }

    private static Verdict check(StackConfig config, int instances, Allowance a) {
        List<Violation> out = new ArrayList<>();
        StackConfig.Instance vm = config.instance();
        String paid = " — lower it, or set turnkit:allowPaid: true to accept charges";
        String since = a.live() ? "" : " (since June 2026)";
        if (!FREE_SHAPES.contains(vm.shape())) {
            out.add(new Violation("turnkit:shape", "A1.Flex or E2.1.Micro", "turnkit:shape: " + vm.shape().ociName()
                    + " is not an Always Free shape (VM.Standard.A1.Flex, VM.Standard.E2.1.Micro)" + paid));
        }
        if (vm.shape() == Shape.A1_FLEX) {
            int ocpus = vm.ocpus() * instances;
            if (ocpus > a.a1Ocpus()) {
                out.add(new Violation("turnkit:ocpus", a.a1Ocpus() + " OCPUs", "turnkit:ocpus: " + ocpus
                        + " A1 OCPUs in total exceed " + a.of(a.a1Ocpus() + " OCPUs") + since + paid));
            }
            int memory = vm.memoryGb() * instances;
            if (memory > a.a1MemoryGb()) {
                out.add(new Violation("turnkit:memoryGb", a.a1MemoryGb() + " GB", "turnkit:memoryGb: " + memory
                        + " GB of A1 memory in total exceeds " + a.of(a.a1MemoryGb() + " GB") + since + paid));
            }
        }
        if (vm.shape() == Shape.E2_1_MICRO && instances > a.microInstances()) {
            out.add(new Violation("turnkit:shape", a.microInstances() + " instances", "turnkit:shape: "
                    + instances + " VM.Standard.E2.1.Micro instances exceed " + a.of(String.valueOf(a.microInstances()))
                    + paid));
        }
        int storage = vm.bootVolumeGb() * instances;
        if (storage > a.blockStorageGb()) {
            out.add(new Violation("turnkit:bootVolumeGb", a.blockStorageGb() + " GB", "turnkit:bootVolumeGb: "
                    + storage + " GB of boot volume exceeds " + (a.live() ? a.of(a.blockStorageGb() + " GB")
                    : "the Always Free block storage of " + a.blockStorageGb() + " GB in total") + paid));
        }
        return new Verdict(config.oci().allowPaid(), out);
    }

    /** The limits as label → value, for {@code turnkit plan}. */
    public static Map<String, String> table() {
        return Map.of(
                "shapes", "VM.Standard.A1.Flex, VM.Standard.E2.1.Micro",
                "a1", A1_MAX_OCPUS + " OCPUs / " + A1_MAX_MEMORY_GB + " GB in total (since June 2026)",
                "micro", MICRO_MAX_INSTANCES + " instances",
                "blockStorage", BLOCK_STORAGE_MAX_GB + " GB in total, boot volume >= " + BOOT_VOLUME_MIN_GB + " GB");
    }
}
