package dev.turnkit.model;

import java.util.List;

/**
 * The names of the signaling data that more than one part of turnkit must agree on: what {@code firestore.rules}
 * protects, what the sample page and apps write, what {@code sessions prune} deletes, and what the stack puts TTL
 * policies and indexes on (docs/signaling-data-model.md). {@code SignalingSchemaTest} fails when any of them
 * writes other names.
 */
public final class SignalingSchema {
    /** Top-level collection of call sessions. */
    public static final String SESSIONS = "webrtc_sessions";
    /** Subcollection (and collection group) of a session's ICE candidates. */
    public static final String CANDIDATES = "ice_candidates";
    /** The Timestamp field the TTL policies delete by, on sessions and candidates alike. */
    public static final String EXPIRES_AT = "expires_at";
    /** The collection groups with a TTL policy on {@link #EXPIRES_AT}: TTL never deletes subcollections. */
    public static final List<String> TTL_COLLECTION_GROUPS = List.of(SESSIONS, CANDIDATES);
    /**
     * The composite index of the callee's incoming-call query ({@code callee_id ==, state ==}, optionally
     * {@code expires_at >}): equality filters alone are served by single-field indexes, the range on
     * {@code expires_at} needs this one.
     */
    public static final List<String> INCOMING_CALL_INDEX = List.of("callee_id", "state", EXPIRES_AT);

    private SignalingSchema() {
    }
}
