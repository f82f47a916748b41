package dev.turnkit.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes one STUN/TURN message, checking everything RFC 8489 §6.3 asks of a receiver that can be checked without
 * state: the two leading zero bits, the magic cookie, a length that is a multiple of 4 and matches the input,
 * attribute lengths that stay inside the message, and a correct FINGERPRINT as the last attribute. Each attribute
 * value is decoded by {@link AttributeCodec}. Any violation is a {@link ProtocolException} that says what is wrong
 * and where; no other exception escapes (the fuzz tests hold it to that).
 */
final class MessageDecoder {
    private MessageDecoder() {
    }

    /** Decodes one message that fills {@code buf[off, off+len)} exactly. */
    static Message decode(byte[] buf, int off, int len) throws ProtocolException {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new ProtocolException("bad buffer bounds: offset " + off + ", length " + len + ", buffer "
                    + buf.length);
        }
        if (len < Message.HEADER_LENGTH) {
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
        if (bodyLength != len - Message.HEADER_LENGTH) {
            throw new ProtocolException("bad STUN message length: header says " + bodyLength
                    + " bytes of attributes, input has " + (len - Message.HEADER_LENGTH)
                    + (bodyLength > len - Message.HEADER_LENGTH ? " (truncated)" : " (trailing bytes)"));
        }
        int cookie = AttributeCodec.readInt(wire, 4);
        if (cookie != Message.MAGIC_COOKIE) {
            throw new ProtocolException(String.format(
                    "bad magic cookie 0x%08x (expected 0x2112a442): an RFC 3489 client or not STUN", cookie));
        }
        TransactionId tid = TransactionId.of(Arrays.copyOfRange(wire, 8, 20));
        MessageType type = MessageType.decode(rawType);

        List<Attribute> attributes = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int pos = Message.HEADER_LENGTH;
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
                int expected = Checksums.fingerprint(wire, pos);
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
}
