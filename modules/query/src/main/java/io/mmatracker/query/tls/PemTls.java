package io.mmatracker.query.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS contexts from PEM files, as operators have them (openssl, cert-manager, ACME): a certificate chain and its
 * unencrypted private key (PKCS#8, PKCS#1 RSA or SEC1 EC), and optionally the CA whose client certificates are
 * accepted (mTLS between instances). BouncyCastle reads the PEM; the JDK's JSSE does the TLS.
 */
public final class PemTls {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final List<X509Certificate> clientCa;

    private PemTls(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCa) {
        this.chain = chain;
        this.key = key;
        this.clientCa = clientCa;
    }

    /**
     * @throws IllegalArgumentException naming the setting whose file is missing or not PEM of the right kind
     */
    public static PemTls load(Path certFile, Path keyFile, Optional<Path> clientCaFile) {
        List<X509Certificate> chain = certificates(certFile, "query.tls.cert-file");
        PrivateKey key = privateKey(keyFile);
        List<X509Certificate> ca = clientCaFile.map(f -> certificates(f, "query.tls.client-ca-file")).orElse(List.of());
        return new PemTls(chain, key, ca);
    }

    /** Whether client certificates signed by the client CA are asked for (mTLS). */
    public boolean isMutual() {
        return !clientCa.isEmpty();
    }

    /** The listener's context: this certificate; client certificates verified against the client CA when given. */
    public SSLContext serverContext() {
        return context(clientCa);
    }

    /**
     * The context of forwards to other instances: presents this certificate (their mTLS) and trusts the client CA,
     * or this instance's own chain when none is given (instances sharing one certificate).
     */
    public SSLContext clientContext() {
        return context(clientCa.isEmpty() ? chain : clientCa);
    }

    private SSLContext context(List<X509Certificate> trusted) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("query", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, IN_MEMORY);
            TrustManagerFactory tmf = null;
            if (!trusted.isEmpty()) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                for (int i = 0; i < trusted.size(); i++) {
                    trust.setCertificateEntry("ca-" + i, trusted.get(i));
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("query.tls: the certificate and key do not make a TLS context: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file, String setting) {
        List<X509Certificate> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    out.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(setting + " " + file + " cannot be read as PEM certificates: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(setting + " " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    private static PrivateKey privateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    // a SEC1 EC key may come without its public half: convert the private part only
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the message of a key parser may quote key material: say only which file and what kind of failure
            throw new IllegalArgumentException("query.tls.key-file " + file + " cannot be read as a PEM private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalArgumentException("query.tls.key-file " + file + " holds no unencrypted PEM private key "
                + "(-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
}
