package dev.turnkit.protocol;

import java.net.InetSocketAddress;
import java.util.List;

/** One value of every attribute record, for registry and round-trip tests. */
final class Samples {
    private Samples() {
    }

    static List<Attribute> oneOfEach() {
        return List.of(
                new Attribute.XorMappedAddress(new InetSocketAddress("192.0.2.1", 32853)),
                new Attribute.XorPeerAddress(new InetSocketAddress("2001:db8::1", 9)),
                new Attribute.XorRelayedAddress(new InetSocketAddress("198.51.100.7", 49152)),
                new Attribute.Username("1799999999:user-42"),
                new Attribute.Realm("turn.example.com"),
                new Attribute.Nonce("f//499k954d6OL34oL9FSTvy64sA"),
                new Attribute.Software("turnkit"),
                new Attribute.ErrorCode(438, "Stale Nonce"),
                new Attribute.MessageIntegrity(new byte[20]),
                new Attribute.MessageIntegritySha256(new byte[32]),
                new Attribute.Fingerprint(0x12345678),
                new Attribute.Lifetime(600),
                new Attribute.RequestedTransport(Attribute.RequestedTransport.UDP),
                new Attribute.RequestedAddressFamily(Attribute.RequestedAddressFamily.IPV6),
                new Attribute.ChannelNumber(0x4001),
                new Attribute.Data(new byte[] {1, 2, 3, 4, 5}));
    }
}
