package dev.turnkit.rules;

import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Request metadata from google-auth-library: Application Default Credentials or a credentials JSON file
 * (service account, or the authorized-user file of {@code gcloud auth application-default login}). The whole
 * metadata map travels, not only the bearer token: end-user credentials need {@code x-goog-user-project}.
 */
public final class GoogleRequestCredentials implements RequestCredentials {
    /** Accepted by every rulesets/releases method (and by Resource Manager for the project number). */
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    /** The environment variable google-auth-library and the Firebase clients read for the quota project. */
    public static final String QUOTA_PROJECT_ENV = "GOOGLE_CLOUD_QUOTA_PROJECT";

    private final GoogleCredentials credentials;
    private final String origin;

    private GoogleRequestCredentials(GoogleCredentials credentials, String origin) {
        this.credentials = credentials;
        this.origin = origin;
    }

    /**
     * From {@code file}, or ADC when {@code file} is null. A non-blank {@code quotaProject} (from
     * {@code --quota-project} or {@link #QUOTA_PROJECT_ENV}) replaces the file's {@code quota_project_id}.
     */
    public static GoogleRequestCredentials load(Path file, String quotaProject) {
        GoogleCredentials loaded;
        String origin;
        if (file == null) {
            origin = "Application Default Credentials";
            try {
                loaded = GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw new RulesException(RulesException.Kind.BAD_INPUT, "no Google credentials: run 'gcloud auth"
                        + " application-default login', set GOOGLE_APPLICATION_CREDENTIALS or pass --credentials FILE"
                        + " (" + e.getMessage() + ")", e);
            }
        } else {
            origin = file.toString();
            try (InputStream in = Files.newInputStream(file)) {
                loaded = GoogleCredentials.fromStream(in);
            } catch (NoSuchFileException e) {
                throw new RulesException(RulesException.Kind.BAD_INPUT, "--credentials " + file + " does not exist", e);
            } catch (IOException | RuntimeException e) {
                throw new RulesException(RulesException.Kind.BAD_INPUT, "--credentials " + file
                        + " is not a usable Google credentials JSON file: " + Http.oneLine(e.getMessage()), e);
            }
        }
        GoogleCredentials scoped = loaded.createScoped(List.of(SCOPE));
        if (quotaProject != null && !quotaProject.isBlank()) {
            scoped = scoped.createWithQuotaProject(quotaProject.strip());
        }
        return new GoogleRequestCredentials(scoped, origin);
    }

    /** The quota project the requests will name, or null. */
    public String quotaProject() {
        return credentials.getQuotaProjectId();
    }

    @Override
    public Map<String, List<String>> requestMetadata(URI uri) {
        try {
            Map<String, List<String>> metadata = credentials.getRequestMetadata(uri);
            if (metadata == null || !metadata.containsKey("Authorization")) {
                throw new IOException("no access token was issued");
            }
            return metadata;
        } catch (IOException e) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "cannot get an access token from " + origin
                    + ": " + Http.oneLine(e.getMessage()) + " (check the credentials, or re-run 'gcloud auth"
                    + " application-default login')", e);
        }
    }
}
