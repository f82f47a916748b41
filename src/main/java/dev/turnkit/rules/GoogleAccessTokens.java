package dev.turnkit.rules;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Access tokens from google-auth-library: Application Default Credentials or a service-account key file. */
public final class GoogleAccessTokens implements AccessTokenSource {
    /** Accepted by every rulesets/releases method (and by Resource Manager for the project number). */
    public static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private final GoogleCredentials credentials;
    private final String origin;

    private GoogleAccessTokens(GoogleCredentials credentials, String origin) {
        this.credentials = credentials;
        this.origin = origin;
    }

    /** From {@code file} (a service-account or authorized-user JSON), or ADC when {@code file} is null. */
    public static GoogleAccessTokens load(Path file) {
        if (file == null) {
            try {
                return new GoogleAccessTokens(GoogleCredentials.getApplicationDefault().createScoped(List.of(SCOPE)),
                        "Application Default Credentials");
            } catch (IOException e) {
                throw new RulesException(RulesException.Kind.BAD_INPUT, "no Google credentials: run 'gcloud auth"
                        + " application-default login', set GOOGLE_APPLICATION_CREDENTIALS or pass --credentials FILE"
                        + " (" + e.getMessage() + ")", e);
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new GoogleAccessTokens(GoogleCredentials.fromStream(in).createScoped(List.of(SCOPE)),
                    file.toString());
        } catch (NoSuchFileException e) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "--credentials " + file + " does not exist", e);
        } catch (IOException | RuntimeException e) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "--credentials " + file
                    + " is not a usable Google credentials JSON file: " + Http.oneLine(e.getMessage()), e);
        }
    }

    @Override
    public String accessToken() {
        try {
            credentials.refreshIfExpired();
            AccessToken token = credentials.getAccessToken();
            if (token == null) {
                throw new IOException("no access token was issued");
            }
            return token.getTokenValue();
        } catch (IOException e) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "cannot get an access token from " + origin
                    + ": " + Http.oneLine(e.getMessage()) + " (check the credentials, or re-run 'gcloud auth application-default"
                    + " login')", e);
        }
    }
}
