package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void messageTypeInterleavesMethodAndClassBits() {
        assertThat(MessageType.of(Method.BINDING, MessageClass.REQUEST).encode()).isEqualTo(0x0001);
        assertThat(MessageType.of(Method.BINDING, MessageClass.SUCCESS_RESPONSE).encode()).isEqualTo(0x0101);
        assertThat(MessageType.of(Method.ALLOCATE, MessageClass.SUCCESS_RESPONSE).encode())
                .as("Allocate success is 0x0103").isEqualTo(0x0103);
        assertThat(MessageType.of(Method.ALLOCATE, MessageClass.ERROR_RESPONSE).encode()).isEqualTo(0x0113);
        assertThat(MessageType.of(Method.SEND, MessageClass.INDICATION).encode()).isEqualTo(0x0016);
        assertThat(MessageType.of(Method.DATA, MessageClass.INDICATION).encode()).isEqualTo(0x0017);
        for (int m = 0; m <= 0xFFF; m += 7) {
            for (MessageClass c : MessageClass.values()) {
                MessageType t = MessageType.of(new Method(m), c);
                assertThat(MessageType.decode(t.encode())).isEqualTo(t);
            }
        }
    }

    @Test
    void everyAttributeRoundTrips() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 50001);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::42"), 3478);
        InetSocketAddress mapped = new InetSocketAddress(Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, -1), 80);
        List<Attribute> attributes = List.of(
                new Attribute.XorMappedAddress(v4),
                new Attribute.XorPeerAddress(v6),
                new Attribute.XorPeerAddress(mapped),
                new Attribute.XorRelayedAddress(v4),
                new Attribute.Username("1700000000:alice"),
                new Attribute.Realm("turn.example.org"),
                new Attribute.Nonce("abc/def+123"),
                new Attribute.Software("turnkit"),
                new Attribute.ErrorCode(438, "Stale Nonce"),
                new Attribute.Lifetime(0xFFFF_FFFFL),
                new Attribute.RequestedTransport(Attribute.RequestedTransport.UDP),
                new Attribute.RequestedAddressFamily(Attribute.RequestedAddressFamily.IPV6),
                new Attribute.Data(new byte[] {1, 2, 3, 4, 5}),
                new Attribute.ChannelNumber(0x4001),
                new Attribute.Unknown(0x7777, new byte[] {9, 8, 7}),
                new Attribute.Unknown(0xC001, new byte[0]));
        Message m = Message.request(Method.ALLOCATE).addAll(attributes).fingerprint().build();

        assertThat(m.attributes().subList(0, attributes.size())).as("attributes come back equal and in order")
                .containsExactlyElementsOf(attributes);
        assertThat(m.get(Attribute.XorPeerAddress.class)).isPresent();
        assertThat(m.getAll(Attribute.XorPeerAddress.class).get(1).address().getAddress())
                .as("an IPv4-mapped IPv6 peer keeps its IPv6 family").isInstanceOf(Inet6Address.class);
        assertThat(Message.decode(m.toBytes()).attributes()).isEqualTo(m.attributes());
    }

    @Test
    void integrityShaAndSha1VerifyAndFingerprintFollows() throws Exception {
        byte[] key = StunKeys.longTerm("user", "realm", "pass");
        Message m = Message.request(Method.REFRESH).add(new Attribute.Lifetime(0)).messageIntegrity(key)
                .messageIntegritySha256(key).fingerprint().build();

        assertThat(m.attributes()).extracting(Attribute::type).containsExactly(Attribute.Types.LIFETIME,
                Attribute.Types.MESSAGE_INTEGRITY, Attribute.Types.MESSAGE_INTEGRITY_SHA256, Attribute.Types.FINGERPRINT);
        assertThat(m.verifyMessageIntegrity(key)).isTrue();
        assertThat(m.verifyMessageIntegritySha256(key)).isTrue();
        assertThat(m.verifyMessageIntegrity(StunKeys.longTerm("user", "realm", "wrong"))).isFalse();
        assertThat(Message.request(Method.BINDING).build().verifyMessageIntegrity(key))
                .as("a message without MESSAGE-INTEGRITY never verifies").isFalse();
    }

    @Test
    void emptyPasswordKeyIsUsable() throws Exception {
        byte[] key = StunKeys.shortTerm("");
        assertThat(Message.request(Method.BINDING).messageIntegrity(key).build().verifyMessageIntegrity(key)).isTrue();
    }

    @Test
    void truncatedInputIsRejectedClearly() {
        byte[] wire = Vectors.request21();
        assertThatThrownBy(() -> Message.decode(Arrays.copyOf(wire, 10))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("truncated STUN message: 10 bytes");
        assertThatThrownBy(() -> Message.decode(Arrays.copyOf(wire, wire.length - 4)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("(truncated)");
    }

    @Test
    void badLengthsAreRejectedClearly() {
        byte[] wire = Vectors.request21();
        byte[] odd = wire.clone();
        odd[3] = 0x57;
        assertThatThrownBy(() -> Message.decode(odd)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("multiple of 4");
        byte[] trailing = Arrays.copyOf(wire, wire.length + 4);
        assertThatThrownBy(() -> Message.decode(trailing)).hasMessageContaining("trailing bytes");
        byte[] attrTooLong = wire.clone();
        attrTooLong[20 + 3] = (byte) 0xF0; // SOFTWARE claims 240 bytes
        assertThatThrownBy(() -> Message.decode(attrTooLong)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("attribute 0x8022 at offset 20 declares 240 bytes, beyond the end");
    }

    @Test
    void badCookieAndLeadingBitsAreRejected() {
        byte[] cookie = Vectors.request21();
        cookie[4] = 0x00;
        assertThatThrownBy(() -> Message.decode(cookie)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("bad magic cookie 0x0012a442");
        byte[] bits = Vectors.request21();
        bits[0] = (byte) 0x80;
        assertThatThrownBy(() -> Message.decode(bits)).hasMessageContaining("two leading bits must be zero");
    }

    @Test
    void badFingerprintIsRejected() {
        byte[] wire = Vectors.ipv4Response22();
        wire[wire.length - 1] ^= 0x01;
        assertThatThrownBy(() -> Message.decode(wire)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("bad FINGERPRINT");
        byte[] body = Vectors.ipv4Response22();
        body[30] ^= 0x01; // a SOFTWARE byte: FINGERPRINT no longer matches
        assertThatThrownBy(() -> Message.decode(body)).hasMessageContaining("bad FINGERPRINT");
    }

    @Test
    void malformedAttributeValuesAreRejected() {
        byte[] family = Message.request(Method.BINDING)
                .add(new Attribute.XorPeerAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1)))
                .encode();
        family[20 + 5] = 0x03;
        assertThatThrownBy(() -> Message.decode(family)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("XOR-PEER-ADDRESS has unknown address family 0x3");
        byte[] error = Message.builder(MessageType.of(Method.ALLOCATE, MessageClass.ERROR_RESPONSE))
                .add(new Attribute.ErrorCode(401, "Unauthorized")).encode();
        error[20 + 4 + 2] = 0x01; // class 1
        assertThatThrownBy(() -> Message.decode(error)).hasMessageContaining("ERROR-CODE has class 1");
        byte[] utf8 = Message.request(Method.BINDING).add(new Attribute.Username("ab")).encode();
        utf8[24] = (byte) 0xC3;
        utf8[25] = (byte) 0x28;
        assertThatThrownBy(() -> Message.decode(utf8)).hasMessageContaining("USERNAME is not valid UTF-8");
    }

    @Test
    void nulBytesThatCoturnPadsAReasonPhraseWithAreNotPartOfIt() throws Exception {
        // coturn 4.6.1 sends ERROR-CODE 437 with "Allocation mismatch: wrong credentials" (38 bytes) plus 2 NULs
        byte[] padded = Message.builder(MessageType.of(Method.ALLOCATE, MessageClass.ERROR_RESPONSE))
                .add(new Attribute.ErrorCode(437, "Allocation mismatch: wrong credentials\0\0")).encode();
        byte[] inner = Message.builder(MessageType.of(Method.ALLOCATE, MessageClass.ERROR_RESPONSE))
                .add(new Attribute.ErrorCode(437, "a\0b")).encode();

        assertThat(Message.decode(padded).error().orElseThrow().reason())
                .isEqualTo("Allocation mismatch: wrong credentials");
        assertThat(Message.decode(inner).error().orElseThrow().reason()).as("only trailing NULs go").isEqualTo("a\0b");
    }

    @Test
    void attributeAfterFingerprintIsRejected() {
        byte[] fp = Message.request(Method.BINDING).fingerprint().encode();
        byte[] withExtra = Arrays.copyOf(fp, fp.length + 4);
        withExtra[fp.length] = (byte) 0x80;
        withExtra[fp.length + 1] = 0x22;
        withExtra[3] = (byte) (withExtra.length - 20);
        assertThatThrownBy(() -> Message.decode(withExtra)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("FINGERPRINT");
    }

    @Test
    void computedAttributesCannotBeAddedByHand() {
        assertThatThrownBy(() -> Message.request(Method.BINDING).add(new Attribute.Fingerprint(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fingerprint()");
    }
}
