package dev.turnkit.rules;

/** Where the Rules API client gets its OAuth 2 access token; tests pass a fixed one. */
@FunctionalInterface
public interface AccessTokenSource {
    /** A current access token; a {@link RulesException} of kind BAD_INPUT when there are no usable credentials. */
    String accessToken();
}
