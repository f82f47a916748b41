package dev.turnkit.credentials;

/** A 4xx caused by the request itself, with the JSON error code to answer. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    BadRequestException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    EndpointResponse toResponse() {
        return EndpointResponse.error(status, code, getMessage());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
