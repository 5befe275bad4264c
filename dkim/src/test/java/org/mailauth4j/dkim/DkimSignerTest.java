package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testing.TestData;

class DkimSignerTest {
    private static final Clock T0 = Vectors.at(1_700_000_000L);

    private static Path dkimpy() {
        return TestData.vector("dkim/dkimpy");
    }

    private static String record(String file) throws Exception {
        return Files.readString(dkimpy().resolve(file)).strip();
    }

    private static DkimVerification verifyOne(DnsResolver dns, Clock clock, Message m) throws Exception {
        List<DkimVerification> r = new DkimVerifier(dns, DkimPolicy.DEFAULT, clock).verify(m).get();
        assertThat(r).hasSize(1);
        return r.get(0);
    }

    private static Message msg(String text) throws Exception {
        return Message.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Each dkimpy private key signs; the matching published record (SPKI or bare PKCS#1 p=) verifies. */
    @Test
    void dkimpyKeysSignAndTheirRecordsVerify() throws Exception {
        Message m = Vectors.message(dkimpy().resolve("test.message"));
        String[][] pairs = {{"test.private", "test.txt"}, {"test2.private", "test2.txt"},
            {"1024_testkey.key", "1024_testkey_wo_markers.pub.txt"}, {"1024_testkey.key", "1024_testkey_wo_markers.pub.rsa.txt"},
            {"2048_testkey.key", "2048_testkey_wo_markers.pub.txt"}, {"2048_testkey.key", "2048_testkey_wo_markers.pub.rsa.txt"},
            {"2048_testkey_PKCS8.key", "2048_testkey_PKCS8.key.pub.txt"}, {"ed25519test.key", "ed25519test.dns"},
            {"rfc8032_7_1.key", null}};
        for (String[] p : pairs) {
            DkimPrivateKey key = DkimKeys.readPrivateKey(dkimpy().resolve(p[0]));
            String rec = p[1] == null ? DkimKeys.keyRecord(key.publicKey()) : record(p[1]);
            for (Canonicalization c : Canonicalization.values()) {
                HeaderField sig = DkimSigner.builder("example.com", "sel", key).canonicalization(c, c).clock(T0).build().sign(m);
                DkimVerification v = verifyOne(ZoneResolver.builder().txt("sel._domainkey.example.com", rec).build(), T0,
                        m.prepend(List.of(sig)));
                assertThat(v.result()).as("%s with %s (%s)", p[0], p[1], v).isEqualTo(DkimResult.PASS);
                assertThat(v.algorithm()).isEqualTo(key.keyType().equals("rsa") ? "rsa-sha256" : "ed25519-sha256");
            }
        }
    }

    /** dkimpy's bad key records: unknown k=, malformed v=, corrupted p=, s=tlsrpt. */
    @Test
    void badKeyRecordsArePermerrors() throws Exception {
        Message m = Vectors.message(dkimpy().resolve("test.message"));
        DkimPrivateKey key = DkimKeys.readPrivateKey(dkimpy().resolve("test.private"));
        Message signed = m.prepend(List.of(DkimSigner.builder("example.com", "sel", key).clock(T0).build().sign(m)));
        for (String bad : List.of("badk.txt", "badversion.txt", "test_bad.txt", "test_tlsrpt.txt")) {
            DkimVerification v = verifyOne(ZoneResolver.builder().txt("sel._domainkey.example.com", record(bad)).build(), T0,
                    signed);
            assertThat(v.result()).as(bad + ": " + v).isEqualTo(DkimResult.PERMERROR);
        }
        assertThat(verifyOne(ZoneResolver.builder().txt("sel._domainkey.example.com", record("test.txt")).build(), T0, signed)
                .result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void refusesAMessageWithoutFrom() throws Exception {
        Message m = Vectors.message(dkimpy().resolve("test_nofrom.message"));
        DkimSigner s = DkimSigner.builder("example.com", "sel", DkimKeys.generateEd25519()).build();
        assertThatThrownBy(() -> s.sign(m)).isInstanceOf(DkimFormatException.class).hasMessageContaining("no From");
    }

    @Test
    void outputIsFoldedAt78ColumnsAndParses() throws Exception {
        DkimPrivateKey key = DkimKeys.readPrivateKey(dkimpy().resolve("2048_testkey.key"));
        Message m = msg("From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\nList-Id: <l.example.com>\r\n"
                + "List-Unsubscribe: <mailto:x@example.com>\r\n\r\nbody\r\n");
        HeaderField f = DkimSigner.builder("example.com", "a-rather-long-selector-name-2024", key).identity("@mail.example.com")
                .expireAfter(Duration.ofDays(7)).bodyLength(true).clock(T0).build().sign(m);
        for (String line : (f.toString()).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
        DkimSignature sig = DkimSignature.parse(f);
        // DEFAULT_HEADERS order; each present field once per instance, over-signed names once more
        assertThat(sig.signedHeaders()).containsExactly("From", "From", "To", "To", "Cc", "Subject", "Subject", "Date",
                "Message-ID", "Reply-To", "Sender", "List-Id", "List-Unsubscribe");
        assertThat(sig.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(sig.expiration()).isEqualTo(1_700_000_000L + 7 * 86400);
        assertThat(sig.identity()).isEqualTo("@mail.example.com");
        assertThat(sig.bodyLength()).isEqualTo(6);
    }

    @Test
    void overSigningStopsAddedFieldsButOtherFieldsMayBeAdded() throws Exception {
        DkimPrivateKey key = DkimKeys.generateEd25519();
        ZoneResolver dns = ZoneResolver.builder().txt("s1._domainkey.example.com", DkimKeys.keyRecord(key.publicKey())).build();
        Message m = msg("From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n");
        HeaderField sig = DkimSigner.builder("example.com", "s1", key).clock(T0).build().sign(m);
        Message signed = m.prepend(List.of(sig));
        assertThat(verifyOne(dns, T0, signed).result()).isEqualTo(DkimResult.PASS);
        Message extraFrom = Message.parse(new String(signed.toBytes(), StandardCharsets.UTF_8)
                .replace("Subject: hi\r\n", "Subject: hi\r\nFrom: evil@example.net\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(verifyOne(dns, T0, extraFrom).result()).isEqualTo(DkimResult.FAIL);
        Message extraCc = Message.parse(new String(signed.toBytes(), StandardCharsets.UTF_8)
                .replace("Subject: hi\r\n", "Subject: hi\r\nCc: x@example.net\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(verifyOne(dns, T0, extraCc).reason()).isEqualTo("signature did not verify");
        Message extraOther = Message.parse(new String(signed.toBytes(), StandardCharsets.UTF_8)
                .replace("Subject: hi\r\n", "Subject: hi\r\nX-Spam: no\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(verifyOne(dns, T0, extraOther).result()).isEqualTo(DkimResult.PASS);
    }

    @Test
    void bodyLengthLimitIsHonouredAndReported() throws Exception {
        DkimPrivateKey key = DkimKeys.generateEd25519();
        ZoneResolver dns = ZoneResolver.builder().txt("s1._domainkey.example.com", DkimKeys.keyRecord(key.publicKey())).build();
        Message m = msg("From: a@example.com\r\n\r\nsigned part\r\n");
        HeaderField sig = DkimSigner.builder("example.com", "s1", key).bodyLength(true).clock(T0).build().sign(m);
        Message appended = Message.parse((new String(m.prepend(List.of(sig)).toBytes(), StandardCharsets.UTF_8)
                + "appended by a list\r\n").getBytes(StandardCharsets.UTF_8));
        DkimVerification v = verifyOne(dns, T0, appended);
        assertThat(v.result()).isEqualTo(DkimResult.PASS);
        assertThat(v.isPartialBody()).isTrue();
        assertThat(v.bodyLength()).isEqualTo(13);
        Message truncated = Message.of(m.prepend(List.of(sig)).headers(), "signed\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(verifyOne(dns, T0, truncated).reason()).contains("l=13 is longer than the canonical body");
    }

    @Test
    void expiryTemporaryFailureMissingKeyAndReasons() throws Exception {
        DkimPrivateKey key = DkimKeys.generateEd25519();
        Message m = msg("From: a@example.com\r\n\r\nbody\r\n");
        Message signed = m.prepend(List.of(
                DkimSigner.builder("example.com", "s1", key).expireAfter(Duration.ofHours(1)).clock(T0).build().sign(m)));
        ZoneResolver dns = ZoneResolver.builder().txt("s1._domainkey.example.com", DkimKeys.keyRecord(key.publicKey())).build();
        assertThat(verifyOne(dns, Vectors.at(1_700_000_000L + 3000), signed).result()).isEqualTo(DkimResult.PASS);
        DkimVerification expired = verifyOne(dns, Vectors.at(1_700_000_000L + 7200), signed);
        assertThat(expired.result()).isEqualTo(DkimResult.FAIL);
        assertThat(expired.reason()).isEqualTo("signature expired at 2023-11-14T23:13:20Z");
        DkimVerification temp = verifyOne(ZoneResolver.builder().fail("s1._domainkey.example.com", null, "TIMEOUT").build(),
                T0, signed);
        assertThat(temp.result()).isEqualTo(DkimResult.TEMPERROR);
        DkimVerification none = verifyOne(ZoneResolver.builder().build(), T0, signed);
        assertThat(none.result()).isEqualTo(DkimResult.PERMERROR);
        assertThat(none.reason()).isEqualTo("no key record at s1._domainkey.example.com");
        DkimVerification revoked = verifyOne(ZoneResolver.builder().txt("s1._domainkey.example.com", "v=DKIM1; k=ed25519; p=")
                .build(), T0, signed);
        assertThat(revoked.reason()).isEqualTo("key revoked");
    }

    @Test
    void keySizePolicyAndResInfo() throws Exception {
        DkimPrivateKey key = DkimKeys.readPrivateKey(dkimpy().resolve("test.private")); // 1024 bits
        Message m = msg("From: a@example.com\r\n\r\nbody\r\n");
        Message signed = m.prepend(List.of(DkimSigner.builder("example.com", "s1", key).identity("joe@example.com").clock(T0)
                .build().sign(m)));
        ZoneResolver dns = ZoneResolver.builder().txt("s1._domainkey.example.com", DkimKeys.keyRecord(key.publicKey())).build();
        DkimVerification strict = new DkimVerifier(dns, DkimPolicy.builder().minRsaBits(2048).build(), T0).verify(signed).get()
                .get(0);
        assertThat(strict.result()).isEqualTo(DkimResult.FAIL);
        assertThat(strict.reason()).isEqualTo("key too small (1024 bits)");
        DkimVerification ok = verifyOne(dns, T0, signed);
        var ri = ok.toResInfo();
        assertThat(ri.method()).isEqualTo("dkim");
        assertThat(ri.result()).isEqualTo("pass");
        assertThat(ri.property("header", "d")).isEqualTo("example.com");
        assertThat(ri.property("header", "s")).isEqualTo("s1");
        assertThat(ri.property("header", "i")).isEqualTo("joe@example.com");
        assertThat(ri.property("header", "a")).isEqualTo("rsa-sha256");
        assertThat(ri.property("header", "b")).hasSize(8).isEqualTo(ok.signature().signatureBase64().substring(0, 8));
    }

    @Test
    void atMostNSignaturesAreVerified() throws Exception {
        DkimPrivateKey key = DkimKeys.generateEd25519();
        ZoneResolver dns = ZoneResolver.builder().txt("s1._domainkey.example.com", DkimKeys.keyRecord(key.publicKey())).build();
        Message m = msg("From: a@example.com\r\n\r\nbody\r\n");
        DkimSigner s = DkimSigner.builder("example.com", "s1", key).clock(T0).build();
        Message signed = m;
        for (int i = 0; i < 3; i++) {
            signed = signed.prepend(List.of(s.sign(signed)));
        }
        List<DkimVerification> r = new DkimVerifier(dns, DkimPolicy.builder().maxSignatures(2).build(), T0).verify(signed).get();
        assertThat(r).extracting(DkimVerification::result).containsExactly(DkimResult.PASS, DkimResult.PASS, DkimResult.POLICY);
        assertThat(r.get(2).reason()).isEqualTo("not verified: more than 2 signatures");
        assertThat(new DkimVerifier(dns, DkimPolicy.DEFAULT, T0).verify(signed).get()).allMatch(DkimVerification::isPass);
    }

    @Test
    void rsaSha1IsNeverAPass() throws Exception {
        Path dir = TestData.vector("dkim/mail-dkim");
        List<DkimVerification> r = new DkimVerifier(Vectors.dnsFile(dir.resolve("FAKE_DNS.dat")), DkimPolicy.DEFAULT, T0)
                .verify(Vectors.message(dir.resolve("corpus/good_83176.txt"))).get();
        assertThat(r.get(0).result()).isEqualTo(DkimResult.POLICY);
        assertThat(r.get(0).reason()).contains("rsa-sha1 is not accepted (RFC 8301 section 3.1)");
        assertThatThrownBy(() -> DkimPolicy.builder().rsaSha1Result(DkimResult.PASS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedKeysAndTheirDnsRecords() throws Exception {
        for (DkimPrivateKey key : List.of(DkimKeys.generateRsa(2048), DkimKeys.generateEd25519())) {
            String record = DkimKeys.keyRecord(key.publicKey());
            List<String> strings = DkimKeys.txtStrings(record);
            assertThat(strings).allMatch(s -> s.length() <= 255);
            assertThat(String.join("", strings)).isEqualTo(record);
            assertThat(DkimKeys.zoneEntry("s1", "example.com", key.publicKey())).startsWith("s1._domainkey.example.com. IN TXT (");
            DkimPrivateKey reread = DkimKeys.readPrivateKey(DkimKeys.toPem(key));
            assertThat(reread.publicKey().encoded()).isEqualTo(key.publicKey().encoded());
            Message m = msg("From: a@example.com\r\n\r\nbody\r\n");
            ZoneResolver dns = ZoneResolver.builder().txt("s1._domainkey.example.com", String.join("", strings)).build();
            assertThat(verifyOne(dns, T0, m.prepend(List.of(DkimSigner.builder("example.com", "s1", reread).clock(T0).build()
                    .sign(m)))).result()).isEqualTo(DkimResult.PASS);
        }
        assertThat(DkimKeys.txtStrings(DkimKeys.keyRecord(DkimKeys.generateRsa(4096).publicKey()))).hasSizeGreaterThan(2);
    }
}
