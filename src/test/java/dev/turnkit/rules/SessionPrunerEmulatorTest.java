package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.testsupport.Components;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sessions prune} on the real emulator: old and expired sessions go with their candidates, no orphans. */
class SessionPrunerEmulatorTest {
    private static FirestoreEmulator emulator;
    private static FirestoreRest rest;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startEmulator() {
        emulator = FirestoreEmulator.start(FirestoreEmulator.Options.defaults()
                .withJar(Components.firestoreEmulatorJar()).withProjectId("demo-prune-test"));
        rest = new FirestoreRest(emulator);
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @BeforeEach
    void seed() {
        emulator.clearDocuments();
        // an old session that TTL has not removed yet
        seedSession("old", now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)), "caller-0", "callee-0",
                "callee-1");
        // a recent session that is already expired (the caller chose a short expiry)
        seedSession("expired", now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(1)), "caller-0");
        // a live call
        seedSession("live", now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(55)), "caller-0",
                "callee-0");
        // a candidate whose session was deleted without it
        seed("webrtc_sessions/gone/ice_candidates/caller-0", candidate(now.minus(Duration.ofHours(2))));
    }

    @Test
    void pruneDeletesOldAndExpiredSessionsWithTheirCandidatesAndLeavesNoOrphans() {
        SessionPruner.Report report;
        try (SessionPruner pruner = SessionPruner.forEmulator(emulator.hostPort(), emulator.projectId(), log::add)) {
            report = pruner.prune(Duration.ofHours(1), now, false);
        }

        assertThat(report.sessions()).as("old + expired sessions").isEqualTo(2);
        assertThat(report.candidates()).as("their 4 candidates + 1 orphan").isEqualTo(5);
        assertThat(exists("webrtc_sessions/old")).isFalse();
        assertThat(exists("webrtc_sessions/expired")).isFalse();
        assertThat(List.of("webrtc_sessions/old/ice_candidates/caller-0", "webrtc_sessions/old/ice_candidates/callee-0",
                "webrtc_sessions/old/ice_candidates/callee-1", "webrtc_sessions/expired/ice_candidates/caller-0",
                "webrtc_sessions/gone/ice_candidates/caller-0"))
                .as("no candidate survives its session").noneMatch(this::exists);
        assertThat(List.of("webrtc_sessions/live", "webrtc_sessions/live/ice_candidates/caller-0",
                "webrtc_sessions/live/ice_candidates/callee-0"))
                .as("a live call is untouched").allMatch(this::exists);
    }

    @Test
    void aDryRunCountsButDeletesNothing() {
        SessionPruner.Report report;
        try (SessionPruner pruner = SessionPruner.forEmulator(emulator.hostPort(), emulator.projectId(), log::add)) {
            report = pruner.prune(Duration.ofHours(1), now, true);
        }

        assertThat(report.sessions()).isEqualTo(2);
        assertThat(report.candidates()).isEqualTo(5);
        assertThat(List.of("webrtc_sessions/old", "webrtc_sessions/old/ice_candidates/callee-1",
                "webrtc_sessions/gone/ice_candidates/caller-0")).as("dry run deletes nothing").allMatch(this::exists);
    }

    private void seedSession(String id, Instant createdAt, Instant expiresAt, String... candidateIds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("caller_id", "alice");
        s.put("callee_id", "bob");
        s.put("offer", SignalingScenarios.OFFER);
        s.put("answer", null);
        s.put("state", "CONNECTED");
        s.put("created_at", createdAt);
        s.put("expires_at", expiresAt);
        seed("webrtc_sessions/" + id, s);
        for (String c : candidateIds) {
            seed("webrtc_sessions/" + id + "/ice_candidates/" + c, candidate(createdAt.plusSeconds(5)));
        }
    }

    private static Map<String, Object> candidate(Instant createdAt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sender_id", "alice");
        c.put("candidate", "candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host");
        c.put("sdpMid", "0");
        c.put("sdpMLineIndex", 0);
        c.put("created_at", createdAt);
        return c;
    }

    private static void seed(String path, Map<String, Object> fields) {
        assertThat(rest.send(FirestoreRest.OWNER, FirestoreRest.create(path, fields)).allowed())
                .as("seeding " + path).isTrue();
    }

    private boolean exists(String path) {
        FirestoreRest.Response r = rest.send(FirestoreRest.OWNER, FirestoreRest.get(path));
        assertThat(r.status()).as("GET " + path).isIn(200, 404);
        return r.status() == 200;
    }
}
