package dev.turnkit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fixed-bucket RTT histogram agrees with exact nearest-rank percentiles within its stated precision. */
class RttHistogramTest {

    @Test
    void percentilesMatchTheExactNearestRankWithinOneBucket() {
        Random random = new Random(42);
        long[] nanos = new long[10_000];
        RttHistogram h = new RttHistogram();
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (long) (Math.exp(random.nextGaussian() * 1.5) * 2_000_000); // log-normal around 2 ms
            h.recordNanos(nanos[i]);
        }
        Arrays.sort(nanos);
        for (int p : new int[] {50, 95, 99}) {
            double exactMs = nanos[(int) Math.ceil(p / 100.0 * nanos.length) - 1] / 1e6;
            assertThat(h.percentileMs(p)).as("p" + p).isCloseTo(exactMs, within(exactMs / 100 + 0.001));
        }
        assertThat(h.count()).isEqualTo(10_000);
    }

    @Test
    void shortTimesAreExactToTheMicrosecondAndHugeOnesLandInTheLastBucket() {
        RttHistogram h = new RttHistogram();
        h.recordNanos(137_400);
        assertThat(h.percentileMs(50)).isEqualTo(0.137);
        RttHistogram huge = new RttHistogram();
        huge.recordNanos(Long.MAX_VALUE);
        huge.recordNanos(-5);
        assertThat(huge.percentileMs(99)).isGreaterThan(100_000);
        assertThat(huge.percentileMs(50)).as("a negative time counts as 0").isZero();
    }

    @Test
    void mergedHistogramsCountEverything() {
        RttHistogram a = new RttHistogram();
        RttHistogram b = new RttHistogram();
        a.recordNanos(1_000_000);
        b.recordNanos(3_000_000);
        b.recordNanos(3_000_000);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentileMs(50)).isCloseTo(3.0, within(0.03));
        assertThat(a.percentileMs(1)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void bucketsAreContiguousAndMonotonic() {
        int previous = -1;
        for (long micros = 0; micros < (1L << 27); micros = micros < 4096 ? micros + 1 : micros + micros / 300) {
            int index = RttHistogram.index(micros);
            assertThat(index).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(previous + 1);
            assertThat(Math.abs(RttHistogram.midpointMicros(index) - micros)).isLessThanOrEqualTo(micros / 128.0 + 1);
            previous = index;
        }
    }
}
