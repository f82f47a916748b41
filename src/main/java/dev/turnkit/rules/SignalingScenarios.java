package dev.turnkit.rules;

import static dev.turnkit.rules.FirestoreRest.REQUEST_TIME;
import static dev.turnkit.rules.FirestoreRest.create;
import static dev.turnkit.rules.FirestoreRest.delete;
import static dev.turnkit.rules.FirestoreRest.Filter.eq;
import static dev.turnkit.rules.FirestoreRest.Filter.gt;
import static dev.turnkit.rules.FirestoreRest.get;
import static dev.turnkit.rules.FirestoreRest.query;
import static dev.turnkit.rules.FirestoreRest.removeField;
import static dev.turnkit.rules.FirestoreRest.update;

import dev.turnkit.rules.Scenario.Expect;
import dev.turnkit.rules.Scenario.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's rules scenarios for the signaling data model of docs/signaling-data-model.md: the seed's call
 * flow allowed step by step, and each attack denied (including every bug of the seed's rules). Alice calls Bob;
 * Mallory is a signed-in stranger.
 *
 * <p>Size: the scenario matrix itself, one entry per allowed step or attack, read top to bottom like a test plan.
 */
public final class SignalingScenarios {
    public static final String CALLER = "alice";
    public static final String CALLEE = "bob";
    public static final String STRANGER = "mallory";

    static final String SESSIONS = "webrtc_sessions";
    static final String SESSION = SESSIONS + "/call-1";
    static final Map<String, Object> OFFER = Map.of("type", "offer", "sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n");
    static final Map<String, Object> ANSWER = Map.of("type", "answer", "sdp", "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n");
    private static final Object REMOVE = new Object();

    private final Instant now;
    private final Instant expiresAt;

    private SignalingScenarios(Instant now) {
        // Firestore keeps microseconds; millisecond values round-trip exactly.
        this.now = now.truncatedTo(ChronoUnit.MILLIS);
        this.expiresAt = this.now.plus(Duration.ofHours(1));
    }

    /** Every scenario, with times relative to now. */
    public static List<Scenario> all() {
        return new SignalingScenarios(Instant.now()).build();
    }

    private List<Scenario> build() {
        List<Scenario> s = new ArrayList<>();
        callFlow(s);
        signedOut(s);
        creation(s);
        strangers(s);
        transitions(s);
        candidates(s);
        expiryAndCleanup(s);
        return s;
    }

    // ---- the call flow, allowed step by step ----

    private void callFlow(List<Scenario> s) {
        s.add(scenario("full call flow: offer, discovery, answer, candidates, connect, hang-up, cleanup", given(),
                allow(CALLER, create(SESSION, newSession("OFFER_SENT"))),
                allow(CALLER, create(candidatePath("caller-0"), newCandidate(CALLER))),
                allow(CALLEE, query("", SESSIONS, eq("callee_id", CALLEE))),
                allow(CALLEE, get(SESSION)),
                allow(CALLEE, update(SESSION, Map.of("state", "CONNECTING", "answer", ANSWER))),
                allow(CALLEE, create(candidatePath("callee-0"), newCandidate(CALLEE))),
                allow(CALLER, query(SESSION, "ice_candidates")),
                allow(CALLEE, query(SESSION, "ice_candidates")),
                allow(CALLER, create(candidatePath("caller-1"), newCandidate(CALLER))),
                allow(CALLER, update(SESSION, Map.of("state", "CONNECTED"))),
                allow(CALLEE, update(SESSION, Map.of("state", "ENDED"))),
                allow(CALLER, delete(candidatePath("caller-0"))),
                allow(CALLER, delete(candidatePath("caller-1"))),
                allow(CALLER, delete(candidatePath("callee-0"))),
                allow(CALLER, delete(SESSION))));
        s.add(scenario("caller creates the session with the offer (OFFER_SENT)", given(),
                allow(CALLER, create(SESSION, newSession("OFFER_SENT")))));
        s.add(scenario("caller creates an IDLE session, then sends the offer (IDLE -> OFFER_SENT)", given(),
                allow(CALLER, create(SESSION, newSession("IDLE"))),
                allow(CALLER, update(SESSION, Map.of("state", "OFFER_SENT", "offer", OFFER)))));
        s.add(scenario("callee discovers the incoming call: query callee_id == own uid",
                given(SESSION, session("OFFER_SENT")),
                allow(CALLEE, query("", SESSIONS, eq("callee_id", CALLEE)))));
        s.add(scenario("callee's incoming-call listener: callee_id == uid, state == OFFER_SENT, not expired",
                given(SESSION, session("OFFER_SENT")),
                allow(CALLEE, query("", SESSIONS, eq("callee_id", CALLEE), eq("state", "OFFER_SENT"),
                        gt("expires_at", now)))));
        s.add(scenario("caller lists own calls: query caller_id == own uid", given(SESSION, session("OFFER_SENT")),
                allow(CALLER, query("", SESSIONS, eq("caller_id", CALLER)))));
        s.add(scenario("callee reads the session", given(SESSION, session("OFFER_SENT")),
                allow(CALLEE, get(SESSION))));
        s.add(scenario("callee answers (OFFER_SENT -> CONNECTING)", given(SESSION, session("OFFER_SENT")),
                allow(CALLEE, update(SESSION, Map.of("state", "CONNECTING", "answer", ANSWER)))));
        s.add(scenario("caller adds an ICE candidate while the offer is out (seed: never allowed)",
                given(SESSION, session("OFFER_SENT")),
                allow(CALLER, create(candidatePath("caller-0"), newCandidate(CALLER)))));
        s.add(scenario("callee adds an ICE candidate after answering (seed: never allowed)",
                given(SESSION, session("CONNECTING")),
                allow(CALLEE, create(candidatePath("callee-0"), newCandidate(CALLEE)))));
        s.add(scenario("both participants list the session's candidates (seed: never allowed)",
                given(SESSION, session("CONNECTING"), candidatePath("caller-0"), candidate(CALLER),
                        candidatePath("callee-0"), candidate(CALLEE)),
                allow(CALLER, query(SESSION, "ice_candidates")),
                allow(CALLEE, query(SESSION, "ice_candidates"))));
        s.add(scenario("either participant marks the call CONNECTED (CONNECTING -> CONNECTED)",
                given(SESSION, session("CONNECTING")),
                allow(CALLEE, update(SESSION, Map.of("state", "CONNECTED")))));
        s.add(scenario("callee hangs up (CONNECTED -> ENDED)", given(SESSION, session("CONNECTED")),
                allow(CALLEE, update(SESSION, Map.of("state", "ENDED")))));
        s.add(scenario("callee declines the offer (OFFER_SENT -> ENDED)", given(SESSION, session("OFFER_SENT")),
                allow(CALLEE, update(SESSION, Map.of("state", "ENDED")))));
        s.add(scenario("both hang up at once: the second ENDED is a harmless no-op", given(SESSION, session("ENDED")),
                allow(CALLEE, update(SESSION, Map.of("state", "ENDED")))));
        s.add(scenario("caller deletes the candidates, then the ended session",
                given(SESSION, session("ENDED"), candidatePath("caller-0"), candidate(CALLER),
                        candidatePath("callee-0"), candidate(CALLEE)),
                allow(CALLER, delete(candidatePath("caller-0"))),
                allow(CALLER, delete(candidatePath("callee-0"))),
                allow(CALLER, delete(SESSION))));
    }

    // ---- signed-out users get nothing ----

    private void signedOut(List<Scenario> s) {
        s.add(scenario("signed-out user cannot create a session", given(),
                deny(null, create(SESSION, newSession("OFFER_SENT")))));
        s.add(scenario("signed-out user cannot read a session", given(SESSION, session("OFFER_SENT")),
                deny(null, get(SESSION))));
        s.add(scenario("signed-out user cannot query sessions by callee", given(SESSION, session("OFFER_SENT")),
                deny(null, query("", SESSIONS, eq("callee_id", CALLEE)))));
        s.add(scenario("signed-out user cannot list candidates",
                given(SESSION, session("CONNECTING"), candidatePath("caller-0"), candidate(CALLER)),
                deny(null, query(SESSION, "ice_candidates"))));
        s.add(scenario("signed-out user cannot add a candidate", given(SESSION, session("CONNECTING")),
                deny(null, create(candidatePath("caller-0"), with(newCandidate(CALLER), "sender_id", "")))));
    }

    // ---- what a new session may look like ----

    private void creation(List<Scenario> s) {
        s.add(scenario("caller cannot create a session in someone else's name", given(),
                deny(STRANGER, create(SESSION, newSession("OFFER_SENT")))));
        s.add(scenario("created_at must be the request time, not the client's clock", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "created_at", now.minusSeconds(600))))));
        s.add(scenario("a user cannot call themselves", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "callee_id", CALLER)))));
        s.add(scenario("a session has no fields beyond the data model", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "admin", true)))));
        s.add(scenario("a session lacking a field of the data model is refused", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "answer", REMOVE)))));
        s.add(scenario("the caller cannot pre-set the answer", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "answer", ANSWER)))));
        s.add(scenario("an offer larger than 64 KiB is refused", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "offer",
                        Map.of("type", "offer", "sdp", "a".repeat(65537)))))));
        s.add(scenario("the offer must be an SDP description of type offer", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "offer", ANSWER)))));
        s.add(scenario("a session cannot expire more than 2 h after creation", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "expires_at",
                        now.plus(Duration.ofHours(3)))))));
        s.add(scenario("expires_at must be a timestamp", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "expires_at", "tomorrow")))));
        s.add(scenario("a session cannot be created already CONNECTED", given(),
                deny(CALLER, create(SESSION, with(newSession("OFFER_SENT"), "state", "CONNECTED")))));
    }

    // ---- only participants read ----

    private void strangers(List<Scenario> s) {
        s.add(scenario("a stranger cannot read the session", given(SESSION, session("OFFER_SENT")),
                deny(STRANGER, get(SESSION))));
        s.add(scenario("a stranger cannot query the calls addressed to the callee",
                given(SESSION, session("OFFER_SENT")),
                deny(STRANGER, query("", SESSIONS, eq("callee_id", CALLEE)))));
        s.add(scenario("a stranger cannot list all sessions", given(SESSION, session("OFFER_SENT")),
                deny(STRANGER, query("", SESSIONS))));
        s.add(scenario("a participant cannot list all sessions without filtering on their uid",
                given(SESSION, session("OFFER_SENT")),
                deny(CALLEE, query("", SESSIONS))));
        s.add(scenario("a stranger cannot update the session state", given(SESSION, session("CONNECTED")),
                deny(STRANGER, update(SESSION, Map.of("state", "ENDED")))));
    }

    // ---- who writes what, and the state machine ----

    private void transitions(List<Scenario> s) {
        s.add(scenario("only the callee writes the answer: the caller cannot",
                given(SESSION, session("OFFER_SENT")),
                deny(CALLER, update(SESSION, Map.of("state", "CONNECTING", "answer", ANSWER)))));
        s.add(scenario("only the caller writes the offer: the callee cannot replace it",
                given(SESSION, session("OFFER_SENT")),
                deny(CALLEE, update(SESSION, Map.of("offer", with(OFFER, "sdp", "v=0 forged")))))); 
        s.add(scenario("the callee cannot redirect the call by rewriting caller_id (seed bug)",
                given(SESSION, session("CONNECTING")),
                deny(CALLEE, update(SESSION, Map.of("caller_id", STRANGER)))));
        s.add(scenario("the caller cannot redirect the call by rewriting callee_id (seed bug)",
                given(SESSION, session("OFFER_SENT")),
                deny(CALLER, update(SESSION, Map.of("callee_id", STRANGER)))));
        s.add(scenario("created_at and expires_at are immutable", given(SESSION, session("CONNECTED")),
                deny(CALLER, update(SESSION, Map.of("expires_at", expiresAt.plus(Duration.ofDays(30)))))));
        s.add(scenario("fields cannot be removed (the offer stays)", given(SESSION, session("CONNECTING")),
                deny(CALLEE, removeField(SESSION, "offer"))));
        s.add(scenario("the answer is written once: it cannot be replaced later",
                given(SESSION, session("CONNECTED")),
                deny(CALLEE, update(SESSION, Map.of("answer", with(ANSWER, "sdp", "v=0 second"))))));
        s.add(scenario("the answer must be an SDP description of type answer",
                given(SESSION, session("OFFER_SENT")),
                deny(CALLEE, update(SESSION, Map.of("state", "CONNECTING", "answer",
                        Map.of("type", "answer", "sdp", 42))))));
        s.add(scenario("state cannot skip OFFER_SENT -> CONNECTED", given(SESSION, session("OFFER_SENT")),
                deny(CALLEE, update(SESSION, Map.of("state", "CONNECTED")))));
        s.add(scenario("state cannot go back CONNECTED -> OFFER_SENT", given(SESSION, session("CONNECTED")),
                deny(CALLER, update(SESSION, Map.of("state", "OFFER_SENT")))));
        s.add(scenario("an ended call cannot be revived (ENDED -> CONNECTING)", given(SESSION, session("ENDED")),
                deny(CALLER, update(SESSION, Map.of("state", "CONNECTING")))));
        s.add(scenario("an ended call's participants stay fixed (ENDED -> ENDED with a new callee)",
                given(SESSION, session("ENDED")),
                deny(CALLER, update(SESSION, Map.of("state", "ENDED", "callee_id", "mallory")))));
        s.add(scenario("state must be one of the machine's states", given(SESSION, session("CONNECTING")),
                deny(CALLER, update(SESSION, Map.of("state", "HACKED")))));
    }

    // ---- ICE candidates ----

    private void candidates(List<Scenario> s) {
        s.add(scenario("a stranger cannot add a candidate to someone's call", given(SESSION, session("CONNECTING")),
                deny(STRANGER, create(candidatePath("callee-0"), newCandidate(STRANGER)))));
        s.add(scenario("a participant cannot add a candidate in the other's name",
                given(SESSION, session("CONNECTING")),
                deny(CALLEE, create(candidatePath("caller-0"), newCandidate(CALLER)))));
        s.add(scenario("candidates are never edited",
                given(SESSION, session("CONNECTING"), candidatePath("caller-0"), candidate(CALLER)),
                deny(CALLER, update(candidatePath("caller-0"), Map.of("candidate", "candidate:2 1 udp 1 10.0.0.1 9 typ host")))));
        s.add(scenario("a candidate longer than 1024 characters is refused", given(SESSION, session("CONNECTING")),
                deny(CALLEE, create(candidatePath("callee-0"),
                        with(newCandidate(CALLEE), "candidate", "candidate:" + "x".repeat(1024))))));
        s.add(scenario("candidate ids are bounded (callee-0..callee-99), no flooding",
                given(SESSION, session("CONNECTING")),
                deny(CALLEE, create(candidatePath("callee-100"), newCandidate(CALLEE)))));
        s.add(scenario("a candidate id carries the sender's role", given(SESSION, session("CONNECTING")),
                deny(CALLEE, create(candidatePath("caller-5"), newCandidate(CALLEE)))));
        s.add(scenario("a candidate has no fields beyond the data model", given(SESSION, session("CONNECTING")),
                deny(CALLEE, create(candidatePath("callee-0"), with(newCandidate(CALLEE), "usernameFragment", "abcd")))));
        s.add(scenario("sdpMLineIndex must be a small integer", given(SESSION, session("CONNECTING")),
                deny(CALLEE, create(candidatePath("callee-0"), with(newCandidate(CALLEE), "sdpMLineIndex", "0")))));
        s.add(scenario("a candidate's created_at is the request time", given(SESSION, session("CONNECTING")),
                deny(CALLEE, create(candidatePath("callee-0"), with(newCandidate(CALLEE), "created_at", now)))));
        s.add(scenario("a stranger cannot list a call's candidates",
                given(SESSION, session("CONNECTING"), candidatePath("caller-0"), candidate(CALLER)),
                deny(STRANGER, query(SESSION, "ice_candidates"))));
        s.add(scenario("a stranger cannot read a single candidate",
                given(SESSION, session("CONNECTING"), candidatePath("caller-0"), candidate(CALLER)),
                deny(STRANGER, get(candidatePath("caller-0")))));
        s.add(scenario("no candidates after the call ended", given(SESSION, session("ENDED")),
                deny(CALLER, create(candidatePath("caller-0"), newCandidate(CALLER)))));
        s.add(scenario("no candidates for a session that does not exist", given(),
                deny(CALLER, create(candidatePath("caller-0"), newCandidate(CALLER)))));
    }

    // ---- expiry (TTL lags up to a day) and cleanup ----

    private void expiryAndCleanup(List<Scenario> s) {
        Map<String, Object> expired = with(session("CONNECTED"), "created_at", now.minus(Duration.ofHours(3)),
                "expires_at", now.minus(Duration.ofHours(2)));
        s.add(scenario("the callee deletes an expired session (seed: duration(1, 'h') never allows it)",
                given(SESSION, expired),
                allow(CALLEE, delete(SESSION))));
        s.add(scenario("a participant deletes an expired session's candidates",
                given(SESSION, expired, candidatePath("callee-0"), candidate(CALLEE)),
                allow(CALLER, delete(candidatePath("callee-0")))));
        s.add(scenario("a sender removes own candidates left behind by a deleted session",
                given(candidatePath("callee-0"), candidate(CALLEE)),
                allow(CALLEE, delete(candidatePath("callee-0")))));
        s.add(scenario("an expired session reads as gone (TTL lag)", given(SESSION, expired),
                deny(CALLEE, get(SESSION))));
        s.add(scenario("an expired session cannot be updated", given(SESSION,
                with(expired, "state", "CONNECTING")),
                deny(CALLER, update(SESSION, Map.of("state", "CONNECTED")))));
        s.add(scenario("no candidates for an expired session", given(SESSION, with(expired, "state", "CONNECTING")),
                deny(CALLEE, create(candidatePath("callee-0"), newCandidate(CALLEE)))));
        s.add(scenario("a live call cannot be deleted before it ended", given(SESSION, session("CONNECTED")),
                deny(CALLER, delete(SESSION))));
        s.add(scenario("a stranger cannot delete an expired session", given(SESSION, expired),
                deny(STRANGER, delete(SESSION))));
        s.add(scenario("a stranger cannot delete an ended call's candidates",
                given(SESSION, session("ENDED"), candidatePath("caller-0"), candidate(CALLER)),
                deny(STRANGER, delete(candidatePath("caller-0")))));
        s.add(scenario("a participant cannot delete a live call's candidates",
                given(SESSION, session("CONNECTED"), candidatePath("caller-0"), candidate(CALLER)),
                deny(CALLEE, delete(candidatePath("caller-0")))));
    }

    // ---- documents ----

    /** A session as the caller sends it on create. */
    private Map<String, Object> newSession(String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caller_id", CALLER);
        m.put("callee_id", CALLEE);
        m.put("offer", "IDLE".equals(state) ? null : OFFER);
        m.put("answer", null);
        m.put("state", state);
        m.put("created_at", REQUEST_TIME);
        m.put("expires_at", expiresAt);
        return m;
    }

    /** A session as stored after reaching {@code state}. */
    private Map<String, Object> session(String state) {
        boolean answered = List.of("CONNECTING", "CONNECTED", "ENDED").contains(state);
        return with(newSession(state), "offer", OFFER, "answer", answered ? ANSWER : null,
                "created_at", now.minus(Duration.ofMinutes(1)));
    }

    /** A candidate as a participant sends it on create. */
    private Map<String, Object> newCandidate(String sender) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sender_id", sender);
        m.put("candidate", "candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host");
        m.put("sdpMid", "0");
        m.put("sdpMLineIndex", 0);
        m.put("created_at", REQUEST_TIME);
        m.put("expires_at", expiresAt);
        return m;
    }

    private Map<String, Object> candidate(String sender) {
        return with(newCandidate(sender), "created_at", now.minusSeconds(30));
    }

    private static String candidatePath(String id) {
        return SESSION + "/ice_candidates/" + id;
    }

    /** A copy of {@code base} with pairs of key, value replaced ({@link #REMOVE} drops the key). */
    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == REMOVE) {
                m.remove((String) pairs[i]);
            } else {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    private static Map<String, Map<String, Object>> given(Object... pathsAndDocs) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndDocs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) pathsAndDocs[i + 1];
            m.put((String) pathsAndDocs[i], doc);
        }
        return m;
    }

    private static Step allow(String user, FirestoreRest.Request request) {
        return new Step(user, Expect.ALLOW, request);
    }

    private static Step deny(String user, FirestoreRest.Request request) {
        return new Step(user, Expect.DENY, request);
    }

    private static Scenario scenario(String name, Map<String, Map<String, Object>> given, Step... steps) {
        return new Scenario(name, given, List.of(steps));
    }
}
