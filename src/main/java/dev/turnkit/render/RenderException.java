package dev.turnkit.render;

/** A template could not be rendered (missing value, template bug). Never produces partial output. */
public final class RenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
