package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5769 §2: every vector decodes, verifies and re-encodes byte for byte. */
class Rfc5769VectorsTest {

    private static byte[] reencode(Message m, byte padding, byte[] key, boolean fingerprint) {
        Message.Builder b = Message.builder(m.type()).transactionId(m.transactionId()).padding(padding);
        for (Attribute a : m.attributes()) {
            if (!(a instanceof Attribute.MessageIntegrity) && !(a instanceof Attribute.Fingerprint)) {
                b.add(a);
            }
        }
        b.messageIntegrity(key);
        if (fingerprint) {
            b.fingerprint();
        }
        return b.encode();
    }

    @Test
    void sampleRequest21() throws Exception {
        byte[] wire = Vectors.request21();
        Message m = Message.decode(wire);

        assertThat(m.type()).isEqualTo(MessageType.of(Method.BINDING, MessageClass.REQUEST));
        assertThat(m.transactionId()).isEqualTo(TransactionId.fromHex("b7e7a701bc34d686fa87dfae"));
        assertThat(m.get(Attribute.Software.class)).contains(new Attribute.Software("STUN test client"));
        assertThat(m.get(Attribute.Username.class)).contains(new Attribute.Username("evtj:h6vY"));
        assertThat(m.getAll(Attribute.Unknown.class)).as("PRIORITY and ICE-CONTROLLED are kept as unknown attributes")
                .extracting(Attribute::type).containsExactly(0x0024, 0x8029);
        byte[] key = StunKeys.shortTerm(Vectors.SHORT_TERM_PASSWORD);
        assertThat(m.verifyMessageIntegrity(key)).as("MESSAGE-INTEGRITY verifies with the short-term key").isTrue();
        assertThat(m.get(Attribute.Fingerprint.class)).as("FINGERPRINT is present (and was verified on decode)")
                .isPresent();
        assertThat(reencode(m, (byte) 0x20, key, true)).as("re-encoding with space padding is byte-exact")
                .isEqualTo(wire);
    }

    @Test
    void sampleIpv4Response22() throws Exception {
        byte[] wire = Vectors.ipv4Response22();
        Message m = Message.decode(wire);

        assertThat(m.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
        assertThat(m.get(Attribute.XorMappedAddress.class).orElseThrow().address())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(m.get(Attribute.Software.class)).contains(new Attribute.Software("test vector"));
        byte[] key = StunKeys.shortTerm(Vectors.SHORT_TERM_PASSWORD);
        assertThat(m.verifyMessageIntegrity(key)).isTrue();
        assertThat(reencode(m, (byte) 0x20, key, true)).isEqualTo(wire);
    }

    @Test
    void sampleIpv6Response23() throws Exception {
        byte[] wire = Vectors.ipv6Response23();
        Message m = Message.decode(wire);

        assertThat(m.get(Attribute.XorMappedAddress.class).orElseThrow().address())
                .as("the IPv6 address is XORed with cookie and transaction ID")
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
        byte[] key = StunKeys.shortTerm(Vectors.SHORT_TERM_PASSWORD);
        assertThat(m.verifyMessageIntegrity(key)).isTrue();
        assertThat(reencode(m, (byte) 0x20, key, true)).isEqualTo(wire);
    }

    @Test
    void sampleLongTermRequest24() throws Exception {
        byte[] wire = Vectors.longTermRequest24();
        Message m = Message.decode(wire);

        assertThat(m.transactionId()).isEqualTo(TransactionId.fromHex("78ad3433c6ad72c029da412e"));
        assertThat(m.get(Attribute.Username.class)).contains(new Attribute.Username(Vectors.LONG_TERM_USERNAME));
        assertThat(m.get(Attribute.Realm.class)).contains(new Attribute.Realm(Vectors.LONG_TERM_REALM));
        assertThat(m.get(Attribute.Nonce.class)).contains(new Attribute.Nonce("f//499k954d6OL34oL9FSTvy64sA"));
        assertThat(m.get(Attribute.Fingerprint.class)).isEmpty();

        byte[] key = StunKeys.longTerm(Vectors.LONG_TERM_USERNAME, Vectors.LONG_TERM_REALM,
                Vectors.LONG_TERM_PASSWORD_RAW);
        assertThat(m.verifyMessageIntegrity(key)).as("MESSAGE-INTEGRITY verifies with MD5(user:realm:SASLprep(pw))")
                .isTrue();
        assertThat(reencode(m, (byte) 0, key, false)).as("re-encoding with zero padding is byte-exact")
                .isEqualTo(wire);
    }

    @Test
    void sampleLongTermRequest24FailsWithoutSaslPrep() throws Exception {
        Message m = Message.decode(Vectors.longTermRequest24());
        byte[] unprepped = java.security.MessageDigest.getInstance("MD5").digest(
                (Vectors.LONG_TERM_USERNAME + ":" + Vectors.LONG_TERM_REALM + ":" + Vectors.LONG_TERM_PASSWORD_RAW)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(m.verifyMessageIntegrity(unprepped))
                .as("the key from the un-prepared password must not verify (RFC 5769 §2.4)").isFalse();
        assertThat(SaslPrep.prepare(Vectors.LONG_TERM_PASSWORD_RAW)).isEqualTo("TheMatrIX");
    }

    @Test
    void wrongShortTermPasswordDoesNotVerify() throws Exception {
        for (byte[] wire : List.of(Vectors.request21(), Vectors.ipv4Response22(), Vectors.ipv6Response23())) {
            assertThat(Message.decode(wire).verifyMessageIntegrity(StunKeys.shortTerm("VOkJxbRl1RmTxUk/WvJxBT")))
                    .as("one changed character in the password must fail").isFalse();
        }
    }
}
