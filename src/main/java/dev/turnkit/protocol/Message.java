package dev.turnkit.protocol;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN/TURN message (RFC 8489 §5): a 20-byte header (type, length, magic cookie, transaction ID) and attributes,
 * each padded to a multiple of 4 bytes (RFC 8489 §14).
 *
 * <p>{@link #decode(byte[])} validates everything RFC 8489 §6.3 asks of a receiver that can be checked without
 * state: the two leading zero bits, the magic cookie, a length that is a multiple of 4 and matches the input,
 * attribute lengths that stay inside the message, a correct FINGERPRINT as the last attribute. Anything else is a
 * {@link ProtocolException} with a clear message; no other exception escapes. The decoded message keeps its wire
 * bytes so MESSAGE-INTEGRITY can be checked later with {@link #verifyMessageIntegrity(byte[])}.
 *
 * <p>Messages are built with {@link #builder(MessageType)}, which appends MESSAGE-INTEGRITY,
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT last, in that order (RFC 8489 §14.5-§14.7).
 */
public final class Message {
    /** Size of the STUN header (RFC 8489 §5). */
    public static final int HEADER_LENGTH = 20;
    /** The fixed magic cookie (RFC 8489 §5). */
    public static final int MAGIC_COOKIE = AttributeCodec.MAGIC_COOKIE;
    /** XORed into the CRC-32 of FINGERPRINT (RFC 8489 §14.7). */
    static final int FINGERPRINT_XOR = 0x5354554E;

    private final MessageType type;
    private final TransactionId transactionId;
    private final List<Attribute> attributes;
    private final int[] offsets;
    private final byte[] wire;

    private Message(MessageType type, TransactionId transactionId, List<Attribute> attributes, int[] offsets,
            byte[] wire) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = Collections.unmodifiableList(attributes);
        this.offsets = offsets;
        this.wire = wire;
    }

    /** Decodes one message that fills {@code datagram} exactly. */
    public static Message decode(byte[] datagram) throws ProtocolException {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes one message that fills {@code buf[off, off+len)} exactly. */
    public static Message decode(byte[] buf, int off, int len) throws ProtocolException {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new ProtocolException("bad buffer bounds: offset " + off + ", length " + len + ", buffer "
                    + buf.length);
        }
        if (len < HEADER_LENGTH) {
            throw new ProtocolException("truncated STUN message: " + len + " bytes, the header alone is 20");
        }
        byte[] wire = Arrays.copyOfRange(buf, off, off + len);
        int rawType = ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF);
        if ((rawType & 0xC000) != 0) {
            throw new ProtocolException(String.format(
                    "not a STUN message: the two leading bits must be zero (first byte 0x%02x)", wire[0] & 0xFF));
        }
        int bodyLength = ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
        if (bodyLength % 4 != 0) {
            throw new ProtocolException("bad STUN message length " + bodyLength + ": must be a multiple of 4");
        }
        if (bodyLength != len - HEADER_LENGTH) {
            throw new ProtocolException("bad STUN message length: header says " + bodyLength
                    + " bytes of attributes, input has " + (len - HEADER_LENGTH)
                    + (bodyLength > len - HEADER_LENGTH ? " (truncated)" : " (trailing bytes)"));
        }
        int cookie = AttributeCodec.readInt(wire, 4);
        if (cookie != MAGIC_COOKIE) {
            throw new ProtocolException(String.format(
                    "bad magic cookie 0x%08x (expected 0x2112a442): an RFC 3489 client or not STUN", cookie));
        }
        TransactionId tid = TransactionId.of(Arrays.copyOfRange(wire, 8, 20));
        MessageType type = MessageType.decode(rawType);

        List<Attribute> attributes = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int pos = HEADER_LENGTH;
        while (pos < len) {
            if (len - pos < 4) {
                throw new ProtocolException("truncated attribute header at offset " + pos);
            }
            int attrType = ((wire[pos] & 0xFF) << 8) | (wire[pos + 1] & 0xFF);
            int attrLen = ((wire[pos + 2] & 0xFF) << 8) | (wire[pos + 3] & 0xFF);
            int padded = (attrLen + 3) & ~3;
            if (pos + 4 + padded > len) {
                throw new ProtocolException(String.format(
                        "attribute 0x%04x at offset %d declares %d bytes, beyond the end of the message (%d bytes)",
                        attrType, pos, attrLen, len));
            }
            if (!attributes.isEmpty() && attributes.get(attributes.size() - 1) instanceof Attribute.Fingerprint) {
                throw new ProtocolException("attribute after FINGERPRINT at offset " + pos
                        + ": FINGERPRINT must be last (RFC 8489 §14.7)");
            }
            Attribute a = AttributeCodec.decode(attrType, wire, pos + 4, attrLen, tid);
            if (a instanceof Attribute.Fingerprint fp) {
                int expected = fingerprint(wire, pos);
                if (fp.crc() != expected) {
                    throw new ProtocolException(String.format(
                            "bad FINGERPRINT 0x%08x, computed 0x%08x: message corrupted in transit", fp.crc(),
                            expected));
                }
            }
            attributes.add(a);
            offsets.add(pos);
            pos += 4 + padded;
        }
        return new Message(type, tid, attributes, offsets.stream().mapToInt(Integer::intValue).toArray(), wire);
    }

    /** True if {@code first} can start a STUN message (leading bits 00), false for ChannelData (01) or others. */
    public static boolean looksLikeStun(byte first) {
        return (first & 0xC0) == 0;
    }

    public static Builder builder(MessageType type) {
        return new Builder(type);
    }

    /** A request of {@code method} with a fresh random transaction ID. */
    public static Builder request(Method method) {
        return new Builder(MessageType.of(method, MessageClass.REQUEST));
    }

    /** An indication of {@code method} with a fresh random transaction ID. */
    public static Builder indication(Method method) {
        return new Builder(MessageType.of(method, MessageClass.INDICATION));
    }

    public MessageType type() {
        return type;
    }

    public Method method() {
        return type.method();
    }

    public MessageClass messageClass() {
        return type.messageClass();
    }

    public TransactionId transactionId() {
        return transactionId;
    }

    /** All attributes in wire order, including unknown ones. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The first attribute of the given kind. */
    public <T extends Attribute> Optional<T> get(Class<T> kind) {
        for (Attribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    /** All attributes of the given kind, in wire order. */
    public <T extends Attribute> List<T> getAll(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (kind.isInstance(a)) {
                out.add(kind.cast(a));
            }
        }
        return out;
    }

    /** The ERROR-CODE of an error response. */
    public Optional<Attribute.ErrorCode> error() {
        return get(Attribute.ErrorCode.class);
    }

    /** A copy of the wire bytes. */
    public byte[] toBytes() {
        return wire.clone();
    }

    /**
     * Checks MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 with {@code key} over the message up to the attribute,
     * with the header length adjusted to end just after it. False if the attribute is missing or does not match.
     */
    public boolean verifyMessageIntegrity(byte[] key) {
        return verify(Attribute.MessageIntegrity.class, "HmacSHA1", key);
    }

    /** Checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6) the same way; a truncated value compares its prefix. */
    public boolean verifyMessageIntegritySha256(byte[] key) {
        return verify(Attribute.MessageIntegritySha256.class, "HmacSHA256", key);
    }

    private boolean verify(Class<? extends Attribute> kind, String algorithm, byte[] key) {
        for (int i = 0; i < attributes.size(); i++) {
            Attribute a = attributes.get(i);
            if (kind.isInstance(a)) {
                byte[] received = a instanceof Attribute.MessageIntegrity mi ? mi.hmac()
                        : ((Attribute.MessageIntegritySha256) a).hmac();
                byte[] computed = hmac(algorithm, key, wire, offsets[i], received.length);
                return MessageDigest.isEqual(received, Arrays.copyOf(computed, received.length));
            }
        }
        return false;
    }

    /** HMAC over {@code wire[0, end)} with the length field set as if the message ended after a value of valueLen. */
    static byte[] hmac(String algorithm, byte[] key, byte[] wire, int end, int valueLen) {
        byte[] copy = Arrays.copyOf(wire, end);
        int length = end - HEADER_LENGTH + 4 + valueLen;
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        try {
            Mac mac = Mac.getInstance(algorithm);
            // HMAC zero-pads the key to the block size, so an empty key equals a one-zero-byte key (RFC 2104 §2);
            // SecretKeySpec refuses empty keys.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(copy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable in this JVM", e);
        }
    }

    /** CRC-32 of {@code wire[0, end)} (length field set to end after FINGERPRINT) XOR 0x5354554E. */
    static int fingerprint(byte[] wire, int end) {
        byte[] copy = Arrays.copyOf(wire, end);
        int length = end - HEADER_LENGTH + 8;
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        CRC32 crc = new CRC32();
        crc.update(copy);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    @Override
    public String toString() {
        return type + " " + transactionId + " " + attributes;
    }

    /**
     * Builds the wire bytes of a message. Attributes are written in the order added, padded with
     * {@link #padding(byte)} (zero by default; RFC 8489 §14 lets senders choose, RFC 5769 uses spaces); then
     * MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT if requested.
     */
    public static final class Builder {
        private final MessageType type;
        private TransactionId transactionId = TransactionId.random();
        private final List<Attribute> attributes = new ArrayList<>();
        private byte padding;
        private byte[] integrityKey;
        private byte[] integritySha256Key;
        private boolean fingerprint;

        private Builder(MessageType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder transactionId(TransactionId id) {
            this.transactionId = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder add(Attribute attribute) {
            if (attribute instanceof Attribute.MessageIntegrity || attribute instanceof Attribute.MessageIntegritySha256
                    || attribute instanceof Attribute.Fingerprint) {
                throw new IllegalArgumentException("integrity and fingerprint attributes are computed: use "
                        + "messageIntegrity(key), messageIntegritySha256(key) or fingerprint()");
            }
            attributes.add(Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        public Builder addAll(List<? extends Attribute> list) {
            list.forEach(this::add);
            return this;
        }

        /** The byte used to pad attribute values to a multiple of 4. */
        public Builder padding(byte value) {
            this.padding = value;
            return this;
        }

        /** Appends MESSAGE-INTEGRITY computed with {@code key} (see {@link StunKeys}). */
        public Builder messageIntegrity(byte[] key) {
            this.integrityKey = key.clone();
            return this;
        }

        /** Appends MESSAGE-INTEGRITY-SHA256 (32 bytes) computed with {@code key}. */
        public Builder messageIntegritySha256(byte[] key) {
            this.integritySha256Key = key.clone();
            return this;
        }

        /** Appends FINGERPRINT (RFC 8489 §14.7). */
        public Builder fingerprint() {
            this.fingerprint = true;
            return this;
        }

        public TransactionId transactionId() {
            return transactionId;
        }

        public MessageType type() {
            return type;
        }

        /** The wire bytes. */
        public byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            int t = type.encode();
            out.write(t >> 8);
            out.write(t);
            out.write(0);
            out.write(0);
            out.writeBytes(new byte[] {0x21, 0x12, (byte) 0xA4, 0x42});
            out.writeBytes(transactionId.toBytes());
            for (Attribute a : attributes) {
                writeAttribute(out, a.type(), AttributeCodec.encodeValue(a, transactionId));
            }
            if (integrityKey != null) {
                byte[] soFar = out.toByteArray();
                writeAttribute(out, Attribute.Types.MESSAGE_INTEGRITY,
                        hmac("HmacSHA1", integrityKey, soFar, soFar.length, 20));
            }
            if (integritySha256Key != null) {
                byte[] soFar = out.toByteArray();
                writeAttribute(out, Attribute.Types.MESSAGE_INTEGRITY_SHA256,
                        hmac("HmacSHA256", integritySha256Key, soFar, soFar.length, 32));
            }
            if (fingerprint) {
                byte[] soFar = out.toByteArray();
                int crc = Message.fingerprint(soFar, soFar.length);
                writeAttribute(out, Attribute.Types.FINGERPRINT,
                        new byte[] {(byte) (crc >> 24), (byte) (crc >> 16), (byte) (crc >> 8), (byte) crc});
            }
            byte[] wire = out.toByteArray();
            int length = wire.length - HEADER_LENGTH;
            if (length > 0xFFFF) {
                throw new IllegalArgumentException("message too long: " + length + " bytes of attributes");
            }
            wire[2] = (byte) (length >> 8);
            wire[3] = (byte) length;
            return wire;
        }

        /** Encodes and decodes again: the message as a receiver would see it. */
        public Message build() {
            try {
                return decode(encode());
            } catch (ProtocolException e) {
                throw new IllegalStateException("built an undecodable message: " + e.getMessage(), e);
            }
        }

        private void writeAttribute(ByteArrayOutputStream out, int attrType, byte[] value) {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException(String.format("attribute 0x%04x too long: %d bytes", attrType,
                        value.length));
            }
            out.write(attrType >> 8);
            out.write(attrType);
            out.write(value.length >> 8);
            out.write(value.length);
            out.writeBytes(value);
            for (int i = value.length; i % 4 != 0; i++) {
                out.write(padding);
            }
        }
    }
}
