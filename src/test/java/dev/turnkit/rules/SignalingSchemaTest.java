package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.model.SignalingSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The names the stack puts TTL policies and the index on ({@link SignalingSchema}) are the names the data is
 * actually written under: what {@code firestore.rules} accepts, what the scenarios the rules are tested with write,
 * what the sample page writes and what {@code sessions prune} deletes. A rename in any of them fails here.
 */
class SignalingSchemaTest {
    private static final String RULES = read(Path.of("firestore.rules"));

    @Test
    void firestoreRulesProtectTheTtlCollectionGroupsAndRequireATimestampExpiresAtOnBoth() {
        // the session document: match /webrtc_sessions/{id}, expires_at must be a timestamp
        assertThat(RULES).containsPattern("match /" + SignalingSchema.SESSIONS + "/\\{\\w+\\}");
        assertThat(RULES).contains("s." + SignalingSchema.EXPIRES_AT + " is timestamp");
        // the candidates, nested in the session: their expires_at must equal the session's (so also a timestamp)
        Matcher nested = Pattern.compile("match /" + SignalingSchema.CANDIDATES + "/\\{\\w+\\}").matcher(RULES);
        assertThat(nested.find()).as("match /" + SignalingSchema.CANDIDATES + "/{id} in firestore.rules").isTrue();
        assertThat(nested.start()).as("ice_candidates is a subcollection of sessions (a collection group)")
                .isGreaterThan(RULES.indexOf("match /" + SignalingSchema.SESSIONS + "/"));
        assertThat(RULES).contains("c." + SignalingSchema.EXPIRES_AT + " == session." + SignalingSchema.EXPIRES_AT);
        // the incoming-call index covers the fields the rules require on a session
        for (String field : SignalingSchema.INCOMING_CALL_INDEX) {
            assertThat(RULES).as("sessions carry " + field).contains("'" + field + "'");
        }
    }

    @Test
    void theRulesScenariosAndSessionsPruneWriteAndDeleteTheSameNames() {
        assertThat(SignalingScenarios.SESSIONS).isEqualTo(SignalingSchema.SESSIONS);
        assertThat(SignalingScenarios.all()).as("the scenarios write expires_at and list ice_candidates")
                .anyMatch(s -> s.toString().contains(SignalingSchema.EXPIRES_AT))
                .anyMatch(s -> s.toString().contains(SignalingSchema.CANDIDATES));
        assertThat(List.of(SessionPruner.SESSIONS, SessionPruner.CANDIDATES))
                .containsExactlyElementsOf(SignalingSchema.TTL_COLLECTION_GROUPS);
    }

    @Test
    void theSamplePageWritesTheTtlCollectionGroupsWithExpiresAt() throws IOException {
        String web;
        try (Stream<Path> files = Files.walk(Path.of("web"))) {
            web = String.join("\n", files.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html"))
                    .map(SignalingSchemaTest::read).toList());
        }
        for (String name : List.of(SignalingSchema.SESSIONS, SignalingSchema.CANDIDATES, SignalingSchema.EXPIRES_AT,
                "callee_id", "state")) {
            assertThat(web).as("web/ writes or queries " + name).containsPattern("['\"`/]" + name + "['\"`/:]|"
                    + name + ":");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
