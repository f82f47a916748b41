package dev.turnkit.model;

import java.util.List;

/**
 * Where coturn finds the TURN REST secrets of a production host: the {@code turn_secret} rows of its realm in
 * coturn's SQLite user database, which coturn 4.6.1 (with {@code use-auth-secret}) reads on every authentication.
 * The host script {@code turnkit-sync-secrets} makes those rows equal to the secret files, so a secret is added or
 * removed while coturn runs: no restart, no dropped call (docs/deploy.md, "--rotate-secret").
 *
 * @param dbFile      coturn's {@code userdb} file
 * @param realm       the realm whose rows are managed (coturn's {@code realm}); other realms' rows are left alone
 * @param owner       the user (and group of the same name) coturn runs as: the database is theirs, mode 0600
 * @param secretFiles the root-only files holding the secrets, current first; every one must hold a secret
 */
public record SecretStore(String dbFile, String realm, String owner, List<String> secretFiles) {
    /** Where the sync script lives on the host; secret files declare {@code run} of it as their on-change step. */
    public static final String SYNC_SCRIPT = "/usr/local/sbin/turnkit-sync-secrets";

    public SecretStore {
        secretFiles = List.copyOf(secretFiles);
        if (secretFiles.isEmpty()) {
            throw new IllegalArgumentException("at least one secret file expected");
        }
        for (String s : List.of(dbFile, realm, owner)) {
            if (!s.matches("[A-Za-z0-9_./-]+")) {
                throw new IllegalArgumentException("unsafe value for the sync script: " + s);
            }
        }
        for (String f : secretFiles) {
            if (!f.matches("/[A-Za-z0-9_./-]+")) {
                throw new IllegalArgumentException("unsafe secret file path: " + f);
            }
        }
    }
}
