package dev.turnkit.protocol;

/**
 * A STUN method, the 12-bit M0..M11 field of the message type (RFC 8489 §5, §18.2; TURN methods RFC 8656 §17).
 * Unknown methods decode too, so a codec round trip never loses them.
 *
 * @param code the 12-bit method number
 */
public record Method(int code) {
    /** Binding (RFC 8489 §18.2). */
    public static final Method BINDING = new Method(0x001);
    /** Allocate (RFC 8656 §7.2). */
    public static final Method ALLOCATE = new Method(0x003);
    /** Refresh (RFC 8656 §8). */
    public static final Method REFRESH = new Method(0x004);
    /** Send, an indication only (RFC 8656 §11.1). */
    public static final Method SEND = new Method(0x006);
    /** Data, an indication only (RFC 8656 §11.3). */
    public static final Method DATA = new Method(0x007);
    /** CreatePermission (RFC 8656 §10). */
    public static final Method CREATE_PERMISSION = new Method(0x008);
    /** ChannelBind (RFC 8656 §12.1). */
    public static final Method CHANNEL_BIND = new Method(0x009);

    public Method {
        if (code < 0 || code > 0xFFF) {
            throw new IllegalArgumentException("a STUN method has 12 bits, got 0x" + Integer.toHexString(code));
        }
    }

    /** The IANA name, or {@code 0x...} for an unknown method. */
    public String name() {
        return switch (code) {
            case 0x001 -> "Binding";
            case 0x003 -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            default -> String.format("0x%03x", code);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
