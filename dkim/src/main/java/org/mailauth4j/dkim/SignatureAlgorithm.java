package org.mailauth4j.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.mailauth4j.core.text.Ascii;

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

    /** {@link #values()} without a copy per call. */
    private static final SignatureAlgorithm[] ALL = values();

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
        for (SignatureAlgorithm a : ALL) {
            if (Ascii.equalsIgnoreCase(a.tagValue, value)) {
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
        return verifyRsa(key.rsaKey(), headerDigest, signature);
    }

    /**
     * RSASSA-PKCS1-V1_5-VERIFY (RFC 8017 §8.2.2): the signature must be exactly as long as the
     * modulus (step 1); RSAVP1 (the JDK's raw RSA public-key operation, which also refuses a
     * representative not below the modulus) gives the encoded message, which must equal the
     * EMSA-PKCS1-v1_5 encoding of the header digest (§9.2: 0x00 0x01, 0xff padding, 0x00,
     * DigestInfo) byte for byte (steps 3-4). Encoding and comparing, rather than parsing the
     * recovered block, is what the RFC prescribes and leaves no room for lenient-parser forgeries.
     */
    private boolean verifyRsa(RSAPublicKey key, byte[] headerDigest, byte[] signature) {
        int k = (key.getModulus().bitLength() + 7) / 8;
        byte[] prefix = hash.digestInfoPrefix();
        int t = prefix.length + headerDigest.length;
        if (signature.length != k || k < t + 11) {
            return false;
        }
        byte[] em;
        try {
            Cipher rsa = RAW_RSA.get();
            rsa.init(Cipher.DECRYPT_MODE, key);
            em = rsa.doFinal(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // e.g. a signature representative not below the modulus
        }
        if (em.length != k) {
            return false;
        }
        byte[] expected = new byte[k];
        expected[1] = 0x01;
        java.util.Arrays.fill(expected, 2, k - t - 1, (byte) 0xff);
        System.arraycopy(prefix, 0, expected, k - t, prefix.length);
        System.arraycopy(headerDigest, 0, expected, k - headerDigest.length, headerDigest.length);
        return MessageDigest.isEqual(em, expected);
    }

    /** Raw RSA (RSAVP1 with a public key); one per thread, as a {@link Cipher} is not thread-safe. */
    private static final ThreadLocal<Cipher> RAW_RSA = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("RSA/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no raw RSA cipher", e);
        }
    });

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
