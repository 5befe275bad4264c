package org.mailauth4j.arc;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dkim.DkimPrivateKey;

/** Keys generated per test run, with their key-record text (RFC 6376 §3.6.1, RFC 8463 §4). */
final class TestKeys {
    final RSAPrivateCrtKey rsaJdk;
    final DkimPrivateKey rsa;
    final String rsaRecord;
    final DkimPrivateKey ed;
    final String edRecord;

    TestKeys(int rsaBits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(rsaBits); // any size, so the policy minimum can be tested
        rsaJdk = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
        rsa = DkimPrivateKey.rsa(rsaJdk);
        rsaRecord = DkimKeys.keyRecord(rsa.publicKey());
        ed = DkimKeys.generateEd25519();
        edRecord = DkimKeys.keyRecord(ed.publicKey());
    }
}
