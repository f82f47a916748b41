package dev.turnkit.transport;

import dev.turnkit.protocol.Message;
import dev.turnkit.protocol.Method;

/** The server answered a request with an error response (RFC 8489 §14.8 ERROR-CODE). */
public final class StunErrorException extends TransportException {
    private static final long serialVersionUID = 1L;
    private final transient Method method;
    private final int code;
    private final String reason;
    private final boolean afterAuthentication;

    public StunErrorException(Method method, int code, String reason, boolean afterAuthentication) {
        super(method.name() + " failed: " + code + " " + reason);
        this.method = method;
        this.code = code;
        this.reason = reason;
        this.afterAuthentication = afterAuthentication;
    }

    static StunErrorException of(Message response, boolean afterAuthentication) {
        return response.error()
                .map(e -> new StunErrorException(response.method(), e.code(), e.reason(), afterAuthentication))
                .orElseGet(() -> new StunErrorException(response.method(), 500, "error response without ERROR-CODE",
                        afterAuthentication));
    }

    public Method method() {
        return method;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** True if the request carried MESSAGE-INTEGRITY (so a 401 means the credentials were refused). */
    public boolean afterAuthentication() {
        return afterAuthentication;
    }
}
