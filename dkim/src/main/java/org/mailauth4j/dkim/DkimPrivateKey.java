package org.mailauth4j.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** A private key for DKIM signing: RSA or Ed25519. Load one with {@link DkimKeys}. */
public final class DkimPrivateKey {
    private final RSAPrivateKey rsa;
    private final Ed25519PrivateKeyParameters ed25519;
    private final DkimPublicKey publicKey;

    private DkimPrivateKey(RSAPrivateKey rsa, Ed25519PrivateKeyParameters ed25519, DkimPublicKey publicKey) {
        this.rsa = rsa;
        this.ed25519 = ed25519;
        this.publicKey = publicKey;
    }

    /** Wraps a JDK RSA private key; it must be a CRT key so the public half is known. */
    public static DkimPrivateKey rsa(RSAPrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("an RSA private key with CRT parameters is needed");
        }
        try {
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new DkimPrivateKey(key, null, DkimPublicKey.rsa(pub));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid RSA key", e);
        }
    }

    /** An Ed25519 key from its 32-byte seed (RFC 8032 §5.1.5). */
    public static DkimPrivateKey ed25519Seed(byte[] seed) {
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
        }
        Ed25519PrivateKeyParameters k = new Ed25519PrivateKeyParameters(seed, 0);
        return new DkimPrivateKey(null, k, DkimPublicKey.ed25519(k.generatePublicKey()));
    }

    /** {@code rsa} or {@code ed25519}. */
    public String keyType() {
        return publicKey.keyType();
    }

    /** The matching public key, as published in the key record's {@code p=}. */
    public DkimPublicKey publicKey() {
        return publicKey;
    }

    RSAPrivateKey rsaKey() {
        return rsa;
    }

    Ed25519PrivateKeyParameters ed25519Key() {
        return ed25519;
    }

    @Override
    public String toString() {
        return "DkimPrivateKey[" + publicKey + "]";
    }
}
