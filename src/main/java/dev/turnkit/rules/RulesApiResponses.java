package dev.turnkit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.model.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * What an answer of the Rules API (or Resource Manager) means for {@link RulesApiClient}: a 2xx body as JSON, or a
 * {@link RulesException} that names the request, Google's {@code error.status: error.message}, and the fix for the
 * errors a user can fix (401: credentials; 403 for end-user credentials: a quota project; other 403: the role).
 */
final class RulesApiResponses {
    private static final ObjectMapper JSON = Json.MAPPER;

    private RulesApiResponses() {
    }

    /** The JSON body of a 2xx answer to {@code method path} (an empty object for no body); else the error. */
    static JsonNode read(String method, String path, HttpResponse<String> r) {
        return read(method, path, r.statusCode(), r.body());
    }

    static JsonNode read(String method, String path, int status, String body) {
        return parse(check(method, path, status, body));
    }

    private static String check(String method, String path, int status, String body) {
        if (status / 100 == 2) {
            return body;
        }
        String what = method + " " + path + ": HTTP " + status + " " + errorText(body);
        if (status == 401) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, what + " (the credentials were rejected: run"
                    + " 'gcloud auth application-default login' or pass a valid --credentials FILE)");
        }
        if (status == 403 && namesEndUserCredentials(what)) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, what + " (end-user credentials need a quota"
                    + " project: run 'gcloud auth application-default set-quota-project PROJECT', or pass"
                    + " --quota-project PROJECT / set GOOGLE_CLOUD_QUOTA_PROJECT, or use a service account with"
                    + " --credentials FILE)");
        }
        if (status == 403) {
            throw new RulesException(RulesException.Kind.REFUSED, what + " (the account needs the Firebase Rules"
                    + " Admin role, roles/firebaserules.admin, on the project)");
        }
        throw new RulesException(RulesException.Kind.REFUSED, "Rules API " + what);
    }

    /**
     * Whether a 403 is Google's refusal of end-user credentials without a quota project, in either wording the
     * APIs use ("… requires a quota project …" or "… authenticated using end user credentials …").
     */
    static boolean namesEndUserCredentials(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("quota project") || m.contains("end user credentials")
                || m.contains("application default credentials");
    }

    /** {@code error.status: error.message} of a Google API error body, or the raw body on one line. */
    static String errorText(String body) {
        try {
            JsonNode e = JSON.readTree(body).path("error");
            if (e.has("message")) {
                return (e.has("status") ? e.get("status").asText() + ": " : "") + e.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON
        }
        return Http.oneLine(body);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RulesException(RulesException.Kind.REFUSED, "unexpected non-JSON answer from the Rules API: "
                    + Http.oneLine(body), e);
        }
    }
}
