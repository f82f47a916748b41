package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void nothingReleasedShowsEveryLineAsAdded() {
        assertThat(UnifiedDiff.of("/dev/null", "", "local/f", "one\ntwo\n"))
                .isEqualTo("--- /dev/null\n+++ local/f\n@@ -0,0 +1,2 @@\n+one\n+two\n");
    }

    @Test
    void distantChangesGetSeparateHunksWithThreeLinesOfContext() {
        String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String b = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";

        assertThat(UnifiedDiff.of("a", a, "b", b)).isEqualTo("--- a\n+++ b\n"
                + "@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n"
                + "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n");
    }
}
