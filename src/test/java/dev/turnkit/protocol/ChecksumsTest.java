package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The checksums alone, against the values the RFC 5769 §2.1-§2.3 vectors carry: each of these messages ends with
 * MESSAGE-INTEGRITY (24 bytes) and FINGERPRINT (8 bytes), computed over the bytes before them.
 */
class ChecksumsTest {
    private static final byte[] SHORT_TERM_KEY = StunKeys.shortTerm(Vectors.SHORT_TERM_PASSWORD);

    @Test
    void fingerprintAndIntegrityMatchEveryShortTermVector() {
        for (byte[] wire : new byte[][] {Vectors.request21(), Vectors.ipv4Response22(), Vectors.ipv6Response23()}) {
            int fingerprintAt = wire.length - 8;
            int integrityAt = fingerprintAt - 24;
            assertThat(Checksums.fingerprint(wire, fingerprintAt)).isEqualTo(AttributeCodec.readInt(wire,
                    fingerprintAt + 4));
            assertThat(Checksums.hmac("HmacSHA1", SHORT_TERM_KEY, wire, integrityAt, 20))
                    .isEqualTo(Arrays.copyOfRange(wire, integrityAt + 4, fingerprintAt));
        }
    }

    @Test
    void theLengthFieldIsSetToEndAfterTheAttributeWhateverTheInputSays() {
        byte[] wire = Vectors.request21();
        int integrityAt = wire.length - 32;
        byte[] expected = Checksums.hmac("HmacSHA1", SHORT_TERM_KEY, wire, integrityAt, 20);
        byte[] otherLength = wire.clone();
        otherLength[2] = 0;
        otherLength[3] = 0;
        assertThat(Checksums.hmac("HmacSHA1", SHORT_TERM_KEY, otherLength, integrityAt, 20)).isEqualTo(expected);
        assertThat(Checksums.fingerprint(otherLength, wire.length - 8)).isEqualTo(Checksums.fingerprint(wire,
                wire.length - 8));
        assertThat(Checksums.hmac("HmacSHA1", SHORT_TERM_KEY, wire, integrityAt, 32)).as("a 32-byte value")
                .isNotEqualTo(expected);
    }

    @Test
    void anEmptyKeyIsTheOneZeroByteKeyOfRfc2104() {
        byte[] wire = Vectors.request21();
        assertThat(Checksums.hmac("HmacSHA256", new byte[0], wire, 20, 32))
                .isEqualTo(Checksums.hmac("HmacSHA256", new byte[1], wire, 20, 32))
                .hasSize(32);
    }
}
