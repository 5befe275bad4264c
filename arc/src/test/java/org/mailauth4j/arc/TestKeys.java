package org.mailauth4j.arc;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Keys generated per test run, with their key-record text (RFC 6376 §3.6.1, RFC 8463 §4). */
final class TestKeys {
    final RSAPrivateKey rsa;
    final String rsaRecord;
    final byte[] edSeed;
    final String edRecord;
    final String rsaPem;

    TestKeys(int rsaBits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(rsaBits);
        KeyPair kp = g.generateKeyPair();
        rsa = (RSAPrivateKey) kp.getPrivate();
        rsaRecord = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(kp.getPublic().getEncoded());
        rsaPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Ed25519PrivateKeyParameters ed = new Ed25519PrivateKeyParameters(new SecureRandom());
        edSeed = ed.getEncoded();
        edRecord = "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(ed.generatePublicKey().getEncoded());
    }
}
