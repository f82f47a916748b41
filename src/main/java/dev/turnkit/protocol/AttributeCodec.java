package dev.turnkit.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes and decodes attribute values (RFC 8489 §14, RFC 8656 §18). Integrity attributes are handled by Message. */
final class AttributeCodec {
    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int MAX_USERNAME_BYTES = 513;
    private static final int MAX_TEXT_BYTES = 763;

    private AttributeCodec() {
    }

    static Attribute decode(int type, byte[] buf, int off, int len, TransactionId tid) throws ProtocolException {
        switch (type) {
            case Attribute.Types.XOR_MAPPED_ADDRESS:
                return new Attribute.XorMappedAddress(decodeXorAddress("XOR-MAPPED-ADDRESS", buf, off, len, tid));
            case Attribute.Types.XOR_PEER_ADDRESS:
                return new Attribute.XorPeerAddress(decodeXorAddress("XOR-PEER-ADDRESS", buf, off, len, tid));
            case Attribute.Types.XOR_RELAYED_ADDRESS:
                return new Attribute.XorRelayedAddress(decodeXorAddress("XOR-RELAYED-ADDRESS", buf, off, len, tid));
            case Attribute.Types.USERNAME:
                return new Attribute.Username(text("USERNAME", buf, off, len, MAX_USERNAME_BYTES));
            case Attribute.Types.REALM:
                return new Attribute.Realm(text("REALM", buf, off, len, MAX_TEXT_BYTES));
            case Attribute.Types.NONCE:
                return new Attribute.Nonce(text("NONCE", buf, off, len, MAX_TEXT_BYTES));
            case Attribute.Types.SOFTWARE:
                return new Attribute.Software(text("SOFTWARE", buf, off, len, MAX_TEXT_BYTES));
            case Attribute.Types.ERROR_CODE:
                return decodeErrorCode(buf, off, len);
            case Attribute.Types.MESSAGE_INTEGRITY:
                expectLength("MESSAGE-INTEGRITY", len, 20);
                return new Attribute.MessageIntegrity(Arrays.copyOfRange(buf, off, off + len));
            case Attribute.Types.MESSAGE_INTEGRITY_SHA256:
                if (len < 16 || len > 32 || len % 4 != 0) {
                    throw new ProtocolException("MESSAGE-INTEGRITY-SHA256 must have 16..32 bytes in steps of 4, has "
                            + len);
                }
                return new Attribute.MessageIntegritySha256(Arrays.copyOfRange(buf, off, off + len));
            case Attribute.Types.FINGERPRINT:
                expectLength("FINGERPRINT", len, 4);
                return new Attribute.Fingerprint(readInt(buf, off));
            case Attribute.Types.LIFETIME:
                expectLength("LIFETIME", len, 4);
                return new Attribute.Lifetime(readInt(buf, off) & 0xFFFF_FFFFL);
            case Attribute.Types.REQUESTED_TRANSPORT:
                expectLength("REQUESTED-TRANSPORT", len, 4);
                return new Attribute.RequestedTransport(buf[off] & 0xFF);
            case Attribute.Types.REQUESTED_ADDRESS_FAMILY:
                expectLength("REQUESTED-ADDRESS-FAMILY", len, 4);
                return new Attribute.RequestedAddressFamily(buf[off] & 0xFF);
            case Attribute.Types.CHANNEL_NUMBER:
                expectLength("CHANNEL-NUMBER", len, 4);
                return new Attribute.ChannelNumber(((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF));
            case Attribute.Types.DATA:
                return new Attribute.Data(Arrays.copyOfRange(buf, off, off + len));
            default:
                return new Attribute.Unknown(type, Arrays.copyOfRange(buf, off, off + len));
        }
    }

    /** The value bytes of an attribute that does not depend on the message around it. */
    static byte[] encodeValue(Attribute a, TransactionId tid) {
        if (a instanceof Attribute.XorMappedAddress x) {
            return encodeXorAddress(x.address(), tid);
        } else if (a instanceof Attribute.XorPeerAddress x) {
            return encodeXorAddress(x.address(), tid);
        } else if (a instanceof Attribute.XorRelayedAddress x) {
            return encodeXorAddress(x.address(), tid);
        } else if (a instanceof Attribute.Username u) {
            return u.value().getBytes(StandardCharsets.UTF_8);
        } else if (a instanceof Attribute.Realm r) {
            return r.value().getBytes(StandardCharsets.UTF_8);
        } else if (a instanceof Attribute.Nonce n) {
            return n.value().getBytes(StandardCharsets.UTF_8);
        } else if (a instanceof Attribute.Software s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        } else if (a instanceof Attribute.ErrorCode e) {
            byte[] reason = e.reason().getBytes(StandardCharsets.UTF_8);
            byte[] v = new byte[4 + reason.length];
            v[2] = (byte) (e.code() / 100);
            v[3] = (byte) (e.code() % 100);
            System.arraycopy(reason, 0, v, 4, reason.length);
            return v;
        } else if (a instanceof Attribute.MessageIntegrity m) {
            return m.hmac();
        } else if (a instanceof Attribute.MessageIntegritySha256 m) {
            return m.hmac();
        } else if (a instanceof Attribute.Fingerprint f) {
            return ByteBuffer.allocate(4).putInt(f.crc()).array();
        } else if (a instanceof Attribute.Lifetime l) {
            return ByteBuffer.allocate(4).putInt((int) l.seconds()).array();
        } else if (a instanceof Attribute.RequestedTransport t) {
            return new byte[] {(byte) t.protocol(), 0, 0, 0};
        } else if (a instanceof Attribute.RequestedAddressFamily f) {
            return new byte[] {(byte) f.family(), 0, 0, 0};
        } else if (a instanceof Attribute.ChannelNumber c) {
            return new byte[] {(byte) (c.channel() >> 8), (byte) c.channel(), 0, 0};
        } else if (a instanceof Attribute.Data d) {
            return d.value();
        } else if (a instanceof Attribute.Unknown u) {
            return u.value();
        }
        throw new IllegalStateException("unhandled attribute " + a);
    }

    /** RFC 8489 §14.2: X-Port = port XOR the top 16 bits of the cookie; X-Address XOR cookie (|| transaction ID). */
    static byte[] encodeXorAddress(InetSocketAddress address, TransactionId tid) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("address is unresolved: " + address);
        }
        byte[] raw = ip.getAddress();
        byte[] v = new byte[4 + raw.length];
        v[1] = (byte) (raw.length == 4 ? 0x01 : 0x02);
        int xport = address.getPort() ^ (MAGIC_COOKIE >>> 16);
        v[2] = (byte) (xport >> 8);
        v[3] = (byte) xport;
        byte[] key = xorKey(tid);
        for (int i = 0; i < raw.length; i++) {
            v[4 + i] = (byte) (raw[i] ^ key[i]);
        }
        return v;
    }

    private static InetSocketAddress decodeXorAddress(String name, byte[] buf, int off, int len, TransactionId tid)
            throws ProtocolException {
        if (len < 4) {
            throw new ProtocolException(name + " is " + len + " bytes, too short for family and port");
        }
        int family = buf[off + 1] & 0xFF;
        int addrLen = switch (family) {
            case 0x01 -> 4;
            case 0x02 -> 16;
            default -> throw new ProtocolException(name + " has unknown address family 0x"
                    + Integer.toHexString(family) + " (expected 0x01 IPv4 or 0x02 IPv6)");
        };
        if (len != 4 + addrLen) {
            throw new ProtocolException(name + " with family " + (family == 1 ? "IPv4" : "IPv6") + " must be "
                    + (4 + addrLen) + " bytes, is " + len);
        }
        int port = (((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF)) ^ (MAGIC_COOKIE >>> 16);
        byte[] key = xorKey(tid);
        byte[] raw = new byte[addrLen];
        for (int i = 0; i < addrLen; i++) {
            raw[i] = (byte) (buf[off + 4 + i] ^ key[i]);
        }
        try {
            InetAddress ip = addrLen == 4 ? Inet4Address.getByAddress(raw) : Inet6Address.getByAddress(null, raw, -1);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new ProtocolException(name + ": " + e.getMessage());
        }
    }

    private static byte[] xorKey(TransactionId tid) {
        byte[] key = new byte[16];
        key[0] = (byte) (MAGIC_COOKIE >>> 24);
        key[1] = (byte) (MAGIC_COOKIE >>> 16);
        key[2] = (byte) (MAGIC_COOKIE >>> 8);
        key[3] = (byte) MAGIC_COOKIE;
        for (int i = 0; i < TransactionId.LENGTH; i++) {
            key[4 + i] = tid.byteAt(i);
        }
        return key;
    }

    private static Attribute decodeErrorCode(byte[] buf, int off, int len) throws ProtocolException {
        if (len < 4) {
            throw new ProtocolException("ERROR-CODE is " + len + " bytes, needs at least 4");
        }
        int cls = buf[off + 2] & 0x07;
        int number = buf[off + 3] & 0xFF;
        if (cls < 3 || cls > 6 || number > 99) {
            throw new ProtocolException("ERROR-CODE has class " + cls + " and number " + number
                    + " (class must be 3..6, number 0..99)");
        }
        return new Attribute.ErrorCode(cls * 100 + number, text("ERROR-CODE reason", buf, off + 4, len - 4,
                MAX_TEXT_BYTES));
    }

    private static String text(String name, byte[] buf, int off, int len, int max) throws ProtocolException {
        if (len > max) {
            throw new ProtocolException(name + " is " + len + " bytes, more than the " + max + " allowed");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(name + " is not valid UTF-8");
        }
    }

    private static void expectLength(String name, int len, int expected) throws ProtocolException {
        if (len != expected) {
            throw new ProtocolException(name + " must be " + expected + " bytes, is " + len);
        }
    }

    static int readInt(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 24) | ((buf[off + 1] & 0xFF) << 16) | ((buf[off + 2] & 0xFF) << 8)
                | (buf[off + 3] & 0xFF);
    }
}
