package dev.turnkit.credentials;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.ErrorCode;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import com.google.firebase.internal.FirebaseProcessEnvironment;
import dev.turnkit.model.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Firebase ID token verification with firebase-admin: RS256 signature against Google's published keys, {@code aud}
 * = project id, {@code iss} = {@code https://securetoken.google.com/<project>}, {@code exp}/{@code iat}, non-empty
 * {@code sub}; optionally revocation and disabled users (a user lookup per token, so it needs Application Default
 * Credentials in production).
 *
 * <p>Verified tokens are cached by their SHA-256 for at most {@code cacheTtl} and never past their expiry, so a
 * client refreshing credentials does not cost a signature check (or, with revocation checks, a user lookup) per
 * request; a revoked or disabled user is refused at the latest {@code cacheTtl} later.
 *
 * <p>Emulator mode: firebase-admin reads {@code FIREBASE_AUTH_EMULATOR_HOST} through
 * {@link FirebaseProcessEnvironment}; in that mode it skips the signature check, so it is set only from the explicit
 * emulator host given here, process-wide, and cleared on {@link #close()}. A production verifier refuses to start
 * when the variable is present in the environment.
 */
public final class FirebaseIdTokenVerifier implements IdTokenVerifier {
    static final String EMULATOR_ENV = "FIREBASE_AUTH_EMULATOR_HOST";
    private static final AtomicInteger APPS = new AtomicInteger();
    /** Emulator-mode verifiers open in this process: the emulator host is process-wide in firebase-admin. */
    private static int emulatorUsers;
    private static final int MAX_CACHE_ENTRIES = 100_000;

    private final FirebaseApp app;
    private final FirebaseAuth auth;
    private final boolean checkRevoked;
    private final boolean emulator;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Cached(String uid, Instant until) {
    }

    private FirebaseIdTokenVerifier(FirebaseApp app, boolean checkRevoked, boolean emulator, Duration cacheTtl,
            Clock clock) {
        this.app = app;
        this.auth = FirebaseAuth.getInstance(app);
        this.checkRevoked = checkRevoked;
        this.emulator = emulator;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /**
     * A verifier for {@code projectId}.
     *
     * @param emulatorHost {@code host:port} of the Auth emulator, or null for production
     * @param env the process environment, checked for an inherited emulator variable
     */
    public static FirebaseIdTokenVerifier create(String projectId, String emulatorHost, boolean checkRevoked,
            Duration cacheTtl, Map<String, String> env, Clock clock) {
        String inherited = env.get(EMULATOR_ENV);
        if (emulatorHost == null) {
            if (inherited != null && !inherited.isBlank()) {
                throw new ConfigException(EMULATOR_ENV + " is set in the environment; firebase-admin would then "
                        + "accept unsigned ID tokens, so production mode refuses to start. Unset it, or configure "
                        + "emulator mode explicitly (the Auth emulator's loopback HOST:PORT) for local use");
            }
            String effective = FirebaseProcessEnvironment.getenv(EMULATOR_ENV);
            if (effective != null && !effective.isBlank()) {
                throw new ConfigException("an emulator-mode credentials server is running in this process; a "
                        + "production-mode verifier cannot run beside it");
            }
        } else {
            useEmulator(emulatorHost);
        }
        GoogleCredentials credentials;
        if (emulatorHost == null && checkRevoked) {
            try {
                credentials = GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw new ConfigException("checking for revoked tokens looks users up and needs Google Application Default "
                        + "Credentials (GOOGLE_APPLICATION_CREDENTIALS=service-account.json): " + e.getMessage());
            }
        } else {
            // Signature checks need only Google's public keys; the emulator accepts any bearer.
            credentials = GoogleCredentials.create(new AccessToken("owner", null));
        }
        FirebaseOptions options = FirebaseOptions.builder()
                .setProjectId(projectId)
                .setCredentials(credentials)
                .setConnectTimeout(5_000)
                .setReadTimeout(5_000)
                .build();
        FirebaseApp app = FirebaseApp.initializeApp(options, "turnkit-credentials-" + APPS.incrementAndGet());
        return new FirebaseIdTokenVerifier(app, checkRevoked || emulatorHost != null, emulatorHost != null, cacheTtl,
                clock);
    }

    @Override
    public String verify(String idToken) throws InvalidTokenException {
        String key = sha256(idToken);
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null) {
            if (now.isBefore(hit.until())) {
                return hit.uid();
            }
            cache.remove(key, hit);
        }
        FirebaseToken token;
        try {
            token = auth.verifyIdToken(idToken, checkRevoked);
        } catch (FirebaseAuthException e) {
            throw classify(e);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("malformed_token");
        }
        if (!cacheTtl.isZero()) {
            Object exp = token.getClaims().get("exp");
            Instant until = now.plus(cacheTtl);
            if (exp instanceof Number n && Instant.ofEpochSecond(n.longValue()).isBefore(until)) {
                until = Instant.ofEpochSecond(n.longValue());
            }
            if (cache.size() >= MAX_CACHE_ENTRIES) {
                cache.values().removeIf(c -> !now.isBefore(c.until()));
                if (cache.size() >= MAX_CACHE_ENTRIES) {
                    cache.clear();
                }
            }
            cache.put(key, new Cached(token.getUid(), until));
        }
        return token.getUid();
    }

    private static InvalidTokenException classify(FirebaseAuthException e) throws VerifierUnavailableException {
        AuthErrorCode code = e.getAuthErrorCode();
        if (code == null) {
            // No auth error code: a transport problem (keys or user lookup unreachable), not the caller's fault.
            if (e.getErrorCode() == ErrorCode.UNAVAILABLE || e.getErrorCode() == ErrorCode.UNKNOWN
                    || e.getErrorCode() == ErrorCode.DEADLINE_EXCEEDED || e.getErrorCode() == ErrorCode.INTERNAL) {
                throw new VerifierUnavailableException("token verification unavailable: " + e.getErrorCode(), e);
            }
            return new InvalidTokenException("invalid_token");
        }
        return switch (code) {
            case EXPIRED_ID_TOKEN -> new InvalidTokenException("expired_token");
            case REVOKED_ID_TOKEN -> new InvalidTokenException("revoked_token");
            case USER_DISABLED -> new InvalidTokenException("user_disabled");
            case USER_NOT_FOUND -> new InvalidTokenException("user_not_found");
            default -> new InvalidTokenException("invalid_token");
        };
    }

    public boolean emulatorMode() {
        return emulator;
    }

    private static synchronized void useEmulator(String host) {
        String current = FirebaseProcessEnvironment.getenv(EMULATOR_ENV);
        if (emulatorUsers > 0 && !host.equals(current)) {
            throw new ConfigException("another emulator-mode credentials server in this process uses the Auth "
                    + "emulator at " + current + "; firebase-admin allows one emulator per process");
        }
        FirebaseProcessEnvironment.setenv(EMULATOR_ENV, host);
        emulatorUsers++;
    }

    private static synchronized void releaseEmulator() {
        if (--emulatorUsers == 0) {
            FirebaseProcessEnvironment.setenv(EMULATOR_ENV, "");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        app.delete();
        if (emulator) {
            releaseEmulator();
        }
    }

    /** One SHA-256 instance per thread: the provider lookup of {@code getInstance} is costly per request. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String sha256(String token) {
        return Base64.getEncoder().encodeToString(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
