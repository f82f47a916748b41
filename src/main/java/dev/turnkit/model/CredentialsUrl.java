package dev.turnkit.model;

/**
 * What {@code credentialsUrl} means everywhere (the Pulumi stack output, the local stack's endpoints, the sample
 * app's config, {@code turnkit check --credentials-url}): the full URL a client calls,
 * {@code <scheme>://<host>[:<port>]/v1/turn-credentials}, not a base URL.
 */
public final class CredentialsUrl {
    /** The endpoint's path on the credentials server. */
    public static final String PATH = "/v1/turn-credentials";

    private CredentialsUrl() {
    }

    /** The full URL; the port is left out when it is the scheme's default (443 for https, 80 for http). */
    public static String of(String scheme, String host, int port) {
        boolean defaultPort = scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + PATH;
    }
}
