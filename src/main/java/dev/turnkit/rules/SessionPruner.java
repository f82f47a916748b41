package dev.turnkit.rules;

import com.google.api.core.ApiFuture;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Deletes signaling sessions that the TTL policy has not removed yet (TTL deletion lags up to a day and never
 * touches subcollections): every session created before the cut-off or already expired, with its ICE candidates
 * ({@code recursiveDelete}), then any candidate of that age left without its session.
 */
public final class SessionPruner implements AutoCloseable {
    static final String SESSIONS = dev.turnkit.model.SignalingSchema.SESSIONS;
    static final String CANDIDATES = dev.turnkit.model.SignalingSchema.CANDIDATES;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What was (or, in a dry run, would be) deleted. */
    public record Report(Instant cutoff, boolean dryRun, int sessions, int candidates) {
    }

    private final Firestore db;
    private final Consumer<String> log;

    public SessionPruner(Firestore db, Consumer<String> log) {
        this.db = db;
        this.log = log;
    }

    /** A client of the emulator at {@code hostPort} (owner access: rules do not apply). */
    public static SessionPruner forEmulator(String hostPort, String projectId, Consumer<String> log) {
        // Both hosts are needed, or the client still dials firestore.googleapis.com. The emulator's owner
        // credentials (not NoCredentials): recursiveDelete's BatchWrite requires admin authentication.
        Firestore db = FirestoreOptions.newBuilder()
                .setProjectId(projectId)
                .setEmulatorHost(hostPort)
                .setHost(hostPort)
                .setCredentials(new FirestoreOptions.EmulatorCredentials())
                .build()
                .getService();
        return new SessionPruner(db, log);
    }

    /** A client of the real project with ADC or a service-account file. */
    public static SessionPruner forProject(String projectId, String database, Path credentialsFile,
            Consumer<String> log) {
        GoogleCredentials credentials;
        try {
            if (credentialsFile == null) {
                credentials = GoogleCredentials.getApplicationDefault();
            } else {
                try (InputStream in = Files.newInputStream(credentialsFile)) {
                    credentials = GoogleCredentials.fromStream(in);
                }
            }
        } catch (IOException e) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "no usable Google credentials ("
                    + e.getMessage() + "): run 'gcloud auth application-default login' or pass --credentials FILE",
                    e);
        }
        FirestoreOptions.Builder options = FirestoreOptions.newBuilder().setProjectId(projectId)
                .setCredentials(credentials);
        if (database != null && !database.isEmpty()) {
            options.setDatabaseId(database);
        }
        return new SessionPruner(options.build().getService(), log);
    }

    /** Prunes sessions created before {@code now - olderThan} or expired at {@code now}. */
    public Report prune(Duration olderThan, Instant now, boolean dryRun) {
        Instant cutoff = now.minus(olderThan);
        Timestamp cutoffTs = Timestamp.ofTimeSecondsAndNanos(cutoff.getEpochSecond(), cutoff.getNano());
        Timestamp nowTs = Timestamp.ofTimeSecondsAndNanos(now.getEpochSecond(), now.getNano());
        Map<String, DocumentReference> sessions = new LinkedHashMap<>();
        for (QueryDocumentSnapshot d : await(db.collection(SESSIONS).whereLessThan("created_at", cutoffTs).get())) {
            sessions.put(d.getReference().getPath(), d.getReference());
        }
        for (QueryDocumentSnapshot d : await(db.collection(SESSIONS).whereLessThan(dev.turnkit.model.SignalingSchema.EXPIRES_AT, nowTs).get())) {
            sessions.put(d.getReference().getPath(), d.getReference());
        }
        int candidates = 0;
        for (DocumentReference session : sessions.values()) {
            candidates += await(session.collection(CANDIDATES).get()).size();
            if (dryRun) {
                log.accept("dry run: would delete " + session.getPath() + " and its candidates");
            } else {
                await(db.recursiveDelete(session));
                log.accept("deleted " + session.getPath() + " and its candidates");
            }
        }
        // Candidates are never older than their session: any of this age left over lost its session.
        List<QueryDocumentSnapshot> leftovers = await(db.collectionGroup(CANDIDATES)
                .whereLessThan("created_at", cutoffTs).get()).getDocuments();
        for (QueryDocumentSnapshot c : leftovers) {
            DocumentReference parent = c.getReference().getParent().getParent();
            if (parent != null && sessions.containsKey(parent.getPath())) {
                continue;
            }
            DocumentSnapshot session = parent == null ? null : await(parent.get());
            if (session != null && session.exists()) {
                continue;
            }
            candidates++;
            if (!dryRun) {
                await(c.getReference().delete());
            }
            log.accept((dryRun ? "dry run: would delete orphan " : "deleted orphan ") + c.getReference().getPath());
        }
        return new Report(cutoff, dryRun, sessions.size(), candidates);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (Exception e) {
            log.accept("closing the Firestore client: " + e.getMessage());
        }
    }

    private static <T> T await(ApiFuture<T> future) {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RulesException(RulesException.Kind.REFUSED, "Firestore did not answer within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RulesException(RulesException.Kind.REFUSED, "Firestore refused: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesException(RulesException.Kind.REFUSED, "interrupted", e);
        }
    }
}
