package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 4013 §3 examples plus the RFC 5769 §2.4 password. */
class SaslPrepTest {

    @Test
    void rfc4013Examples() {
        assertThat(SaslPrep.prepare("I\u00ADX")).as("soft hyphen mapped to nothing").isEqualTo("IX");
        assertThat(SaslPrep.prepare("user")).as("no transformation").isEqualTo("user");
        assertThat(SaslPrep.prepare("USER")).as("case preserved").isEqualTo("USER");
        assertThat(SaslPrep.prepare("\u00AA")).as("NFKC").isEqualTo("a");
        assertThat(SaslPrep.prepare("\u2168")).as("NFKC").isEqualTo("IX");
        assertThatThrownBy(() -> SaslPrep.prepare("\u0007")).as("prohibited character")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> SaslPrep.prepare("\u0627\u0031")).as("bidi check")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("right-to-left");
    }

    @Test
    void printableAsciiIsUnchangedButAsciiControlsAreStillProhibited() {
        String base64 = "qUZ6y+Ev1/2EpPm0rWkLtB8Mqlc=";
        assertThat(SaslPrep.prepare(base64)).isSameAs(base64);
        assertThat(SaslPrep.prepare(" ~")).isEqualTo(" ~");
        assertThatThrownBy(() -> SaslPrep.prepare("pass\tword")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0009");
        assertThatThrownBy(() -> SaslPrep.prepare("pass\u007F")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonAsciiSpacesBecomeSpaceAndMappedToNothingVanishes() {
        assertThat(SaslPrep.prepare("a\u00A0b\u3000c")).isEqualTo("a b c");
        assertThat(SaslPrep.prepare("a\u200Db\uFEFFc\uFE0F")).isEqualTo("abc");
    }

    @Test
    void prohibitedTablesAreEnforced() {
        for (String bad : new String[] {"\u0085", "\uE000", "\uFDD0", "\uFFFE", "\u2FF0", "\u200E", "\u202A",
                new String(Character.toChars(0xE0001)), new String(Character.toChars(0xF0000)), "\u2028"}) {
            assertThatThrownBy(() -> SaslPrep.prepare("x" + bad)).as("U+%04X is prohibited", bad.codePointAt(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 4013");
        }
    }

    @Test
    void rightToLeftOnlyStringsPass() {
        assertThat(SaslPrep.prepare("\u0627\u0628")).isEqualTo("\u0627\u0628");
        assertThat(SaslPrep.prepare("\u0627 1 \u0628")).as("neutral characters in between are fine")
                .isEqualTo("\u0627 1 \u0628");
    }
}
