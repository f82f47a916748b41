package dev.turnkit.protocol;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STUN/TURN message (RFC 8489 §5): a 20-byte header (type, length, magic cookie, transaction ID) and attributes,
 * each padded to a multiple of 4 bytes (RFC 8489 §14).
 *
 * <p>{@link #decode(byte[])} validates everything RFC 8489 §6.3 asks of a receiver that can be checked without
 * state (the checks are listed in {@link MessageDecoder}); anything else is a {@link ProtocolException} with a clear
 * message, and no other exception escapes. The decoded message keeps its wire bytes so MESSAGE-INTEGRITY can be
 * checked later with {@link #verifyMessageIntegrity(byte[])} ({@link Checksums} computes both integrity values and
 * FINGERPRINT).
 *
 * <p>Messages are built with {@link #builder(MessageType)}, which appends MESSAGE-INTEGRITY,
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT last, in that order (RFC 8489 §14.5-§14.7).
 */
public final class Message {
    /** Size of the STUN header (RFC 8489 §5). */
    public static final int HEADER_LENGTH = 20;
    /** The fixed magic cookie (RFC 8489 §5). */
    public static final int MAGIC_COOKIE = AttributeCodec.MAGIC_COOKIE;

    private final MessageType type;
    private final TransactionId transactionId;
    private final List<Attribute> attributes;
    private final int[] offsets;
    private final byte[] wire;

    /** A decoded message; {@code offsets[i]} is where attribute i starts in {@code wire}. */
    Message(MessageType type, TransactionId transactionId, List<Attribute> attributes, int[] offsets,
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

    /** Decodes one message that fills {@code buf[off, off+len)} exactly (checks: {@link MessageDecoder}). */
    public static Message decode(byte[] buf, int off, int len) throws ProtocolException {
        return MessageDecoder.decode(buf, off, len);
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
                byte[] computed = Checksums.hmac(algorithm, key, wire, offsets[i], received.length);
                return MessageDigest.isEqual(received, Arrays.copyOf(computed, received.length));
            }
        }
        return false;
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
                        Checksums.hmac("HmacSHA1", integrityKey, soFar, soFar.length, 20));
            }
            if (integritySha256Key != null) {
                byte[] soFar = out.toByteArray();
                writeAttribute(out, Attribute.Types.MESSAGE_INTEGRITY_SHA256,
                        Checksums.hmac("HmacSHA256", integritySha256Key, soFar, soFar.length, 32));
            }
            if (fingerprint) {
                byte[] soFar = out.toByteArray();
                int crc = Checksums.fingerprint(soFar, soFar.length);
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
