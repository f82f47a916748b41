package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hot path's hand-written timestamps equal the JDK's formatters exactly. */
class IsoInstantTest {

    @Test
    void equalsInstantToStringForEveryFractionShape() {
        SplittableRandom random = new SplittableRandom(20261130);
        int[] nanos = {0, 1, 999_999_999, 123_000_000, 123_456_000, 123_456_789, 5_000_000, 5_000, 5, 100_000_000};
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-100_000_000_000L, 300_000_000_000L); // years about -1200 to 11500
            Instant t = Instant.ofEpochSecond(second, i < nanos.length * 100 ? nanos[i % nanos.length]
                    : random.nextInt(1_000_000_000));
            assertThat(IsoInstant.format(t)).as("%s", t).isEqualTo(t.toString());
        }
        for (long s : new long[] {0, 59, 60, 86_399, 86_400, 951_782_400L /* 2000-02-29 */, 253_402_300_799L,
                253_402_300_800L, -1}) {
            Instant t = Instant.ofEpochSecond(s);
            assertThat(IsoInstant.format(t)).isEqualTo(t.toString());
            // the same second twice in a row takes the cached prefix
            assertThat(IsoInstant.format(t.plusNanos(7_000_000))).isEqualTo(t.plusNanos(7_000_000).toString());
        }
    }

    @Test
    void httpDateIsImfFixdate() {
        // RFC 9110 §5.6.7's example
        assertThat(HttpDate.of(784_111_777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        long now = System.currentTimeMillis() / 1000;
        assertThat(HttpDate.now()).isIn(HttpDate.of(now), HttpDate.of(now + 1));
    }
}
