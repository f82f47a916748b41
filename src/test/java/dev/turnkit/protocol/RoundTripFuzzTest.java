package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The round-trip property pion/stun's fuzzers check: whatever decodes, re-encodes to a message that decodes to the
 * same thing (type, transaction ID, every attribute the builder writes itself, and whether FINGERPRINT was there).
 * Inputs are the committed corpus under {@code src/test/resources/fuzz/stun/} plus seeded mutations of it.
 * {@code -Dturnkit.corpus.update=true} rewrites the corpus from {@link #seeds()}.
 */
class RoundTripFuzzTest {
    private static final Path CORPUS = Path.of("src/test/resources/fuzz/stun");
    private static final long SEED = 0x5EED_C0DEL;
    private static Map<String, byte[]> corpus;

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("rfc5769-2.1-request", Vectors.request21());
        seeds.put("rfc5769-2.2-ipv4-response", Vectors.ipv4Response22());
        seeds.put("rfc5769-2.3-ipv6-response", Vectors.ipv6Response23());
        seeds.put("rfc5769-2.4-long-term-request", Vectors.longTermRequest24());
        Message.Builder everything = Message.request(Method.ALLOCATE);
        for (Attribute a : Samples.oneOfEach()) {
            if (!(a instanceof Attribute.MessageIntegrity || a instanceof Attribute.MessageIntegritySha256
                    || a instanceof Attribute.Fingerprint)) {
                everything.add(a);
            }
        }
        seeds.put("every-attribute-fingerprint", everything.add(new Attribute.Unknown(0x8055, new byte[] {9, 8, 7}))
                .fingerprint().encode());
        seeds.put("allocate-error-401", Message.builder(MessageType.of(Method.ALLOCATE, MessageClass.ERROR_RESPONSE))
                .add(new Attribute.ErrorCode(401, "Unauthorized")).add(new Attribute.Realm("turnkit.local"))
                .add(new Attribute.Nonce("abcdef0123456789")).fingerprint().encode());
        seeds.put("send-indication-ipv6", Message.indication(Method.SEND)
                .add(new Attribute.XorPeerAddress(new InetSocketAddress("2001:db8::7", 50000)))
                .add(new Attribute.Data(new byte[] {0, 1, 2})).encode());
        seeds.put("refresh-integrity-sha256", Message.request(Method.REFRESH).add(new Attribute.Lifetime(0))
                .add(new Attribute.Username("1799999999:u")).messageIntegrity(new byte[] {1, 2, 3})
                .messageIntegritySha256(new byte[] {4, 5, 6}).fingerprint().encode());
        return seeds;
    }

    @BeforeAll
    static void loadCorpus() throws IOException {
        if (Boolean.getBoolean("turnkit.corpus.update")) {
            Files.createDirectories(CORPUS);
            for (Map.Entry<String, byte[]> e : seeds().entrySet()) {
                Files.writeString(CORPUS.resolve(e.getKey() + ".hex"), HexFormat.of().formatHex(e.getValue()) + "\n");
            }
        }
        corpus = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.sorted().toList()) {
                corpus.put(f.getFileName().toString(),
                        HexFormat.of().parseHex(Files.readString(f, StandardCharsets.US_ASCII).strip()));
            }
        }
    }

    @Test
    void theCommittedCorpusIsThereAndEveryEntryDecodes() throws ProtocolException {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(seeds().size());
        for (byte[] input : corpus.values()) {
            Message.decode(input);
        }
    }

    @Test
    void decodeEncodeDecodeIsStableOnTheCorpus() throws ProtocolException {
        for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
            assertRoundTrip(e.getKey(), Message.decode(e.getValue()));
        }
    }

    @Test
    void decodeEncodeDecodeIsStableOnMutations() {
        Random random = new Random(SEED);
        List<byte[]> inputs = new ArrayList<>(corpus.values());
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] input = inputs.get(random.nextInt(inputs.size())).clone();
            // mutate only past the header so the attribute decoders see most of the damage
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips && input.length > 20; f++) {
                input[20 + random.nextInt(input.length - 20)] = (byte) random.nextInt(256);
            }
            Message m;
            try {
                m = Message.decode(input);
            } catch (ProtocolException rejected) {
                continue;
            }
            decoded++;
            assertRoundTrip(HexFormat.of().formatHex(input), m);
        }
        assertThat(decoded).as("mutations that still decode (values without FINGERPRINT, e.g.)").isPositive();
    }

    @Test
    void whatTheBuilderWroteComesBackByteForByte() throws ProtocolException {
        for (Map.Entry<String, byte[]> e : seeds().entrySet()) {
            if (e.getKey().startsWith("rfc5769") || e.getKey().contains("integrity")) {
                continue; // RFC 5769 pads with spaces, and integrity needs the key
            }
            assertThat(reencode(Message.decode(e.getValue()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static void assertRoundTrip(String what, Message first) {
        Message second;
        try {
            second = Message.decode(reencode(first));
        } catch (ProtocolException ex) {
            throw new AssertionError("re-encoded " + what + " no longer decodes: " + ex.getMessage(), ex);
        }
        assertThat(second.type()).as(what).isEqualTo(first.type());
        assertThat(second.transactionId()).as(what).isEqualTo(first.transactionId());
        assertThat(written(second)).as(what).isEqualTo(written(first));
        assertThat(second.get(Attribute.Fingerprint.class).isPresent())
                .isEqualTo(first.get(Attribute.Fingerprint.class).isPresent());
    }

    /** Encodes a decoded message again: the attributes the builder writes itself, then FINGERPRINT if it had one. */
    private static byte[] reencode(Message m) {
        Message.Builder b = Message.builder(m.type()).transactionId(m.transactionId()).addAll(written(m));
        if (m.get(Attribute.Fingerprint.class).isPresent()) {
            b.fingerprint();
        }
        return b.encode();
    }

    private static List<Attribute> written(Message m) {
        return m.attributes().stream()
                .filter(a -> !(a instanceof Attribute.MessageIntegrity || a instanceof Attribute.MessageIntegritySha256
                        || a instanceof Attribute.Fingerprint))
                .toList();
    }
}
