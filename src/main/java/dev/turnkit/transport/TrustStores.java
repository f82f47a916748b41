package dev.turnkit.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds SSL contexts that trust the JDK default store or a PEM CA file, and remember the presented chain. */
final class TrustStores {
    private TrustStores() {
    }

    /** A client context with the trust manager that belongs to it. */
    record Trust(SSLContext context, Recording recording) {
    }

    /** Contexts by CA file (empty key: JDK store); building one costs more CPU than a handshake, so share them. */
    private static final Map<String, X509ExtendedTrustManager> CACHE = new ConcurrentHashMap<>();

    /**
     * A trust manager that records the chain each socket's server presented, then lets the JDK's PKIX manager
     * decide (so the chain is known even when it is refused).
     */
    static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final Map<Socket, List<X509Certificate>> presented =
                Collections.synchronizedMap(new WeakHashMap<>());

        Recording(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        /** The chain presented on {@code socket} (empty if the handshake did not get that far); forgets it. */
        List<X509Certificate> presented(Socket socket) {
            List<X509Certificate> chain = presented.remove(socket);
            return chain == null ? List.of() : chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            presented.put(socket, List.copyOf(Arrays.asList(chain)));
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /**
     * A new client context trusting {@code caFile} (PEM) or, if null, the JDK default trust store. The PKIX trust
     * manager is built once per CA file; the context is new on every call, so no TLS session is ever resumed: a
     * health check must see (and verify) the certificate on every connection, which a resumed session skips.
     */
    static Trust trust(Path caFile) throws TransportException {
        String key = caFile == null ? "" : caFile.toAbsolutePath().normalize().toString();
        X509ExtendedTrustManager pkix = CACHE.get(key);
        if (pkix == null) {
            synchronized (CACHE) {
                pkix = CACHE.get(key);
                if (pkix == null) {
                    pkix = pkix(caFile);
                    CACHE.put(key, pkix);
                }
            }
        }
        try {
            Recording recording = new Recording(pkix);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recording}, null);
            return new Trust(ctx, recording);
        } catch (GeneralSecurityException e) {
            throw new TransportException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager pkix(Path caFile) throws TransportException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(caFile == null ? null : keyStore(caFile));
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new TransportException("no X.509 trust manager available in this JVM");
        } catch (GeneralSecurityException e) {
            throw new TransportException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** Loads every certificate of a PEM file as a trusted CA. */
    static KeyStore keyStore(Path caFile) throws TransportException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new TransportException("cannot read CA file " + caFile + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new TransportException("CA file " + caFile + " is not PEM X.509: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new TransportException("CA file " + caFile + " contains no certificate");
        }
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            List<Certificate> list = new ArrayList<>(certs);
            for (int i = 0; i < list.size(); i++) {
                ks.setCertificateEntry("ca-" + i, list.get(i));
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new TransportException("cannot build a trust store from " + caFile + ": " + e.getMessage(), e);
        }
    }
}
