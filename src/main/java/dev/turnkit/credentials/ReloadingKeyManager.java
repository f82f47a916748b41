package dev.turnkit.credentials;

import dev.turnkit.model.ConfigException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager serving one PEM certificate chain and key that are re-read when either file's modification time
 * changes ({@link #reloadIfChanged()}, polled by the server). New TLS handshakes get the new certificate; open
 * connections keep theirs. A reload that fails (e.g. certbot half-way through writing) keeps the old pair and is
 * retried at the next poll.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    /** One generation of the files; the alias names the generation so chain and key always match. */
    private record Loaded(String alias, PemFiles.KeyAndChain pair) {
    }

    private final Path certFile;
    private final Path keyFile;
    private final Consumer<String> log;
    private volatile Loaded current;
    private volatile Loaded previous;
    private int generation;
    private FileTime certTime;
    private FileTime keyTime;

    ReloadingKeyManager(Path certFile, Path keyFile, Consumer<String> log) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.log = log;
        FileTime[] times = times();
        this.current = new Loaded("g0", PemFiles.load(certFile, keyFile));
        this.previous = current;
        this.certTime = times[0];
        this.keyTime = times[1];
    }

    /** Re-reads the files if their modification times changed; returns true when a new pair was installed. */
    synchronized boolean reloadIfChanged() {
        FileTime[] times;
        try {
            times = times();
        } catch (RuntimeException e) {
            log.accept("TLS files unreadable, keeping the current certificate: " + e.getMessage());
            return false;
        }
        if (times[0].equals(certTime) && times[1].equals(keyTime)) {
            return false;
        }
        try {
            PemFiles.KeyAndChain pair = PemFiles.load(certFile, keyFile);
            previous = current;
            current = new Loaded("g" + (++generation), pair);
            certTime = times[0];
            keyTime = times[1];
            log.accept("TLS certificate reloaded: " + pair.chain()[0].getSubjectX500Principal().getName()
                    + ", valid until " + pair.chain()[0].getNotAfter().toInstant());
            return true;
        } catch (RuntimeException e) {
            log.accept("TLS reload failed, keeping the current certificate: " + e.getMessage());
            return false;
        }
    }

    X509Certificate leaf() {
        return current.pair().chain()[0];
    }

    private FileTime[] times() {
        try {
            return new FileTime[] {Files.getLastModifiedTime(certFile), Files.getLastModifiedTime(keyFile)};
        } catch (IOException e) {
            throw new ConfigException("cannot stat TLS files " + certFile + ", " + keyFile + ": "
                    + e.getMessage());
        }
    }

    private String aliasFor(String keyType) {
        Loaded now = current;
        return keyType == null || keyType.equals(now.pair().key().getAlgorithm()) ? now.alias() : null;
    }

    private PemFiles.KeyAndChain byAlias(String alias) {
        Loaded now = current;
        if (now.alias().equals(alias)) {
            return now.pair();
        }
        Loaded before = previous;
        return before.alias().equals(alias) ? before.pair() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = aliasFor(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        PemFiles.KeyAndChain pair = byAlias(alias);
        return pair == null ? null : pair.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PemFiles.KeyAndChain pair = byAlias(alias);
        return pair == null ? null : pair.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
