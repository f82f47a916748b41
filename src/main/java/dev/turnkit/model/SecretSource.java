package dev.turnkit.model;

/**
 * Where a secret comes from. Stack files never hold secret values: either Pulumi's encrypted config
 * ({@code secure: v1:...}, never decoded by turnkit) or a path to a file that holds the value.
 */
public sealed interface SecretSource {
    /** The config key this secret was read from, e.g. {@code turnkit:turnSecret}. */
    String key();

    /**
     * A Pulumi secret ({@code pulumi config set --secret}); its value reaches turnkit only through the Pulumi
     * program ({@code ctx.config().requireSecret(...)}).
     */
    record PulumiSecret(String key) implements SecretSource {
        @Override
        public String toString() {
            return key + " (Pulumi secret)";
        }
    }

    /** A file holding the secret (first line, trimmed), read by whoever renders or serves. */
    record File(String key, String path) implements SecretSource {
        @Override
        public String toString() {
            return key + " (file " + path + ")";
        }
    }
}
