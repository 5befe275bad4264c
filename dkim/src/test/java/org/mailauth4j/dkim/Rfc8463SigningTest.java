package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testing.TestData;

/**
 * RFC 8463 Appendix A: Ed25519 and RSASSA-PKCS1-v1_5 are deterministic, so signing the unsigned
 * message with the Appendix A.1 keys and the same DKIM-Signature text reproduces the exact b=.
 */
class Rfc8463SigningTest {

    @Test
    void reSigningReproducesTheExactSignatures() throws Exception {
        Path dir = TestData.vector("dkim/rfc8463");
        Message signed = Vectors.message(dir.resolve("signed.eml"));
        List<HeaderField> unsigned = signed.headers().stream().filter(h -> !h.hasName("DKIM-Signature")).toList();
        byte[] body = signed.body();
        DkimPrivateKey ed = DkimKeys.readPrivateKey(dir.resolve("private-ec.key"));
        DkimPrivateKey rsa = DkimKeys.readPrivateKey(dir.resolve("private-rsa.key"));
        int checked = 0;
        for (HeaderField field : signed.headers("DKIM-Signature")) {
            DkimSignature sig = DkimSignature.parse(field);
            BodyHasher hasher = new BodyHasher();
            BodyHasher.Request bh = hasher.request(sig.bodyCanonicalization(), sig.algorithm().hash(), -1);
            hasher.update(body, 0, body.length);
            hasher.finish();
            assertThat(bh.digest()).isEqualTo(sig.bodyHash());
            byte[] digest = HeaderHasher.digest(sig.algorithm().hash(), sig.headerCanonicalization(),
                    HeaderSelector.select(unsigned, sig.signedHeaders()), HeaderHasher.withEmptySignature(field));
            DkimPrivateKey key = sig.algorithm() == SignatureAlgorithm.ED25519_SHA256 ? ed : rsa;
            byte[] b = sig.algorithm().sign(key, digest);
            assertThat(Base64.getEncoder().encodeToString(b)).as(sig.selector()).isEqualTo(sig.signatureBase64());
            checked++;
        }
        assertThat(checked).isEqualTo(2);
    }

    @Test
    void publicKeysDerivedFromThePrivateKeysMatchTheRecords() throws Exception {
        Path dir = TestData.vector("dkim/rfc8463");
        var dns = Rfc8463.dns(dir);
        DkimPrivateKey ed = DkimKeys.readPrivateKey(dir.resolve("private-ec.key"));
        DkimPrivateKey rsa = DkimKeys.readPrivateKey(dir.resolve("private-rsa.key"));
        String edRecord = dns.answer("brisbane._domainkey.football.example.com", org.mailauth4j.core.dns.RecordType.TXT)
                .records().get(0);
        String rsaRecord = dns.answer("test._domainkey.football.example.com", org.mailauth4j.core.dns.RecordType.TXT)
                .records().get(0);
        assertThat(DkimKeyRecord.parse(edRecord).publicKey().encoded()).isEqualTo(ed.publicKey().encoded());
        assertThat(DkimKeyRecord.parse(rsaRecord).publicKey().encoded()).isEqualTo(rsa.publicKey().encoded());
    }
}
