package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mailauth4j.core.message.HeaderField;

/** RFC 6376 §3.5 tag rules and §3.6.1 key records. */
class DkimSignatureTest {
    private static final String BH = "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
    private static final String OK = "v=1; a=rsa-sha256; d=example.com; s=sel; h=From:To; " + BH + "; b=dGVzdA==";

    private static DkimSignature parse(String value) throws DkimFormatException {
        return DkimSignature.parse(HeaderField.of("DKIM-Signature", " " + value));
    }

    private static void rejected(String value, String reason) {
        assertThatThrownBy(() -> parse(value)).isInstanceOf(DkimFormatException.class).hasMessageContaining(reason);
    }

    @Test
    void defaultsAndEveryTag() throws Exception {
        DkimSignature s = parse(OK);
        assertThat(s.headerCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(s.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(s.identity()).isEqualTo("@example.com");
        assertThat(s.hasIdentity()).isFalse();
        assertThat(s.bodyLength()).isEqualTo(-1);
        assertThat(s.timestamp()).isEqualTo(-1);
        DkimSignature full = parse("v=1; a=ed25519-sha256; c=relaxed; d=Example.COM; s=s1.sub; h=from : to;\r\n " + BH
                + "; b=dGVz\r\n dA==; i=j=40o@mail.example.com; l=12; q=dns/txt; t=100; x=200; z=From:a|To:b; foo=bar");
        assertThat(full.headerCanonicalization()).isEqualTo(Canonicalization.RELAXED);
        assertThat(full.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE); // "relaxed" alone = relaxed/simple
        assertThat(full.signedHeaders()).containsExactly("from", "to");
        assertThat(full.identity()).isEqualTo("j@o@mail.example.com");
        assertThat(full.bodyLength()).isEqualTo(12);
        assertThat(full.timestamp()).isEqualTo(100);
        assertThat(full.expiration()).isEqualTo(200);
        assertThat(full.signature()).isEqualTo("test".getBytes());
        assertThat(full.copiedHeaders()).isEqualTo("From:a|To:b");
    }

    @Test
    void violationsAreReported() {
        rejected("a=rsa-sha256; d=example.com; s=sel; h=From; " + BH + "; b=dGVzdA==", "missing required tag v=");
        rejected(OK.replace("; " + BH, ""), "missing required tag bh=");
        rejected(OK.replace("v=1", "v=2"), "v=2");
        rejected(OK.replace("rsa-sha256", "dsa-sha1"), "unsupported signature algorithm");
        rejected(OK.replace("h=From:To", "h=To:Subject"), "h= does not include From");
        rejected(OK + "; i=joe@example.net", "not d=example.com or a subdomain");
        rejected(OK + "; i=joe@badexample.com", "not d=example.com or a subdomain");
        rejected(OK + "; t=200; x=100", "x= (100) is before t= (200)");
        rejected(OK + "; q=dns", "unsupported query method");
        rejected(OK + "; l=abc", "l=abc is not a number");
        rejected(OK + "; c=relaxed/fancy", "unsupported canonicalization");
        rejected(OK.replace("b=dGVzdA==", "b=***"), "b= is not valid base64");
        rejected(OK.replace("d=example.com", "d=legitimate.com(.attacker.com"), "invalid d=");
        rejected(OK.replace(BH, "bh=dGVzdA=="), "body hash bh= has 4 bytes");
        rejected(OK + "; d=x.com", "duplicate tag");
        // keywords ignore the case of A-Z only (RFC 5234 §2.3): U+017F (long s) is not "s"
        rejected(OK.replace("rsa-sha256", "r\u017Fa-sha256"), "unsupported signature algorithm");
        rejected(OK + "; q=dn\u017F/txt", "unsupported query method");
        rejected(OK + "; c=relaxed/\u017Fimple", "unsupported canonicalization");
    }

    @Test
    void keyRecords() throws Exception {
        String p = "p=MCowBQYDK2VwAyEA3SUqa9UbfciWkk7tlcJ9P1"; // truncated SPKI: not a key
        DkimKeyRecord ed = DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=; foo=bar");
        assertThat(ed.keyType()).isEqualTo("ed25519");
        assertThat(ed.publicKey().bits()).isEqualTo(256);
        assertThat(ed.unusableReason(SignatureAlgorithm.ED25519_SHA256)).isNull();
        assertThat(ed.unusableReason(SignatureAlgorithm.RSA_SHA256)).isEqualTo("key type k=ed25519 does not match a=rsa-sha256");
        DkimKeyRecord revoked = DkimKeyRecord.parse("v=DKIM1; t=y:s; s=email; n=notes; p=");
        assertThat(revoked.isRevoked()).isTrue();
        assertThat(revoked.isTesting()).isTrue();
        assertThat(revoked.isStrict()).isTrue();
        assertThat(revoked.notes()).isEqualTo("notes");
        assertThat(revoked.unusableReason(SignatureAlgorithm.RSA_SHA256)).isEqualTo("key revoked");
        assertThat(DkimKeyRecord.parse("k=ed25519; " + p).unusableReason(SignatureAlgorithm.ED25519_SHA256))
                .isEqualTo("key record p= is not a valid ed25519 key");
        assertThat(DkimKeyRecord.parse("h=sha1; k=rsa; p=").hashes()).containsExactly("sha1");
        assertThatThrownBy(() -> DkimKeyRecord.parse("k=rsa; v=DKIM1; p=")).hasMessageContaining("not the first tag");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM2; p=")).hasMessageContaining("not DKIM1");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; k=rsa")).hasMessageContaining("no p=");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; p=%%%")).hasMessageContaining("base64");
    }

    /** A hostile key with a huge public exponent would make every verification slow: refused. */
    @Test
    void hugeRsaExponentIsRefused() throws Exception {
        java.math.BigInteger n = ((java.security.interfaces.RSAPublicKey) DkimKeys.generateRsa(2048).publicKey().rsaKey())
                .getModulus();
        java.security.PublicKey k = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(n, java.math.BigInteger.ONE.shiftLeft(1000).add(java.math.BigInteger.ONE)));
        DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; p=" + java.util.Base64.getEncoder().encodeToString(k.getEncoded()));
        assertThat(r.publicKey()).isNull();
        assertThat(r.unusableReason(SignatureAlgorithm.RSA_SHA256)).contains("RSA public exponent larger than 64 bits");
    }
}
