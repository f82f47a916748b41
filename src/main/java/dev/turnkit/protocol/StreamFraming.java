package dev.turnkit.protocol;

/**
 * Frame boundaries of STUN and ChannelData messages on a byte stream (TCP, TLS), where messages are sent back to
 * back (RFC 8489 §6.2.2, RFC 8656 §12.5). The first two bits tell them apart: 00 STUN (20-byte header + length),
 * 01 ChannelData (4-byte header + length, padded to 4).
 */
public final class StreamFraming {
    private StreamFraming() {
    }

    /**
     * The length of the frame that starts at {@code buf[off]}, given {@code available} buffered bytes, or -1 if
     * more bytes are needed to know.
     *
     * @throws ProtocolException if the bytes cannot start a STUN or ChannelData frame
     */
    public static int frameLength(byte[] buf, int off, int available) throws ProtocolException {
        if (available < 4) {
            return -1;
        }
        int length = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        if (Message.looksLikeStun(buf[off])) {
            if (length % 4 != 0) {
                throw new ProtocolException("bad STUN message length " + length + " on stream: not a multiple of 4");
            }
            return Message.HEADER_LENGTH + length;
        }
        if (ChannelData.looksLikeChannelData(buf[off])) {
            return (ChannelData.HEADER_LENGTH + length + 3) & ~3;
        }
        throw new ProtocolException(String.format(
                "stream out of sync: byte 0x%02x starts neither a STUN message nor ChannelData", buf[off] & 0xFF));
    }
}
