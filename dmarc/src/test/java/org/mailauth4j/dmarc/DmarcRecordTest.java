package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 9989 §4.7 (tags and defaults) and §4.8 (syntax, lenient handling). */
class DmarcRecordTest {

    private static DmarcRecord parse(String text) {
        Optional<DmarcRecord> r = DmarcRecord.parse(text);
        assertThat(r).as(text).isPresent();
        return r.get();
    }

    @Test
    void defaults() {
        DmarcRecord r = parse("v=DMARC1");
        assertThat(r.pStatus()).isEqualTo(DmarcRecord.TagStatus.ABSENT);
        assertThat(r.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
        assertThat(r.psd()).isEqualTo(DmarcRecord.Psd.U);
        assertThat(r.testing()).isFalse();
        assertThat(r.adkim()).isEqualTo(Alignment.RELAXED);
        assertThat(r.aspf()).isEqualTo(Alignment.RELAXED);
        assertThat(r.fo()).isEqualTo("0");
        assertThat(r.pctOrDefault()).isEqualTo(100);
        assertThat(r.rua()).isEmpty();
        assertThat(r.problems()).isEmpty();
        // RFC 9989 §4.10.1: no valid p and no valid rua -> "no DMARC processing"; RFC 7489 §6.6.3 alike.
        assertThat(r.usable(DmarcMode.RFC9989)).isFalse();
        assertThat(r.usable(DmarcMode.RFC7489)).isFalse();
    }

    /**
     * RFC 9989 §4.7 p ("RECOMMENDED"; absent: "treated as if it included p=none") together with
     * §4.10.1 (a record that does not contain a valid p is used only with a syntactically valid
     * rua, "as if a record containing p=none was retrieved"; otherwise no DMARC processing).
     */
    @Test
    void absentPolicyNeedsValidRua() {
        assertThat(parse("v=DMARC1; sp=reject").usable(DmarcMode.RFC9989)).isFalse();
        assertThat(parse("v=DMARC1; rua=not a uri").usable(DmarcMode.RFC9989)).isFalse();
        DmarcRecord withRua = parse("v=DMARC1; rua=mailto:r@example.com");
        assertThat(withRua.usable(DmarcMode.RFC9989)).isTrue();
        assertThat(withRua.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
        assertThat(withRua.subdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
        // §4.7: the published record plus p=none, so a valid sp and np keep applying to subdomains.
        DmarcRecord spNp = parse("v=DMARC1; sp=quarantine; np=reject; rua=mailto:r@example.com");
        assertThat(spNp.usable(DmarcMode.RFC9989)).isTrue();
        assertThat(spNp.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
        assertThat(spNp.subdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(spNp.nonExistentSubdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.REJECT);
        // RFC 7489 §6.6.3 step 5: with a valid rua the record is used as p=none.
        assertThat(withRua.usable(DmarcMode.RFC7489)).isTrue();
        assertThat(spNp.subdomainPolicy(DmarcMode.RFC7489)).isEqualTo(DmarcPolicy.NONE);
    }

    /** RFC 9989 §4.7/§4.8: only v must come first; p may appear anywhere (RFC 7489's ABNF put it second). */
    @Test
    void policyNeedNotFollowVersion() {
        DmarcRecord r = parse("v=DMARC1; rua=mailto:r@example.com; adkim=s; p=reject");
        assertThat(r.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(r.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.REJECT);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void everyTag() {
        DmarcRecord r = parse("v=DMARC1; p=reject; sp=quarantine; np=none; psd=n; t=y; adkim=s; aspf=s; "
                + "rua=mailto:a@example.com, mailto:b@example.net!10m; ruf=mailto:f@example.com; fo=1:d:s");
        assertThat(r.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(r.subdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(r.nonExistentSubdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
        assertThat(r.psd()).isEqualTo(DmarcRecord.Psd.N);
        assertThat(r.testing()).isTrue();
        assertThat(r.adkim()).isEqualTo(Alignment.STRICT);
        assertThat(r.aspf()).isEqualTo(Alignment.STRICT);
        assertThat(r.rua()).containsExactly("mailto:a@example.com", "mailto:b@example.net");
        assertThat(r.ruf()).containsExactly("mailto:f@example.com");
        assertThat(r.fo()).isEqualTo("1:d:s");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void inheritanceOfSpAndNp() {
        DmarcRecord onlyP = parse("v=DMARC1; p=quarantine");
        assertThat(onlyP.subdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(onlyP.nonExistentSubdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.QUARANTINE);
        DmarcRecord withSp = parse("v=DMARC1; p=quarantine; sp=none");
        assertThat(withSp.nonExistentSubdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void versionMustBeFirstAndExact() {
        assertThat(DmarcRecord.parse("p=reject; v=DMARC1")).isEmpty();
        assertThat(DmarcRecord.parse("v=DMARC2; p=reject")).isEmpty();
        assertThat(DmarcRecord.parse("v=dmarc1; p=reject")).isEmpty();
        assertThat(DmarcRecord.parse("v=DMARC1p=reject")).isEmpty();
        assertThat(DmarcRecord.parse("v=spf1 -all")).isEmpty();
        assertThat(DmarcRecord.parse("")).isEmpty();
        assertThat(DmarcRecord.parse("v = DMARC1 ;p=reject")).isPresent(); // equals = *WSP "=" *WSP
        assertThat(DmarcRecord.parse("v=DMARC1;p=reject;")).isPresent(); // trailing separator
    }

    @Test
    void keywordsAreCaseInsensitive() {
        DmarcRecord r = parse("v=DMARC1; P=Reject; ADKIM=S");
        assertThat(r.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(r.adkim()).isEqualTo(Alignment.STRICT);
        // only A-Z fold (RFC 5234 §2.3): with U+212A KELVIN SIGN for the k this is an unknown tag
        assertThat(parse("v=DMARC1; p=reject; AD\u212AIM=S").adkim()).isEqualTo(Alignment.RELAXED);
    }

    @Test
    void syntaxErrorsFallBackToDefaults() {
        DmarcRecord r = parse("v=DMARC1; p=reject; adkim=x; psd=maybe; t=perhaps; fo=0:1; pct=150; rua=not a uri");
        assertThat(r.adkim()).isEqualTo(Alignment.RELAXED);
        assertThat(r.psd()).isEqualTo(DmarcRecord.Psd.U);
        assertThat(r.testing()).isFalse();
        assertThat(r.fo()).isEqualTo("0");
        assertThat(r.pct()).isNull();
        assertThat(r.rua()).isEmpty();
        assertThat(r.problems()).hasSize(6);
        assertThat(r.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.REJECT);
    }

    @Test
    void invalidPolicyNeedsValidRua() {
        DmarcRecord noRua = parse("v=DMARC1; p=block");
        assertThat(noRua.pStatus()).isEqualTo(DmarcRecord.TagStatus.INVALID);
        assertThat(noRua.usable(DmarcMode.RFC9989)).isFalse();
        DmarcRecord rua = parse("v=DMARC1; p=reject; np=maybe; rua=mailto:x@example.com");
        assertThat(rua.usable(DmarcMode.RFC9989)).isTrue();
        assertThat(rua.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
        assertThat(rua.nonExistentSubdomainPolicy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void legacyAndUnknownTagsAreReported() {
        DmarcRecord r = parse("v=DMARC1; p=none; pct=20; rf=afrf; ri=3600; bimi=x");
        assertThat(r.legacyTags()).containsExactly("pct", "rf", "ri");
        assertThat(r.pct()).isEqualTo(20);
        assertThat(r.rf()).isEqualTo("afrf");
        assertThat(r.ri()).isEqualTo(3600);
        assertThat(r.unknownTags()).containsExactly("bimi");
    }

    @Test
    void duplicateTagKeepsTheFirst() {
        DmarcRecord r = parse("v=DMARC1; p=reject; p=none");
        assertThat(r.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(r.problems()).anyMatch(p -> p.contains("duplicate"));
    }

    @Test
    void hostileInputIsBounded() {
        String huge = "v=DMARC1; p=reject; " + "x=y; ".repeat(100_000);
        DmarcRecord r = parse(huge);
        assertThat(r.requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(r.problems()).anyMatch(p -> p.contains("longer than"));
        assertThat(parse("v=DMARC1;;;;=;==;p").problems()).isNotEmpty();
    }

    @Test
    void foSyntax() {
        assertThat(DmarcRecordParser.validFo("0")).isTrue();
        assertThat(DmarcRecordParser.validFo("d:s:1")).isTrue();
        assertThat(DmarcRecordParser.validFo("0:1")).isFalse();
        assertThat(DmarcRecordParser.validFo("d:d")).isFalse();
        assertThat(DmarcRecordParser.validFo("x")).isFalse();
    }

    /** RFC 9989 Appendix B.2.1, B.2.2 and B.2.5: the Domain Owner example records. */
    @Test
    void appendixB2Records() {
        DmarcRecord b21 = parse("v=DMARC1; p=none; " + "rua=mailto:dmarc-feedback@example.com");
        assertThat(b21.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.NONE);
        assertThat(b21.rua()).containsExactly("mailto:dmarc-feedback@example.com");
        assertThat(b21.testing()).isFalse();
        DmarcRecord b22 = parse("v=DMARC1; p=none; " + "rua=mailto:dmarc-feedback@example.com; "
                + "ruf=mailto:auth-reports@example.com");
        assertThat(b22.ruf()).containsExactly("mailto:auth-reports@example.com");
        // B.2.5: the character-strings are joined with no separator (RFC 9989 §4.5).
        DmarcRecord b25 = parse("v=DMARC1; p=quarantine; " + "rua=mailto:dmarc-feedback@example.com,"
                + "mailto:tld-test@thirdparty.example.net; " + "t=y");
        assertThat(b25.rua()).containsExactly("mailto:dmarc-feedback@example.com",
                "mailto:tld-test@thirdparty.example.net");
        assertThat(b25.testing()).isTrue();
        assertThat(b25.policy(DmarcMode.RFC9989)).isEqualTo(DmarcPolicy.QUARANTINE);
        DmarcRecord b25final = parse("v=DMARC1; p=reject; " + "rua=mailto:dmarc-feedback@example.com,"
                + "mailto:tld-test@thirdparty.example.net");
        assertThat(b25final.testing()).isFalse();
        assertThat(b25final.problems()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void parsedRecordsAreCachedByTextWithinBounds() {
        String t = "v=DMARC1; p=reject; rua=mailto:agg@cache-test.example";
        assertThat(DmarcRecord.parse(t).orElseThrow()).isSameAs(DmarcRecord.parse(t).orElseThrow());
        String long1 = t + "; x=" + "y".repeat(DmarcRecord.MAX_CACHED_TEXT); // too long to keep
        DmarcRecord a = DmarcRecord.parse(long1).orElseThrow();
        DmarcRecord b = DmarcRecord.parse(long1).orElseThrow();
        assertThat(a).isEqualTo(b).isNotSameAs(b);
        assertThat(DmarcRecord.parse("v=spf1 -all")).isEmpty();
        for (int i = 0; i <= DmarcRecord.CACHE_LIMIT; i++) { // more distinct records than the cache holds
            assertThat(DmarcRecord.parse("v=DMARC1; p=none; rua=mailto:r" + i + "@cache-test.example")).isPresent();
        }
        assertThat(DmarcRecord.parse(t).orElseThrow().requestedPolicy()).isEqualTo(DmarcPolicy.REJECT);
    }
}
