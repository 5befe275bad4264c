package org.mailauth4j.arc;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * A sealing key and the algorithm it implies: an RSA key signs {@code rsa-sha256}, an Ed25519 key
 * {@code ed25519-sha256} (RFC 8463). Package-private stand-in for the DKIM module's private key type.
 */
record SigningKey(SigningAlgorithm algorithm, Object key) {

    static SigningKey rsa(RSAPrivateKey key) {
        return new SigningKey(SigningAlgorithm.RSA_SHA256, key);
    }

    static SigningKey ed25519(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
        }
        return new SigningKey(SigningAlgorithm.ED25519_SHA256, new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** PEM: PKCS#1 {@code RSA PRIVATE KEY} or PKCS#8 {@code PRIVATE KEY} (RSA or Ed25519). */
    static SigningKey pem(String pem) {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String b64 = pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM key is not base64", e);
        }
        try {
            if (pkcs1) {
                org.bouncycastle.asn1.pkcs.RSAPrivateKey k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
                return rsa(jdkRsa(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(),
                        k.getPrime2(), k.getExponent1(), k.getExponent2(), k.getCoefficient()));
            }
            AsymmetricKeyParameter p = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(der));
            if (p instanceof Ed25519PrivateKeyParameters ed) {
                return new SigningKey(SigningAlgorithm.ED25519_SHA256, ed);
            }
            if (p instanceof RSAPrivateCrtKeyParameters r) {
                return rsa(jdkRsa(r.getModulus(), r.getPublicExponent(), r.getExponent(), r.getP(), r.getQ(), r.getDP(),
                        r.getDQ(), r.getQInv()));
            }
            throw new IllegalArgumentException("unsupported key type in PEM: " + p.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a PEM RSA or Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static RSAPrivateCrtKey jdkRsa(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
            BigInteger dp, BigInteger dq, BigInteger qinv) throws Exception {
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qinv));
    }

    byte[] sign(byte[] data) {
        return algorithm.sign(key, data);
    }
}
