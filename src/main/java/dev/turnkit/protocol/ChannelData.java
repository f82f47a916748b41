package dev.turnkit.protocol;

import java.util.Arrays;

/**
 * A ChannelData message (RFC 8656 §12.4): a 2-byte channel number in 0x4000..0x4FFF, a 2-byte length, and the
 * application data. Over TCP and TLS it is padded to a multiple of 4 bytes (RFC 8656 §12.5); over UDP padding is
 * optional and this codec does not add it.
 */
public final class ChannelData {
    /** First valid channel number (RFC 8656 §12). */
    public static final int MIN_CHANNEL = 0x4000;
    /** Last valid channel number (RFC 8656 §12). */
    public static final int MAX_CHANNEL = 0x4FFF;
    public static final int HEADER_LENGTH = 4;

    private final int channel;
    private final byte[] data;

    public ChannelData(int channel, byte[] data) {
        if (!isValidChannel(channel)) {
            throw new IllegalArgumentException(String.format("channel 0x%04x outside 0x4000..0x4FFF", channel));
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("ChannelData carries at most 65535 bytes, got " + data.length);
        }
        this.channel = channel;
        this.data = data.clone();
    }

    public static boolean isValidChannel(int channel) {
        return channel >= MIN_CHANNEL && channel <= MAX_CHANNEL;
    }

    /** True if {@code first} can start a ChannelData message (leading bits 01, RFC 8656 §12). */
    public static boolean looksLikeChannelData(byte first) {
        return (first & 0xC0) == 0x40;
    }

    public int channel() {
        return channel;
    }

    public byte[] data() {
        return data.clone();
    }

    /** The wire bytes; {@code padded} for streams (TCP, TLS). */
    public byte[] encode(boolean padded) {
        int total = HEADER_LENGTH + data.length;
        byte[] out = new byte[padded ? (total + 3) & ~3 : total];
        out[0] = (byte) (channel >> 8);
        out[1] = (byte) channel;
        out[2] = (byte) (data.length >> 8);
        out[3] = (byte) data.length;
        System.arraycopy(data, 0, out, HEADER_LENGTH, data.length);
        return out;
    }

    /**
     * Decodes a ChannelData message at the start of {@code buf[off, off+len)}; bytes after the declared length
     * (padding) are ignored (RFC 8656 §12.5).
     */
    public static ChannelData decode(byte[] buf, int off, int len) throws ProtocolException {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new ProtocolException("bad buffer bounds: offset " + off + ", length " + len);
        }
        if (len < HEADER_LENGTH) {
            throw new ProtocolException("truncated ChannelData: " + len + " bytes, the header alone is 4");
        }
        int channel = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
        if (!isValidChannel(channel)) {
            throw new ProtocolException(String.format("ChannelData channel 0x%04x outside 0x4000..0x4FFF", channel));
        }
        int dataLength = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        if (dataLength > len - HEADER_LENGTH) {
            throw new ProtocolException("truncated ChannelData: header says " + dataLength + " bytes of data, "
                    + (len - HEADER_LENGTH) + " present");
        }
        return new ChannelData(channel, Arrays.copyOfRange(buf, off + HEADER_LENGTH, off + HEADER_LENGTH + dataLength));
    }

    public static ChannelData decode(byte[] datagram) throws ProtocolException {
        return decode(datagram, 0, datagram.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelData other && channel == other.channel && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * channel + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("ChannelData[0x%04x, %d bytes]", channel, data.length);
    }
}
