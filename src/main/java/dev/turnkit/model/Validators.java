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

    private Validators() {}

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
