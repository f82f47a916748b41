package dev.turnkit.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Oracle Cloud Always Free compute shapes (design-notes.md §8.1). Bandwidth caps bound {@code bps-capacity}.
 */
public enum Shape {
    /** Ampere A1 (ARM64): free allowance 2 OCPUs / 12 GB in total since June 2026; 1 Gbps per OCPU. */
    A1_FLEX("VM.Standard.A1.Flex", true, "arm64", 125_000_000L),
    /** AMD Micro: 1/8 OCPU burstable, 1 GB RAM, up to 50 Mbps to the internet. */
    E2_1_MICRO("VM.Standard.E2.1.Micro", false, "amd64", 6_250_000L);

    private final String ociName;
    private final boolean flexible;
    private final String architecture;
    private final long bytesPerSecondPerOcpu;

    Shape(String ociName, boolean flexible, String architecture, long bytesPerSecondPerOcpu) {
        this.ociName = ociName;
        this.flexible = flexible;
        this.architecture = architecture;
        this.bytesPerSecondPerOcpu = bytesPerSecondPerOcpu;
    }

    /** The OCI shape name, e.g. {@code VM.Standard.A1.Flex}. */
    public String ociName() {
        return ociName;
    }

    /** Whether OCPUs and memory are chosen per instance ({@code shapeConfig}). */
    public boolean flexible() {
        return flexible;
    }

    /** {@code arm64} or {@code amd64}. */
    public String architecture() {
        return architecture;
    }

    /** Internet bandwidth of the shape in bytes per second for the given OCPU count. */
    public long bandwidthBytesPerSecond(int ocpus) {
        return flexible ? bytesPerSecondPerOcpu * ocpus : bytesPerSecondPerOcpu;
    }

    public static Shape fromOciName(String name) {
        for (Shape s : values()) {
            if (s.ociName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Shape::ociName).collect(Collectors.joining(" | "));
    }
}
