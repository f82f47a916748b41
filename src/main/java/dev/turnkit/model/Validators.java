package dev.turnkit.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The checks that more than one part of turnkit applies to the same kind of value, kept in one place so that
 * the stack file, the credentials endpoint and the CLI never disagree about what is valid.
 */
public final class Validators {
    /**
     * A Google Cloud (and so Firebase) project id: 6 to 30 characters, lower-case letters, digits and hyphens,
     * starting with a letter and not ending with a hyphen.
     */
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    /** What {@link #isProjectId} accepts, for messages. */
    public static final String PROJECT_ID_RULE =
            "6 to 30 characters: lower-case letters, digits and '-', starting with a letter, not ending with '-'";

    /** What {@link #isOrigin} accepts, for messages. */
    public static final String ORIGIN_RULE =
            "an exact origin like https://app.example.com (scheme, host, optional port; no path, no trailing slash, no *)";

    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SSH_KEY =
            Pattern.compile("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com) "
                    + "[A-Za-z0-9+/=]+( .*)?");
    private static final Pattern COMPARTMENT_OCID =
            Pattern.compile("ocid1\\.(compartment|tenancy)\\.[a-z0-9-]+\\.[a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern AVAILABILITY_DOMAIN = Pattern.compile("[A-Za-z0-9]+:[A-Z0-9-]+-AD-[0-9]+");
    /** No whitespace, quotes, {@code $}, backquote or backslash: the URL lands in a shell script (cloud-init). */
    private static final Pattern HTTPS_URL = Pattern.compile("https://[^\\s\"'$`\\\\]+");

    private Validators() {}

    /**
     * True for a lower-case DNS name of at least two labels (each 1–63 letters, digits and inner hyphens), at
     * most 253 characters, no trailing dot, and a top-level label that is not all digits (so not an IP address).
     */
    public static boolean isHostname(String s) {
        if (s == null || s.length() > 253 || s.endsWith(".")) {
            return false;
        }
        String[] labels = s.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (!HOST_LABEL.matcher(l).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** True for something shaped like an e-mail address ({@code local@domain.tld}, no spaces). */
    public static boolean isEmail(String s) {
        return s != null && EMAIL.matcher(s).matches();
    }

    /** True for one OpenSSH public key line (ed25519, ECDSA, RSA or sk-ed25519), never a private key. */
    public static boolean isSshPublicKey(String s) {
        return s != null && SSH_KEY.matcher(s).matches();
    }

    /** True for a SHA-256 digest as {@code sha256sum} prints it: 64 lower-case hex digits. */
    public static boolean isSha256Hex(String s) {
        return s != null && SHA256.matcher(s).matches();
    }

    /** True for the OCID of an OCI compartment or tenancy (the tenancy is the root compartment). */
    public static boolean isCompartmentOcid(String s) {
        return s != null && COMPARTMENT_OCID.matcher(s).matches();
    }

    /** True for an OCI availability domain name such as {@code Uocm:EU-FRANKFURT-1-AD-1}. */
    public static boolean isAvailabilityDomain(String s) {
        return s != null && AVAILABILITY_DOMAIN.matcher(s).matches();
    }

    /** True for an {@code https://} URL without whitespace, quotes, {@code $}, backquote or backslash. */
    public static boolean isHttpsUrl(String s) {
        return s != null && HTTPS_URL.matcher(s).matches();
    }

    /** True for a valid Google Cloud / Firebase project id. */
    public static boolean isProjectId(String value) {
        return value != null && PROJECT_ID.matcher(value).matches();
    }

    /**
     * True for an exact web origin as browsers send it in the {@code Origin} header: {@code http} or {@code https},
     * a lower-case host, an optional port, and nothing else.
     */
    public static boolean isOrigin(String value) {
        if (value == null) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            return ("https".equals(scheme) || "http".equals(scheme))
                    && uri.getHost() != null && uri.getHost().equals(uri.getHost().toLowerCase(java.util.Locale.ROOT))
                    && uri.getRawPath() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && value.equals(scheme + "://" + uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
