package dev.turnkit.load;

/**
 * Round-trip times in fixed log-linear buckets, the layout of HdrHistogram with two significant digits: microseconds,
 * exact below 256 µs, within 1/128 (0.8 %) above, up to 2^27 µs (134 s; longer values land in the last bucket).
 * Recording is an index computation and an increment, with no allocation; 2,688 counters (10 KB).
 */
final class RttHistogram {
    private static final int LINEAR = 256;
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_SHIFT = 19;
    private static final long MAX_MICROS = (1L << (SUB_BITS + 1 + MAX_SHIFT)) - 1;

    private final int[] counts = new int[LINEAR + MAX_SHIFT * SUB];
    private long total;

    void recordNanos(long nanos) {
        counts[index(Math.min(Math.max(nanos / 1000, 0), MAX_MICROS))]++;
        total++;
    }

    long count() {
        return total;
    }

    /** Adds {@code other}'s counts to this one. */
    void add(RttHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /** Nearest-rank percentile in milliseconds (the bucket's midpoint), 0 when empty. */
    double percentileMs(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return midpointMicros(i) / 1000.0;
            }
        }
        return midpointMicros(counts.length - 1) / 1000.0;
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - SUB_BITS;
        return LINEAR + (shift - 1) * SUB + (int) ((micros >> shift) - SUB);
    }

    static double midpointMicros(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB + 1;
        long low = (long) ((index - LINEAR) % SUB + SUB) << shift;
        return low + (1L << shift) / 2.0;
    }
}
