package dev.turnkit.protocol;

/**
 * Input that is not a valid STUN/TURN message or ChannelData frame: truncated, a bad length, a bad magic cookie, a
 * FINGERPRINT that does not match, a malformed attribute value. The message says what is wrong and where (byte
 * offset), so a log line is enough to diagnose it. The decoder throws nothing else on any input.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
