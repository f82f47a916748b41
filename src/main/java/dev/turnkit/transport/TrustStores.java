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
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds SSL contexts that trust the JDK default store or a PEM CA file, and remember the presented chain. */
final class TrustStores {
    private TrustStores() {
    }

    /** A trust manager that records the server chain, then lets the JDK's PKIX manager decide. */
    static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private volatile List<X509Certificate> presented = List.of();

        Recording(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        List<X509Certificate> presented() {
            return presented;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            presented = Arrays.asList(chain.clone());
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            presented = Arrays.asList(chain.clone());
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            presented = Arrays.asList(chain.clone());
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

    /** A client context trusting {@code caFile} (PEM) or, if null, the JDK default trust store. */
    static SSLContext context(Path caFile, Recording[] recordingOut) throws TransportException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(caFile == null ? null : keyStore(caFile));
            X509ExtendedTrustManager pkix = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    pkix = x;
                }
            }
            if (pkix == null) {
                throw new TransportException("no X.509 trust manager available in this JVM");
            }
            Recording recording = new Recording(pkix);
            recordingOut[0] = recording;
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {recording}, null);
            return ctx;
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
