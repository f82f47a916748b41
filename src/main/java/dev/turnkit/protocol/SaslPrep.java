package dev.turnkit.protocol;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013), the stringprep (RFC 3454) profile STUN applies to passwords before deriving keys
 * (RFC 5389 §15.4). Steps, in RFC 4013 order:
 * <ol>
 *   <li>Map (§2.1): non-ASCII space characters (RFC 3454 table C.1.2) to U+0020; characters "commonly mapped to
 *       nothing" (table B.1, e.g. the soft hyphen U+00AD) removed.</li>
 *   <li>Normalize (§2.2): Unicode NFKC ({@code ª} becomes {@code a}, {@code Ⅸ} becomes {@code IX}).</li>
 *   <li>Prohibit (§2.3): tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9.</li>
 *   <li>Bidirectional check (§2.4, RFC 3454 §6): a string with right-to-left characters must not contain
 *       left-to-right ones and must start and end with a right-to-left character.</li>
 * </ol>
 * Unassigned code points (table A.1) are allowed, as for a "query" (RFC 4013 §2.5): the key is derived, not stored.
 * Character directionality comes from the JDK's Unicode tables, a superset of Unicode 3.2 used by RFC 3454.
 */
public final class SaslPrep {
    private SaslPrep() {
    }

    /**
     * Returns the prepared string.
     *
     * @throws IllegalArgumentException naming the offending code point if the input contains a prohibited
     *     character or fails the bidirectional check
     */
    public static String prepare(String input) {
        if (isPrintableAscii(input)) {
            // nothing in U+0020..U+007E is mapped, changed by NFKC, prohibited or right-to-left: the identity.
            // REST passwords (base64) take this path and never load the Unicode normalization data.
            return input;
        }
        StringBuilder mapped = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (mappedToNothing(cp)) {
                return;
            }
            mapped.appendCodePoint(nonAsciiSpace(cp) ? ' ' : cp);
        });
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        normalized.codePoints().forEach(cp -> {
            String why = prohibited(cp);
            if (why != null) {
                throw new IllegalArgumentException(String.format(
                        "SASLprep: U+%04X (%s) is not allowed in a password (RFC 4013 §2.3)", cp, why));
            }
        });
        checkBidi(normalized);
        return normalized;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3454 table B.1. */
    static boolean mappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFEFF;
    }

    /** RFC 3454 table C.1.2. */
    static boolean nonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** The RFC 3454 table that prohibits {@code cp} in SASLprep, or null. */
    static String prohibited(int cp) {
        if (nonAsciiSpace(cp)) {
            return "non-ASCII space, table C.1.2";
        }
        if (cp <= 0x1F || cp == 0x7F) {
            return "ASCII control, table C.2.1";
        }
        if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C
                || cp == 0x200D || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || (cp >= 0x1D173 && cp <= 0x1D17A)) {
            return "non-ASCII control, table C.2.2";
        }
        if ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD)) {
            return "private use, table C.3";
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return "non-character, table C.4";
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return "surrogate, table C.5";
        }
        if (cp >= 0xFFF9 && cp <= 0xFFFD) {
            return "inappropriate for plain text, table C.6";
        }
        if (cp >= 0x2FF0 && cp <= 0x2FFB) {
            return "inappropriate for canonical representation, table C.7";
        }
        if (cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) {
            return "change display properties or deprecated, table C.8";
        }
        if (cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)) {
            return "tagging character, table C.9";
        }
        return null;
    }

    private static boolean randAl(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    private static boolean leftToRight(int cp) {
        return Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
    }

    private static void checkBidi(String s) {
        int[] cps = s.codePoints().toArray();
        boolean hasRandAl = false;
        boolean hasL = false;
        for (int cp : cps) {
            hasRandAl |= randAl(cp);
            hasL |= leftToRight(cp);
        }
        if (!hasRandAl) {
            return;
        }
        if (hasL) {
            throw new IllegalArgumentException(
                    "SASLprep: a password must not mix right-to-left and left-to-right characters (RFC 3454 §6)");
        }
        if (!randAl(cps[0]) || !randAl(cps[cps.length - 1])) {
            throw new IllegalArgumentException("SASLprep: a password with right-to-left characters must start and "
                    + "end with one (RFC 3454 §6)");
        }
    }
}
