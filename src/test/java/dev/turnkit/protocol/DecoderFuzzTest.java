package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzz-style: random and mutated bytes. Whatever the input, the decoders either return a value or throw
 * {@link ProtocolException}; any other exception is a bug that would leak out of a check.
 */
class DecoderFuzzTest {
    private static final long SEED = 0x7E57_5EEDL;

    private static void decodeAll(byte[] input) {
        try {
            Message.decode(input);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail("Message.decode leaked " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
        }
        try {
            ChannelData.decode(input);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail("ChannelData.decode leaked " + e, e);
        }
        try {
            StreamFraming.frameLength(input, 0, input.length);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail("StreamFraming leaked " + e, e);
        }
    }

    @Test
    void randomBytesOnlyEverThrowProtocolException() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = new byte[random.nextInt(120)];
            random.nextBytes(input);
            if (input.length >= 8 && random.nextBoolean()) {
                // give most inputs a valid header prefix so the attribute parser is reached
                input[0] &= 0x3F;
                input[4] = 0x21;
                input[5] = 0x12;
                input[6] = (byte) 0xA4;
                input[7] = 0x42;
                int len = (input.length - 20) & ~3;
                if (len >= 0 && random.nextInt(4) > 0) {
                    input[2] = (byte) (len >> 8);
                    input[3] = (byte) len;
                }
            }
            decodeAll(input);
        }
    }

    @Test
    void mutatedVectorsOnlyEverThrowProtocolException() {
        Random random = new Random(SEED + 1);
        List<byte[]> seeds = List.of(Vectors.request21(), Vectors.ipv4Response22(), Vectors.ipv6Response23(),
                Vectors.longTermRequest24(), Message.request(Method.ALLOCATE)
                        .add(new Attribute.ErrorCode(401, "Unauthorized"))
                        .add(new Attribute.XorPeerAddress(new java.net.InetSocketAddress("127.0.0.1", 9)))
                        .add(new Attribute.Lifetime(600)).add(new Attribute.ChannelNumber(0x4000))
                        .add(new Attribute.RequestedTransport(17)).fingerprint().encode());
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(5) == 0) {
                input = java.util.Arrays.copyOf(input, random.nextInt(input.length + 8));
            }
            try {
                Message.decode(input);
                decoded++;
            } catch (ProtocolException expected) {
                // fine
            } catch (RuntimeException | Error e) {
                fail("Message.decode leaked " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
            }
            decodeAll(input);
        }
        assertThat(decoded).as("some mutations (e.g. in values without FINGERPRINT) still decode").isPositive();
    }
}
