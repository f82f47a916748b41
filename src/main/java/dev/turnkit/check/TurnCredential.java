package dev.turnkit.check;

import java.util.Objects;

/**
 * A TURN username and password (long-term credential mechanism, RFC 8489 §9.2). {@link #toString()} never shows
 * the password.
 */
public record TurnCredential(String username, String password) {

    public TurnCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** The same username with a password that cannot be right (for negative auth probes). */
    TurnCredential withWrongPassword() {
        return new TurnCredential(username, password + "-turnkit-wrong");
    }

    @Override
    public String toString() {
        return "TurnCredential[username=" + username + ", password=<redacted>]";
    }
}
