package dev.turnkit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnkit.model.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A thin REST client of the Firebase Rules API v1 (request shapes as in firebase-tools' {@code src/gcp/rules.ts}),
 * plus the project-number lookup that a named database's {@code attachment_point} needs. Base URLs are injectable;
 * every request has a timeout. What an answer means (success, or which error and its fix) is
 * {@link RulesApiResponses}.
 */
public final class RulesApiClient {
    public static final URI DEFAULT_BASE = URI.create("https://firebaserules.googleapis.com/v1/");
    public static final URI DEFAULT_RESOURCE_MANAGER = URI.create("https://cloudresourcemanager.googleapis.com/v1/");
    /**
     * HTTP status of {@code RESOURCE_EXHAUSTED}: the ruleset cap (2500 per project) and per-minute rate limits alike,
     * so a 429 alone does not say which (docs/rules.md).
     */
    public static final int QUOTA_EXCEEDED = 429;

    private static final ObjectMapper JSON = Json.MAPPER;

    /** A release: which ruleset a service (e.g. {@code cloud.firestore}) currently uses. */
    public record Release(String name, String rulesetName) {
    }

    /**
     * A ruleset as listed (no source). {@code services} is null when the entry carries no {@code metadata} (nothing
     * obliges the API to send it); {@code created} is null when {@code createTime} is missing or not RFC 3339.
     */
    public record RulesetInfo(String name, String createTime, Instant created, List<String> services) {
    }

    /** A ruleset as {@code GET {name}} returns it; {@code services} null when it carries no {@code metadata}. */
    public record Ruleset(String name, List<RulesSource> files, List<String> services) {
    }

    /** Creating a ruleset answered HTTP 429 (the ruleset cap or a rate limit). */
    public static final class QuotaExceededException extends RulesException {
        private static final long serialVersionUID = 1L;

        QuotaExceededException(String message) {
            super(Kind.REFUSED, message);
        }
    }

    private final URI base;
    private final URI resourceManager;
    private final RequestCredentials tokens;
    private final Http http;

    public RulesApiClient(URI base, URI resourceManager, RequestCredentials tokens, Duration timeout) {
        this.base = withSlash(base);
        this.resourceManager = withSlash(resourceManager);
        this.tokens = tokens;
        this.http = new Http(timeout);
    }

    /** The production endpoints with a 30 s timeout per request. */
    public static RulesApiClient production(RequestCredentials tokens) {
        return new RulesApiClient(DEFAULT_BASE, DEFAULT_RESOURCE_MANAGER, tokens, Duration.ofSeconds(30));
    }

    /** Compiles {@code source} without deploying it ({@code POST projects/{p}:test}); returns every issue. */
    public List<RulesIssue> test(String project, RulesSource source) {
        ObjectNode body = JSON.createObjectNode();
        body.set("source", sourceJson(source));
        JsonNode r = call("POST", base, "projects/" + project + ":test", body);
        List<RulesIssue> issues = new ArrayList<>();
        for (JsonNode i : r.path("issues")) {
            JsonNode pos = i.path("sourcePosition");
            issues.add(new RulesIssue(pos.hasNonNull("fileName") ? pos.get("fileName").asText() : source.name(),
                    pos.hasNonNull("line") ? pos.get("line").asInt() : null,
                    pos.hasNonNull("column") ? pos.get("column").asInt() : null,
                    i.path("severity").asText("SEVERITY_UNSPECIFIED"), i.path("description").asText("")));
        }
        return issues;
    }

    /** {@code GET projects/{p}/releases/{releaseId}}; empty on 404. */
    public Optional<Release> getRelease(String project, String releaseId) {
        Optional<JsonNode> r = callOptional("GET", "projects/" + project + "/releases/" + releaseId);
        return r.map(n -> new Release(n.path("name").asText(), n.path("rulesetName").asText()));
    }

    /** The source files of a ruleset ({@code GET {rulesetName}}). */
    public List<RulesSource> getRulesetFiles(String rulesetName) {
        return getRuleset(rulesetName).files();
    }

    /** {@code GET {rulesetName}}: its files and, when sent, {@code metadata.services}. */
    public Ruleset getRuleset(String rulesetName) {
        JsonNode r = call("GET", base, rulesetName, null);
        List<RulesSource> files = new ArrayList<>();
        for (JsonNode f : r.path("source").path("files")) {
            files.add(new RulesSource(f.path("name").asText(), f.path("content").asText()));
        }
        return new Ruleset(r.path("name").asText(rulesetName), files, services(r));
    }

    /**
     * Creates a ruleset and returns its name; {@code attachmentPoint} only for a named database.
     *
     * @throws QuotaExceededException on HTTP 429
     */
    public String createRuleset(String project, RulesSource source, String attachmentPoint) {
        ObjectNode body = JSON.createObjectNode();
        body.set("source", sourceJson(source));
        if (attachmentPoint != null) {
            body.put("attachment_point", attachmentPoint);
        }
        HttpResponse<String> r = send("POST", base, "projects/" + project + "/rulesets", body);
        if (r.statusCode() == QUOTA_EXCEEDED) {
            throw new QuotaExceededException("the project has reached its ruleset quota: "
                    + RulesApiResponses.errorText(r.body()));
        }
        return RulesApiResponses.read("POST", "projects/" + project + "/rulesets", r).path("name").asText();
    }

    /** Every ruleset of the project (all pages, newest first as the API returns them). */
    public List<RulesetInfo> listRulesets(String project) {
        return listAll("projects/" + project + "/rulesets", "rulesets", rs -> {
            String createTime = rs.path("createTime").asText("");
            return new RulesetInfo(rs.path("name").asText(), createTime, parseTimestamp(createTime), services(rs));
        });
    }

    /**
     * An RFC 3339 timestamp as the API writes them ({@code 2014-10-02T15:01:23Z},
     * {@code 2014-10-02T15:01:23.045123456Z}, or with an offset); null when it is not one.
     */
    public static Instant parseTimestamp(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> services(JsonNode ruleset) {
        JsonNode services = ruleset.path("metadata").path("services");
        if (!services.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        services.forEach(s -> list.add(s.asText()));
        return List.copyOf(list);
    }

    /** Every release of the project (all pages). */
    public List<Release> listReleases(String project) {
        return listAll("projects/" + project + "/releases", "releases",
                rel -> new Release(rel.path("name").asText(), rel.path("rulesetName").asText()));
    }

    /** {@code DELETE {rulesetName}}. */
    public void deleteRuleset(String rulesetName) {
        call("DELETE", base, rulesetName, null);
    }

    /** Points an existing release at {@code rulesetName}; empty when the release does not exist (404). */
    public Optional<Release> patchRelease(String project, String releaseId, String rulesetName) {
        String path = "projects/" + project + "/releases/" + releaseId;
        ObjectNode body = JSON.createObjectNode();
        body.putObject("release").put("name", path).put("rulesetName", rulesetName);
        HttpResponse<String> r = send("PATCH", base, path, body);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode n = RulesApiResponses.read("PATCH", path, r);
        return Optional.of(new Release(n.path("name").asText(path), n.path("rulesetName").asText(rulesetName)));
    }

    /** Creates the release {@code releaseId} for {@code rulesetName}. */
    public Release createRelease(String project, String releaseId, String rulesetName) {
        String name = "projects/" + project + "/releases/" + releaseId;
        ObjectNode body = JSON.createObjectNode().put("name", name).put("rulesetName", rulesetName);
        JsonNode n = call("POST", base, "projects/" + project + "/releases", body);
        return new Release(n.path("name").asText(name), n.path("rulesetName").asText(rulesetName));
    }

    /** The project number ({@code GET cloudresourcemanager v1 projects/{p}}). */
    public String projectNumber(String project) {
        String number = call("GET", resourceManager, "projects/" + project, null).path("projectNumber").asText("");
        if (number.isEmpty()) {
            throw new RulesException(RulesException.Kind.REFUSED, "Resource Manager returned no projectNumber for "
                    + project);
        }
        return number;
    }

    // ---- plumbing ----

    /** GETs every page of a list method ({@code pageSize=100}, following {@code nextPageToken}). */
    private <T> List<T> listAll(String path, String key, Function<JsonNode, T> item) {
        List<T> all = new ArrayList<>();
        String pageToken = "";
        do {
            JsonNode r = call("GET", base, path + "?pageSize=100" + pageToken(pageToken), null);
            r.path(key).forEach(n -> all.add(item.apply(n)));
            pageToken = r.path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
        return all;
    }

    private JsonNode call(String method, URI root, String path, JsonNode body) {
        return RulesApiResponses.read(method, path, send(method, root, path, body));
    }

    private Optional<JsonNode> callOptional(String method, String path) {
        HttpResponse<String> r = send(method, base, path, null);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(RulesApiResponses.read(method, path, r));
    }

    private HttpResponse<String> send(String method, URI root, String path, JsonNode body) {
        URI uri = root.resolve(path);
        Map<String, String> headers = new LinkedHashMap<>();
        tokens.requestMetadata(uri).forEach((name, values) -> headers.put(name, String.join(",", values)));
        headers.put("Accept", "application/json");
        return http.send(method, uri, body == null ? null : body.toString(), headers);
    }

    private static ObjectNode sourceJson(RulesSource source) {
        ObjectNode s = JSON.createObjectNode();
        s.putArray("files").addObject().put("name", source.name()).put("content", source.content());
        return s;
    }

    private static String pageToken(String token) {
        return token.isEmpty() ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static URI withSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
