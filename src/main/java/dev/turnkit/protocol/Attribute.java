package dev.turnkit.protocol;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A STUN attribute (RFC 8489 §14, TURN attributes RFC 8656 §18). One record per attribute the toolkit uses;
 * everything else decodes to {@link Unknown} and re-encodes unchanged. Attributes that hold an address or an
 * integrity value are encoded by {@link Message.Builder}, which knows the transaction ID and the bytes before them.
 *
 * <p>Size: one small record per attribute, kept together so the sealed hierarchy reads as the attribute list of
 * RFC 8489 §14 and RFC 8656 §18.
 */
public sealed interface Attribute {

    /** The 16-bit attribute type (IANA "STUN Attributes" registry). */
    int type();

    /** Attribute type numbers (RFC 8489 §18.3, RFC 8656 §18). */
    final class Types {
        public static final int MAPPED_ADDRESS = 0x0001;
        public static final int USERNAME = 0x0006;
        public static final int MESSAGE_INTEGRITY = 0x0008;
        public static final int ERROR_CODE = 0x0009;
        public static final int CHANNEL_NUMBER = 0x000C;
        public static final int LIFETIME = 0x000D;
        public static final int XOR_PEER_ADDRESS = 0x0012;
        public static final int DATA = 0x0013;
        public static final int REALM = 0x0014;
        public static final int NONCE = 0x0015;
        public static final int XOR_RELAYED_ADDRESS = 0x0016;
        public static final int REQUESTED_ADDRESS_FAMILY = 0x0017;
        public static final int REQUESTED_TRANSPORT = 0x0019;
        public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
        public static final int XOR_MAPPED_ADDRESS = 0x0020;
        public static final int SOFTWARE = 0x8022;
        public static final int FINGERPRINT = 0x8028;

        private Types() {
        }
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the client's address as the server saw it. */
    record XorMappedAddress(InetSocketAddress address) implements Attribute {
        public XorMappedAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return Types.XOR_MAPPED_ADDRESS;
        }
    }

    /** XOR-PEER-ADDRESS (RFC 8656 §18.3): a peer of a TURN allocation. */
    record XorPeerAddress(InetSocketAddress address) implements Attribute {
        public XorPeerAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return Types.XOR_PEER_ADDRESS;
        }
    }

    /** XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the relayed transport address of an allocation. */
    record XorRelayedAddress(InetSocketAddress address) implements Attribute {
        public XorRelayedAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public int type() {
            return Types.XOR_RELAYED_ADDRESS;
        }
    }

    /** USERNAME (RFC 8489 §14.3): UTF-8, less than 509 bytes. */
    record Username(String value) implements Attribute {
        public Username {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return Types.USERNAME;
        }
    }

    /** REALM (RFC 8489 §14.9): UTF-8, fewer than 128 characters. */
    record Realm(String value) implements Attribute {
        public Realm {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return Types.REALM;
        }
    }

    /** NONCE (RFC 8489 §14.10): opaque server-chosen text, fewer than 128 characters. */
    record Nonce(String value) implements Attribute {
        public Nonce {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return Types.NONCE;
        }
    }

    /** SOFTWARE (RFC 8489 §14.14): the agent's software and version, fewer than 128 characters. */
    record Software(String value) implements Attribute {
        public Software {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int type() {
            return Types.SOFTWARE;
        }
    }

    /**
     * ERROR-CODE (RFC 8489 §14.8): a code from 300 to 699 and a UTF-8 reason phrase. Common values: 300 Try
     * Alternate, 400 Bad Request, 401 Unauthenticated, 403 Forbidden, 420 Unknown Attribute, 437 Allocation
     * Mismatch, 438 Stale Nonce, 440 Address Family not Supported, 441 Wrong Credentials, 442 Unsupported Transport
     * Protocol, 443 Peer Address Family Mismatch, 486 Allocation Quota Reached, 500 Server Error, 508 Insufficient
     * Capacity (RFC 8489 §14.8, RFC 8656 §19).
     */
    record ErrorCode(int code, String reason) implements Attribute {
        public ErrorCode {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("STUN error codes are 300..699, got " + code);
            }
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public int type() {
            return Types.ERROR_CODE;
        }

        @Override
        public String toString() {
            return code + " " + reason;
        }
    }

    /** MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 (20 bytes) over the message up to this attribute. */
    record MessageIntegrity(byte[] hmac) implements Attribute {
        public MessageIntegrity {
            if (hmac.length != 20) {
                throw new IllegalArgumentException("MESSAGE-INTEGRITY has 20 bytes, got " + hmac.length);
            }
            hmac = hmac.clone();
        }

        @Override
        public byte[] hmac() {
            return hmac.clone();
        }

        @Override
        public int type() {
            return Types.MESSAGE_INTEGRITY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegrity other && Arrays.equals(hmac, other.hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac);
        }

        @Override
        public String toString() {
            return "MessageIntegrity[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /**
     * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256 over the message up to this attribute, possibly
     * truncated to 16..32 bytes in steps of 4.
     */
    record MessageIntegritySha256(byte[] hmac) implements Attribute {
        public MessageIntegritySha256 {
            if (hmac.length < 16 || hmac.length > 32 || hmac.length % 4 != 0) {
                throw new IllegalArgumentException("MESSAGE-INTEGRITY-SHA256 has 16..32 bytes in steps of 4, got "
                        + hmac.length);
            }
            hmac = hmac.clone();
        }

        @Override
        public byte[] hmac() {
            return hmac.clone();
        }

        @Override
        public int type() {
            return Types.MESSAGE_INTEGRITY_SHA256;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageIntegritySha256 other && Arrays.equals(hmac, other.hmac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hmac);
        }

        @Override
        public String toString() {
            return "MessageIntegritySha256[" + HexFormat.of().formatHex(hmac) + "]";
        }
    }

    /** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to this attribute, XORed with 0x5354554E. */
    record Fingerprint(int crc) implements Attribute {
        @Override
        public int type() {
            return Types.FINGERPRINT;
        }
    }

    /** LIFETIME (RFC 8656 §18.2): seconds until the allocation expires; 0 in a Refresh deletes it. */
    record Lifetime(long seconds) implements Attribute {
        public Lifetime {
            if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("LIFETIME is an unsigned 32-bit number, got " + seconds);
            }
        }

        @Override
        public int type() {
            return Types.LIFETIME;
        }
    }

    /** REQUESTED-TRANSPORT (RFC 8656 §18.7): an IANA protocol number, 17 (UDP) for WebRTC. */
    record RequestedTransport(int protocol) implements Attribute {
        /** UDP (RFC 8656 §18.7). */
        public static final int UDP = 17;

        public RequestedTransport {
            if (protocol < 0 || protocol > 255) {
                throw new IllegalArgumentException("REQUESTED-TRANSPORT is one byte, got " + protocol);
            }
        }

        @Override
        public int type() {
            return Types.REQUESTED_TRANSPORT;
        }
    }

    /** REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.8): 0x01 IPv4, 0x02 IPv6 relayed address. */
    record RequestedAddressFamily(int family) implements Attribute {
        public static final int IPV4 = 0x01;
        public static final int IPV6 = 0x02;

        public RequestedAddressFamily {
            if (family < 0 || family > 255) {
                throw new IllegalArgumentException("REQUESTED-ADDRESS-FAMILY is one byte, got " + family);
            }
        }

        @Override
        public int type() {
            return Types.REQUESTED_ADDRESS_FAMILY;
        }
    }

    /** DATA (RFC 8656 §18.4): the application data of a Send or Data indication. */
    record Data(byte[] value) implements Attribute {
        public Data {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public int type() {
            return Types.DATA;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Data[" + value.length + " bytes]";
        }
    }

    /** CHANNEL-NUMBER (RFC 8656 §18.1): a channel in 0x4000..0x4FFF (RFC 8656 §12). */
    record ChannelNumber(int channel) implements Attribute {
        public ChannelNumber {
            if (channel < 0 || channel > 0xFFFF) {
                throw new IllegalArgumentException("CHANNEL-NUMBER is 16 bits, got " + channel);
            }
        }

        @Override
        public int type() {
            return Types.CHANNEL_NUMBER;
        }
    }

    /**
     * Any other attribute, kept as raw bytes so a decode/encode round trip preserves it. Types below 0x8000 are
     * comprehension-required (RFC 8489 §14).
     */
    record Unknown(int type, byte[] value) implements Attribute {
        public Unknown {
            if (type < 0 || type > 0xFFFF) {
                throw new IllegalArgumentException("attribute types are 16 bits, got " + type);
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public boolean comprehensionRequired() {
            return type < 0x8000;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown other && type == other.type && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return String.format("Unknown[0x%04x, %s]", type, HexFormat.of().formatHex(value));
        }
    }
}
