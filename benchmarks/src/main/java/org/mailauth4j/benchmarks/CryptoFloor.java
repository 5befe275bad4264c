package org.mailauth4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What no verifier can beat: one SHA-256 pass over the message bytes plus one signature
 * verification (JDK {@code SHA256withRSA}; Bouncy Castle's lightweight {@link Ed25519Signer}).
 * The signed data is a typical DKIM header block (RSA) or its SHA-256 (Ed25519, as RFC 8463 signs).
 */
final class CryptoFloor {
    /** About the size of the canonicalized signed header fields of the corpus messages. */
    static final byte[] HEADER_BLOCK = ("from:Alice Example <alice@example.com>\r\nto:Bob Receiver <bob@example.org>, "
            + "carol@example.org\r\nsubject:Quarterly report 42 - please review\r\ndate:Mon, 23 Nov 2026 09:14:05 +0000\r\n"
            + "message-id:<5f3a9c1e2b7d4a60.1@mail-out.example.com>\r\nmime-version:1.0\r\ncontent-type:text/plain; "
            + "charset=utf-8\r\ncontent-transfer-encoding:8bit\r\ndkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; "
            + "d=example.com; s=s1; h=from:to:subject:date:message-id:mime-version:content-type:"
            + "content-transfer-encoding; bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=; b=")
            .getBytes(StandardCharsets.US_ASCII);

    private final PublicKey rsaKey;
    private final byte[] rsaSignature;
    private final Ed25519PublicKeyParameters edKey;
    private final byte[] edSignature;

    CryptoFloor(Corpus.Signer rsa, Corpus.Signer ed25519) {
        try {
            rsaKey = rsa.rsaPair().getPublic();
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(rsa.rsaPair().getPrivate());
            s.update(HEADER_BLOCK);
            rsaSignature = s.sign();
            Ed25519PrivateKeyParameters edPriv = new Ed25519PrivateKeyParameters(ed25519.ed25519Seed(), 0);
            edKey = edPriv.generatePublicKey();
            byte[] edSigned = MessageDigest.getInstance("SHA-256").digest(HEADER_BLOCK);
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, edPriv);
            signer.update(edSigned, 0, edSigned.length);
            edSignature = signer.generateSignature();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verifyRsa() {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(rsaKey);
            s.update(HEADER_BLOCK);
            return s.verify(rsaSignature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verifyEd25519() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(HEADER_BLOCK);
            Ed25519Signer v = new Ed25519Signer();
            v.init(false, edKey);
            v.update(digest, 0, digest.length);
            return v.verifySignature(edSignature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(String algorithm) {
        return algorithm.startsWith("rsa") ? verifyRsa() : verifyEd25519();
    }
}
