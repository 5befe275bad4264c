package org.mailauth4j.arc;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The {@code a=} algorithms ARC accepts for the AMS and the AS: {@code rsa-sha256}
 * (RFC 8617 §4.1.2 via RFC 6376 §3.3.1) and {@code ed25519-sha256} (RFC 8463 §3, which signs the
 * SHA-256 digest of the canonical header data with PureEdDSA). {@code rsa-sha1} is not accepted
 * (RFC 8301 §3.1), matching the DKIM module's policy.
 *
 * <p>Package-private stand-in for the DKIM module's {@code SignatureAlgorithm}.
 */
enum SigningAlgorithm {
    RSA_SHA256("rsa-sha256", "rsa"),
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    SigningAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    String tagValue() {
        return tag;
    }

    String keyType() {
        return keyType;
    }

    /** Case-sensitive, as the ValiMail suite expects (RFC 6376 §3.2: values are case-sensitive unless stated). */
    static SigningAlgorithm forTagValue(String v) {
        for (SigningAlgorithm a : values()) {
            if (a.tag.equals(v)) {
                return a;
            }
        }
        return null;
    }

    boolean verify(PublicKeyRecord key, byte[] data, byte[] signature) {
        if (!key.keyType().equals(keyType)) {
            return false;
        }
        try {
            if (this == RSA_SHA256) {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initVerify((PublicKey) key.key());
                s.update(data);
                return s.verify(signature);
            }
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, (Ed25519PublicKeyParameters) key.key());
            byte[] digest = sha256(data);
            v.update(digest, 0, digest.length);
            return v.verifySignature(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Signs {@code data} (the canonical header data); both algorithms are deterministic. */
    byte[] sign(Object privateKey, byte[] data) {
        try {
            if (this == RSA_SHA256) {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign((PrivateKey) privateKey);
                s.update(data);
                return s.sign();
            }
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, (Ed25519PrivateKeyParameters) privateKey);
            byte[] digest = sha256(data);
            signer.update(digest, 0, digest.length);
            return signer.generateSignature();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
