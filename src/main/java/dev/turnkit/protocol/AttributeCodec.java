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
import dev.turnkit.protocol.Attribute.Types;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The attribute registry: encodes and decodes attribute values (RFC 8489 §14, RFC 8656 §18), one registration per
 * attribute. The integrity attributes and FINGERPRINT are decoded here and computed by {@link Message.Builder}.
 */
final class AttributeCodec {
    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int MAX_USERNAME_BYTES = 513;
    private static final int MAX_TEXT_BYTES = 763;

    private AttributeCodec() {
    }

    /** Reads one attribute value; {@code name} is the registered name, for messages. */
    @FunctionalInterface
    interface Decoder {
        Attribute decode(String name, byte[] buf, int off, int len, TransactionId tid) throws ProtocolException;
    }

    /** Writes one attribute value; the transaction ID is there for the XOR-encoded addresses. */
    @FunctionalInterface
    interface Encoder<A extends Attribute> {
        byte[] encode(A attribute, TransactionId tid);
    }

    /**
     * One registered attribute: its type number, its registry name, its record, and how its value is read and
     * written. {@code encoder} is null for the attributes that {@link Message.Builder} computes over the bytes before
     * them (MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256, FINGERPRINT).
     */
    record Kind<A extends Attribute>(int type, String name, Class<A> record, Decoder decoder, Encoder<A> encoder) {
        byte[] encodeValue(Attribute a, TransactionId tid) {
            if (encoder == null) {
                throw new IllegalArgumentException(name + " is computed by Message.Builder over the bytes before it; "
                        + "use integrity(...) or fingerprint()");
            }
            return encoder.encode(record.cast(a), tid);
        }
    }

    private static final Map<Integer, Kind<?>> BY_TYPE = new HashMap<>();
    private static final Map<Class<?>, Kind<?>> BY_RECORD = new HashMap<>();

    // One registration per attribute (RFC 8489 §14, RFC 8656 §18). A new attribute needs its record in Attribute,
    // its number in Attribute.Types, and one line here; CodecRegistryTest fails for a record left out.
    static {
        register(Types.XOR_MAPPED_ADDRESS, "XOR-MAPPED-ADDRESS", Attribute.XorMappedAddress.class,
                (n, b, o, l, t) -> new Attribute.XorMappedAddress(decodeXorAddress(n, b, o, l, t)),
                (a, t) -> encodeXorAddress(a.address(), t));
        register(Types.XOR_PEER_ADDRESS, "XOR-PEER-ADDRESS", Attribute.XorPeerAddress.class,
                (n, b, o, l, t) -> new Attribute.XorPeerAddress(decodeXorAddress(n, b, o, l, t)),
                (a, t) -> encodeXorAddress(a.address(), t));
        register(Types.XOR_RELAYED_ADDRESS, "XOR-RELAYED-ADDRESS", Attribute.XorRelayedAddress.class,
                (n, b, o, l, t) -> new Attribute.XorRelayedAddress(decodeXorAddress(n, b, o, l, t)),
                (a, t) -> encodeXorAddress(a.address(), t));
        register(Types.USERNAME, "USERNAME", Attribute.Username.class,
                (n, b, o, l, t) -> new Attribute.Username(text(n, b, o, l, MAX_USERNAME_BYTES)),
                (a, t) -> utf8(a.value()));
        register(Types.REALM, "REALM", Attribute.Realm.class,
                (n, b, o, l, t) -> new Attribute.Realm(text(n, b, o, l, MAX_TEXT_BYTES)), (a, t) -> utf8(a.value()));
        register(Types.NONCE, "NONCE", Attribute.Nonce.class,
                (n, b, o, l, t) -> new Attribute.Nonce(text(n, b, o, l, MAX_TEXT_BYTES)), (a, t) -> utf8(a.value()));
        register(Types.SOFTWARE, "SOFTWARE", Attribute.Software.class,
                (n, b, o, l, t) -> new Attribute.Software(text(n, b, o, l, MAX_TEXT_BYTES)), (a, t) -> utf8(a.value()));
        register(Types.ERROR_CODE, "ERROR-CODE", Attribute.ErrorCode.class,
                AttributeCodec::decodeErrorCode, (a, t) -> encodeErrorCode(a));
        register(Types.MESSAGE_INTEGRITY, "MESSAGE-INTEGRITY", Attribute.MessageIntegrity.class,
                (n, b, o, l, t) -> new Attribute.MessageIntegrity(fixed(n, b, o, l, 20)), null);
        register(Types.MESSAGE_INTEGRITY_SHA256, "MESSAGE-INTEGRITY-SHA256", Attribute.MessageIntegritySha256.class,
                AttributeCodec::decodeIntegritySha256, null);
        register(Types.FINGERPRINT, "FINGERPRINT", Attribute.Fingerprint.class,
                (n, b, o, l, t) -> new Attribute.Fingerprint(readInt(fixed(n, b, o, l, 4), 0)), null);
        register(Types.LIFETIME, "LIFETIME", Attribute.Lifetime.class,
                (n, b, o, l, t) -> new Attribute.Lifetime(readInt(fixed(n, b, o, l, 4), 0) & 0xFFFF_FFFFL),
                (a, t) -> ByteBuffer.allocate(4).putInt((int) a.seconds()).array());
        register(Types.REQUESTED_TRANSPORT, "REQUESTED-TRANSPORT", Attribute.RequestedTransport.class,
                (n, b, o, l, t) -> new Attribute.RequestedTransport(fixed(n, b, o, l, 4)[0] & 0xFF),
                (a, t) -> new byte[] {(byte) a.protocol(), 0, 0, 0});
        register(Types.REQUESTED_ADDRESS_FAMILY, "REQUESTED-ADDRESS-FAMILY", Attribute.RequestedAddressFamily.class,
                (n, b, o, l, t) -> new Attribute.RequestedAddressFamily(fixed(n, b, o, l, 4)[0] & 0xFF),
                (a, t) -> new byte[] {(byte) a.family(), 0, 0, 0});
        register(Types.CHANNEL_NUMBER, "CHANNEL-NUMBER", Attribute.ChannelNumber.class,
                (n, b, o, l, t) -> {
                    byte[] v = fixed(n, b, o, l, 4);
                    return new Attribute.ChannelNumber(((v[0] & 0xFF) << 8) | (v[1] & 0xFF));
                },
                (a, t) -> new byte[] {(byte) (a.channel() >> 8), (byte) a.channel(), 0, 0});
        register(Types.DATA, "DATA", Attribute.Data.class,
                (n, b, o, l, t) -> new Attribute.Data(Arrays.copyOfRange(b, o, o + l)), (a, t) -> a.value());
    }

    private static <A extends Attribute> void register(int type, String name, Class<A> record, Decoder decoder,
            Encoder<A> encoder) {
        Kind<A> kind = new Kind<>(type, name, record, decoder, encoder);
        if (BY_TYPE.putIfAbsent(type, kind) != null || BY_RECORD.putIfAbsent(record, kind) != null) {
            throw new IllegalStateException("attribute registered twice: " + name);
        }
    }

    /** The registered kinds, for tests and diagnostics. */
    static Collection<Kind<?>> kinds() {
        return Collections.unmodifiableCollection(BY_TYPE.values());
    }

    /** The registry name of an attribute type ("XOR-MAPPED-ADDRESS"), or {@code 0xNNNN} for an unknown one. */
    static String name(int type) {
        Kind<?> kind = BY_TYPE.get(type);
        return kind != null ? kind.name() : String.format("0x%04X", type);
    }

    static Attribute decode(int type, byte[] buf, int off, int len, TransactionId tid) throws ProtocolException {
        Kind<?> kind = BY_TYPE.get(type);
        if (kind == null) {
            return new Attribute.Unknown(type, Arrays.copyOfRange(buf, off, off + len));
        }
        return kind.decoder().decode(kind.name(), buf, off, len, tid);
    }

    /** The value bytes of an attribute that does not depend on the message around it. */
    static byte[] encodeValue(Attribute a, TransactionId tid) {
        if (a instanceof Attribute.Unknown u) {
            return u.value();
        }
        Kind<?> kind = BY_RECORD.get(a.getClass());
        if (kind == null) {
            throw new IllegalStateException("attribute record not registered in AttributeCodec: " + a.getClass());
        }
        return kind.encodeValue(a, tid);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encodeErrorCode(Attribute.ErrorCode e) {
        byte[] reason = utf8(e.reason());
        byte[] v = new byte[4 + reason.length];
        v[2] = (byte) (e.code() / 100);
        v[3] = (byte) (e.code() % 100);
        System.arraycopy(reason, 0, v, 4, reason.length);
        return v;
    }

    private static Attribute decodeIntegritySha256(String name, byte[] buf, int off, int len, TransactionId tid)
            throws ProtocolException {
        if (len < 16 || len > 32 || len % 4 != 0) {
            throw new ProtocolException(name + " must have 16..32 bytes in steps of 4, has " + len);
        }
        return new Attribute.MessageIntegritySha256(Arrays.copyOfRange(buf, off, off + len));
    }

    /** The value of a fixed-size attribute, after checking its length. */
    private static byte[] fixed(String name, byte[] buf, int off, int len, int expected) throws ProtocolException {
        if (len != expected) {
            throw new ProtocolException(name + " must be " + expected + " bytes, is " + len);
        }
        return Arrays.copyOfRange(buf, off, off + len);
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

    private static Attribute decodeErrorCode(String name, byte[] buf, int off, int len, TransactionId tid)
            throws ProtocolException {
        if (len < 4) {
            throw new ProtocolException(name + " is " + len + " bytes, needs at least 4");
        }
        int cls = buf[off + 2] & 0x07;
        int number = buf[off + 3] & 0xFF;
        if (cls < 3 || cls > 6 || number > 99) {
            throw new ProtocolException(name + " has class " + cls + " and number " + number
                    + " (class must be 3..6, number 0..99)");
        }
        // coturn pads the reason phrase itself to a multiple of 4 with NUL bytes, inside the attribute's length
        // ("manual padding for compatibility with classic old stun"); they are not part of the phrase
        int end = off + len;
        while (end > off + 4 && buf[end - 1] == 0) {
            end--;
        }
        return new Attribute.ErrorCode(cls * 100 + number, text(name + " reason", buf, off + 4, end - off - 4,
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

    static int readInt(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 24) | ((buf[off + 1] & 0xFF) << 16) | ((buf[off + 2] & 0xFF) << 8)
                | (buf[off + 3] & 0xFF);
    }
}
