package dev.turnkit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnkit.model.Json;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Firestore REST requests against the emulator, sent as a given user with an unsigned ID token (the emulator
 * accepts {@code alg: none}), signed out, or as {@code owner} (bypasses rules, for seeding). Firestore documents
 * are plain maps here; {@link #REQUEST_TIME} becomes a server-time transform, as {@code serverTimestamp()} in
 * the client SDKs.
 */
public final class FirestoreRest {
    /** The user that bypasses rules on the emulator. */
    public static final String OWNER = "owner";
    /** A field value that the server sets to the request time ({@code request.time} in rules). */
    public static final Object REQUEST_TIME = new Object() {
        @Override
        public String toString() {
            return "REQUEST_TIME";
        }
    };

    private static final ObjectMapper JSON = Json.MAPPER;

    /**
     * A REST request relative to the database, e.g. {@code GET documents/webrtc_sessions/x}.
     *
     * @param description what the request does, for reports ("create webrtc_sessions/call-1")
     */
    public record Request(String method, String path, JsonNode body, String description) {
    }

    /** Status and body of a response. */
    public record Response(int status, String body) {
        public boolean allowed() {
            return status == 200;
        }

        public boolean denied() {
            return status == 403;
        }
    }

    private final FirestoreEmulator emulator;
    private final Http http = new Http(Duration.ofSeconds(15));

    public FirestoreRest(FirestoreEmulator emulator) {
        this.emulator = emulator;
    }

    /** Sends {@code request} as {@code uid}; {@code null} means signed out, {@link #OWNER} bypasses rules. */
    public Response send(String uid, Request request) {
        String db = "/v1/projects/" + emulator.projectId() + "/databases/(default)/";
        Map<String, String> headers = new HashMap<>();
        if (uid != null) {
            headers.put("Authorization", "Bearer " + (OWNER.equals(uid) ? OWNER
                    : unsignedIdToken(emulator.projectId(), uid, Instant.now())));
        }
        URI uri = emulator.baseUri().resolve(db.replace("(default)", "%28default%29") + request.path());
        String body = request.body() == null ? null : request.body().toString()
                .replace("projects/" + PROJECT_PLACEHOLDER + "/", "projects/" + emulator.projectId() + "/");
        HttpResponse<String> r = http.send(request.method(), uri, body, headers);
        return new Response(r.statusCode(), r.body());
    }

    /** An ID token as the Auth emulator issues it: {@code alg: none}, empty signature. */
    public static String unsignedIdToken(String projectId, String uid, Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "none").put("typ", "JWT");
        long iat = now.getEpochSecond();
        ObjectNode payload = JSON.createObjectNode()
                .put("iss", "https://securetoken.google.com/" + projectId)
                .put("aud", projectId)
                .put("sub", uid)
                .put("user_id", uid)
                .put("iat", iat)
                .put("exp", iat + 3600)
                .put("auth_time", iat);
        payload.putObject("firebase").put("sign_in_provider", "custom").putObject("identities");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    // ---- request builders ----

    /** Creates {@code docPath}; fails if it exists (a rules {@code create}). */
    public static Request create(String docPath, Map<String, Object> fields) {
        ObjectNode write = write(docPath, fields);
        write.putObject("currentDocument").put("exists", false);
        return commit(write, "create " + docPath);
    }

    /** Sets the given fields of an existing {@code docPath} (a rules {@code update}); a null map value is kept. */
    public static Request update(String docPath, Map<String, Object> fields) {
        ObjectNode write = write(docPath, fields);
        ArrayNode mask = write.putObject("updateMask").putArray("fieldPaths");
        fields.keySet().forEach(mask::add);
        write.putObject("currentDocument").put("exists", true);
        return commit(write, "update " + docPath + " " + fields.keySet());
    }

    /** Removes {@code field} from an existing document (an update whose mask names an absent field). */
    public static Request removeField(String docPath, String field) {
        ObjectNode write = write(docPath, Map.of());
        write.putObject("updateMask").putArray("fieldPaths").add(field);
        write.putObject("currentDocument").put("exists", true);
        return commit(write, "remove " + field + " of " + docPath);
    }

    public static Request delete(String docPath) {
        ObjectNode write = JSON.createObjectNode().put("delete", documentName(docPath));
        return commit(write, "delete " + docPath);
    }

    public static Request get(String docPath) {
        return new Request("GET", "documents/" + docPath, null, "get " + docPath);
    }

    /** A field filter of a query: {@code field op value}, op as in the REST API ({@code EQUAL}, {@code GREATER_THAN}). */
    public record Filter(String field, String op, Object value) {
        public static Filter eq(String field, Object value) {
            return new Filter(field, "EQUAL", value);
        }

        public static Filter gt(String field, Object value) {
            return new Filter(field, "GREATER_THAN", value);
        }

        @Override
        public String toString() {
            return field + ("EQUAL".equals(op) ? " == " : " > ") + value;
        }
    }

    /** Queries the collection {@code collectionId} under {@code parentDocPath} ("" for the root), with filters. */
    public static Request query(String parentDocPath, String collectionId, Filter... filters) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode q = body.putObject("structuredQuery");
        q.putArray("from").addObject().put("collectionId", collectionId);
        String parent = parentDocPath.isEmpty() ? "documents" : "documents/" + parentDocPath;
        String description = "query " + (parentDocPath.isEmpty() ? "" : parentDocPath + "/") + collectionId;
        if (filters.length > 0) {
            ObjectNode composite = q.putObject("where").putObject("compositeFilter").put("op", "AND");
            ArrayNode list = composite.putArray("filters");
            for (Filter f : filters) {
                ObjectNode filter = list.addObject().putObject("fieldFilter");
                filter.putObject("field").put("fieldPath", f.field());
                filter.put("op", f.op());
                filter.set("value", encode(f.value()));
            }
            description += " where " + String.join(" and ", java.util.Arrays.stream(filters).map(Filter::toString)
                    .toList());
        }
        return new Request("POST", parent + ":runQuery", body, description);
    }

    private static ObjectNode write(String docPath, Map<String, Object> fields) {
        ObjectNode write = JSON.createObjectNode();
        ObjectNode doc = write.putObject("update");
        doc.put("name", documentName(docPath));
        ObjectNode encoded = doc.putObject("fields");
        ArrayNode transforms = JSON.createArrayNode();
        fields.forEach((k, v) -> {
            if (v == REQUEST_TIME) {
                transforms.addObject().put("fieldPath", k).put("setToServerValue", "REQUEST_TIME");
            } else {
                encoded.set(k, encode(v));
            }
        });
        if (!transforms.isEmpty()) {
            write.set("updateTransforms", transforms);
        }
        return write;
    }

    private static Request commit(ObjectNode write, String description) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("writes").add(write);
        return new Request("POST", "documents:commit", body, description);
    }

    /** The relative resource name; the emulator resolves it against the project in the URL. */
    private static String documentName(String docPath) {
        return "projects/" + PROJECT_PLACEHOLDER + "/databases/(default)/documents/" + docPath;
    }

    /** Replaced by the project id in {@link #send} (requests are built before the emulator is known). */
    static final String PROJECT_PLACEHOLDER = "{project}";

    /** Encodes a Java value as a Firestore REST {@code Value}. */
    static JsonNode encode(Object v) {
        ObjectNode n = JSON.createObjectNode();
        if (v == null) {
            n.putNull("nullValue");
        } else if (v instanceof String s) {
            n.put("stringValue", s);
        } else if (v instanceof Boolean b) {
            n.put("booleanValue", b);
        } else if (v instanceof Integer || v instanceof Long) {
            n.put("integerValue", v.toString());
        } else if (v instanceof Double d) {
            n.put("doubleValue", d);
        } else if (v instanceof Instant t) {
            n.put("timestampValue", t.toString());
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode fields = n.putObject("mapValue").putObject("fields");
            m.forEach((k, x) -> fields.set(k.toString(), encode(x)));
        } else if (v instanceof List<?> l) {
            ArrayNode values = n.putObject("arrayValue").putArray("values");
            l.forEach(x -> values.add(encode(x)));
        } else {
            throw new IllegalArgumentException("cannot encode " + v.getClass().getName() + " as a Firestore value");
        }
        return n;
    }
}
