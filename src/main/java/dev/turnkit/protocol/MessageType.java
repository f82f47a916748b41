package dev.turnkit.protocol;

/**
 * The 14-bit STUN message type: a method and a class, interleaved as M11..M7 C1 M6..M4 C0 M3..M0 (RFC 8489 §5,
 * Figure 3). An Allocate success response is therefore {@code 0x0103}, not {@code 0x0203}.
 */
public record MessageType(Method method, MessageClass messageClass) {

    public static MessageType of(Method method, MessageClass messageClass) {
        return new MessageType(method, messageClass);
    }

    /** The 16-bit wire value (the two most significant bits are zero). */
    public int encode() {
        int m = method.code();
        int c = messageClass.bits();
        return (m & 0x000F) | ((c & 0b01) << 4) | ((m & 0x0070) << 1) | ((c & 0b10) << 7) | ((m & 0x0F80) << 2);
    }

    /** Decodes a wire value; the caller has checked that the two most significant bits are zero. */
    public static MessageType decode(int value) {
        int m = (value & 0x000F) | ((value >> 1) & 0x0070) | ((value >> 2) & 0x0F80);
        int c = ((value >> 4) & 0b01) | ((value >> 7) & 0b10);
        return new MessageType(new Method(m), MessageClass.ofBits(c));
    }

    @Override
    public String toString() {
        return method.name() + " " + switch (messageClass) {
            case REQUEST -> "request";
            case INDICATION -> "indication";
            case SUCCESS_RESPONSE -> "success response";
            case ERROR_RESPONSE -> "error response";
        };
    }
}
