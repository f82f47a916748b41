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

    /** Checks one stack that creates {@link #INSTANCES_PER_STACK} instance. */
    public static Verdict check(StackConfig config) {
        return check(config, INSTANCES_PER_STACK);
    }

    /** Checks a stack that creates {@code instances} instances of the configured shape and size. */
    public static Verdict check(StackConfig config, int instances) {
        List<Violation> out = new ArrayList<>();
        StackConfig.Instance vm = config.instance();
        String paid = " — lower it, or set turnkit:allowPaid: true to accept charges";
        if (!FREE_SHAPES.contains(vm.shape())) {
            out.add(new Violation("turnkit:shape", "A1.Flex or E2.1.Micro", "turnkit:shape: " + vm.shape().ociName()
                    + " is not an Always Free shape (VM.Standard.A1.Flex, VM.Standard.E2.1.Micro)" + paid));
        }
        if (vm.shape() == Shape.A1_FLEX) {
            int ocpus = vm.ocpus() * instances;
            if (ocpus > A1_MAX_OCPUS) {
                out.add(new Violation("turnkit:ocpus", A1_MAX_OCPUS + " OCPUs", "turnkit:ocpus: " + ocpus
                        + " A1 OCPUs in total exceed the Always Free allowance of " + A1_MAX_OCPUS
                        + " OCPUs (since June 2026)" + paid));
            }
            int memory = vm.memoryGb() * instances;
            if (memory > A1_MAX_MEMORY_GB) {
                out.add(new Violation("turnkit:memoryGb", A1_MAX_MEMORY_GB + " GB", "turnkit:memoryGb: " + memory
                        + " GB of A1 memory in total exceeds the Always Free allowance of " + A1_MAX_MEMORY_GB
                        + " GB (since June 2026)" + paid));
            }
        }
        if (vm.shape() == Shape.E2_1_MICRO && instances > MICRO_MAX_INSTANCES) {
            out.add(new Violation("turnkit:shape", MICRO_MAX_INSTANCES + " instances", "turnkit:shape: "
                    + instances + " VM.Standard.E2.1.Micro instances exceed the Always Free allowance of "
                    + MICRO_MAX_INSTANCES + paid));
        }
        int storage = vm.bootVolumeGb() * instances;
        if (storage > BLOCK_STORAGE_MAX_GB) {
            out.add(new Violation("turnkit:bootVolumeGb", BLOCK_STORAGE_MAX_GB + " GB", "turnkit:bootVolumeGb: "
                    + storage + " GB of boot volume exceeds the Always Free block storage of " + BLOCK_STORAGE_MAX_GB
                    + " GB in total" + paid));
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
