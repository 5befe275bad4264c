package org.mailauth4j.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A DKIM public key: the decoded {@code p=} of a key record (RFC 6376 §3.6.1) for key type
 * {@code rsa} (SubjectPublicKeyInfo, or a bare PKCS#1 RSAPublicKey as some publishers use) or
 * {@code ed25519} (the raw 32-byte key, RFC 8463 §4).
 */
public final class DkimPublicKey {
    private final String keyType;
    private final RSAPublicKey rsa;
    private final Ed25519PublicKeyParameters ed25519;

    private DkimPublicKey(String keyType, RSAPublicKey rsa, Ed25519PublicKeyParameters ed25519) {
        this.keyType = keyType;
        this.rsa = rsa;
        this.ed25519 = ed25519;
    }

    /** Largest RSA modulus accepted (RFC 8301 §3.2: verifiers MUST handle 1024-4096 bits, MAY more). */
    static final int MAX_RSA_BITS = 8192;

    /**
     * Decodes key data of {@code keyType} ({@code rsa} or {@code ed25519}). RSA keys over 8192
     * bits, or with a public exponent over 64 bits (which would make each verification
     * arbitrarily slow), are refused.
     *
     * @throws DkimFormatException when the data is not a key of that type
     */
    public static DkimPublicKey decode(String keyType, byte[] data) throws DkimFormatException {
        DkimPublicKey k = decodeUnchecked(keyType, data);
        if (k.rsa != null) {
            if (k.rsa.getModulus().bitLength() > MAX_RSA_BITS) {
                throw new DkimFormatException("RSA key larger than " + MAX_RSA_BITS + " bits");
            }
            if (k.rsa.getPublicExponent().bitLength() > 64) {
                throw new DkimFormatException("RSA public exponent larger than 64 bits");
            }
        }
        return k;
    }

    private static DkimPublicKey decodeUnchecked(String keyType, byte[] data) throws DkimFormatException {
        if ("ed25519".equals(keyType)) {
            if (data.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new DkimFormatException("ed25519 key must be 32 bytes, not " + data.length);
            }
            return new DkimPublicKey(keyType, null, new Ed25519PublicKeyParameters(data, 0));
        }
        if (!"rsa".equals(keyType)) {
            throw new DkimFormatException("unknown key type k=" + keyType);
        }
        try {
            KeyFactory kf = KeyFactory.getInstance("RSA");
            try {
                return new DkimPublicKey(keyType, (RSAPublicKey) kf.generatePublic(new X509EncodedKeySpec(data)), null);
            } catch (GeneralSecurityException | ClassCastException notSpki) {
                // RFC 6376 §3.6.1 says SubjectPublicKeyInfo; a bare RSAPublicKey (RFC 8017 A.1.1) is common too.
                org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(data);
                return new DkimPublicKey(keyType,
                        (RSAPublicKey) kf.generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())), null);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DkimFormatException("p= is not a valid RSA public key", e);
        }
    }

    static DkimPublicKey rsa(RSAPublicKey key) {
        return new DkimPublicKey("rsa", key, null);
    }

    static DkimPublicKey ed25519(Ed25519PublicKeyParameters key) {
        return new DkimPublicKey("ed25519", null, key);
    }

    /** {@code rsa} or {@code ed25519}. */
    public String keyType() {
        return keyType;
    }

    /** The key size in bits: the RSA modulus length, or 256 for Ed25519. */
    public int bits() {
        return rsa != null ? rsa.getModulus().bitLength() : 256;
    }

    /** The encoding published in {@code p=}: SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519. */
    public byte[] encoded() {
        return rsa != null ? rsa.getEncoded() : ed25519.getEncoded();
    }

    RSAPublicKey rsaKey() {
        return rsa;
    }

    Ed25519PublicKeyParameters ed25519Key() {
        return ed25519;
    }

    BigInteger modulus() {
        return rsa == null ? null : rsa.getModulus();
    }

    @Override
    public String toString() {
        return keyType + "/" + bits();
    }
}
