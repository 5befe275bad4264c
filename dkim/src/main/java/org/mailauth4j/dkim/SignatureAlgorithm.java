package org.mailauth4j.dkim;

import java.security.GeneralSecurityException;
import java.security.Signature;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The signing algorithms of {@code a=} (RFC 6376 §3.3, RFC 8463 §3). Both work on the hash of the
 * canonicalized header data (the "header digest"):
 * <ul>
 * <li>{@code rsa-sha256}/{@code rsa-sha1}: RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) whose DigestInfo
 * carries the header digest, which is what signing the header data with SHA-256 produces;</li>
 * <li>{@code ed25519-sha256}: PureEdDSA over the 32-byte SHA-256 header digest (RFC 8463 §3).</li>
 * </ul>
 * ARC (RFC 8617 §4.1.1/§4.1.3) uses the same algorithms for AMS and AS.
 */
public enum SignatureAlgorithm {
    RSA_SHA1("rsa-sha1", "rsa", HashAlgorithm.SHA1),
    RSA_SHA256("rsa-sha256", "rsa", HashAlgorithm.SHA256),
    ED25519_SHA256("ed25519-sha256", "ed25519", HashAlgorithm.SHA256);

    private final String tagValue;
    private final String keyType;
    private final HashAlgorithm hash;

    SignatureAlgorithm(String tagValue, String keyType, HashAlgorithm hash) {
        this.tagValue = tagValue;
        this.keyType = keyType;
        this.hash = hash;
    }

    /** The {@code a=} value, e.g. {@code rsa-sha256}. */
    public String tagValue() {
        return tagValue;
    }

    /** The key type ({@code k=}) this algorithm needs: {@code rsa} or {@code ed25519}. */
    public String keyType() {
        return keyType;
    }

    /** The hash used for the body hash and the header digest. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** The algorithm for an {@code a=} value (case-insensitive), or {@code null} when unknown. */
    public static SignatureAlgorithm forTagValue(String value) {
        for (SignatureAlgorithm a : values()) {
            if (a.tagValue.equalsIgnoreCase(value)) {
                return a;
            }
        }
        return null;
    }

    /**
     * Checks {@code signature} over {@code headerDigest} with {@code key}.
     *
     * @return false when the key type does not match or the signature does not verify
     */
    public boolean verify(DkimPublicKey key, byte[] headerDigest, byte[] signature) {
        if (!keyType.equals(key.keyType())) {
            return false;
        }
        if (key.ed25519Key() != null) {
            Ed25519Signer s = new Ed25519Signer();
            s.init(false, key.ed25519Key());
            s.update(headerDigest, 0, headerDigest.length);
            return s.verifySignature(signature);
        }
        try {
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initVerify(key.rsaKey());
            s.update(digestInfo(headerDigest));
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // malformed signature bytes (wrong length etc.) simply do not verify
        }
    }

    /** Signs {@code headerDigest} with {@code key} (deterministic for both algorithms). */
    public byte[] sign(DkimPrivateKey key, byte[] headerDigest) {
        if (!keyType.equals(key.keyType())) {
            throw new IllegalArgumentException(tagValue + " needs an " + keyType + " key, not " + key.keyType());
        }
        if (key.ed25519Key() != null) {
            Ed25519Signer s = new Ed25519Signer();
            s.init(true, key.ed25519Key());
            s.update(headerDigest, 0, headerDigest.length);
            return s.generateSignature();
        }
        try {
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key.rsaKey());
            s.update(digestInfo(headerDigest));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    private byte[] digestInfo(byte[] digest) {
        byte[] prefix = hash.digestInfoPrefix();
        byte[] out = new byte[prefix.length + digest.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(digest, 0, out, prefix.length, digest.length);
        return out;
    }
}
