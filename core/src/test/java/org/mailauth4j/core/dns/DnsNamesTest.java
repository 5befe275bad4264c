package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link DnsNames}: A-label conversion. Expected A-labels come from independent implementations:
 * Python's {@code idna} package with UTS #46 non-transitional processing (the IDNA2008 behaviour of
 * libidn2, browsers and registries) and Python's {@code punycode} codec; the Punycode samples are
 * RFC 3492 §7.1.
 */
class DnsNamesTest {

    /**
     * IDNA2003 (java.net.IDN) maps ß to "ss" and drops ZWJ: "straße.de" would be looked up as
     * "strasse.de", a different registrant's domain (DKIM keys, DMARC and SPF records of the wrong
     * owner). IDNA2008 keeps the deviation characters (UTS #46 §2, RFC 5891 §4.4).
     */
    @Test
    void deviationCharactersAreEncodedAsIdna2008() {
        assertThat(DnsNames.canonical("straße.de")).isEqualTo("xn--strae-oqa.de");
        assertThat(DnsNames.canonical("Straße.DE")).isEqualTo("xn--strae-oqa.de");
        assertThat(DnsNames.canonical("STRA\u1E9EE.de")).isEqualTo("xn--strae-oqa.de");
        assertThat(DnsNames.canonical("\uFF53\uFF54\uFF52\uFF41ße.de")).isEqualTo("xn--strae-oqa.de");
        assertThat(DnsNames.canonical("faß.de")).isEqualTo("xn--fa-hia.de");
        assertThat(DnsNames.canonical("üß.ẞ.de")).isEqualTo("xn--zca1d.xn--zca.de");
        assertThat(DnsNames.canonical("βόλος.com")).isEqualTo("xn--nxasmm1c.com");
        // a capital final sigma maps to σ (no context), as UTS #46 does
        assertThat(DnsNames.canonical("ΒΌΛΟΣ.com")).isEqualTo("xn--nxasmq6b.com");
        assertThat(DnsNames.canonical("\u0915\u094D\u200D.in")).isEqualTo("xn--11b6iy14e.in");
    }

    /** RFC 5891 §4.2.3.1 hyphen rules for the labels encoded here (Python idna refuses them too). */
    @Test
    void hyphenRulesApplyToDeviationLabels() {
        for (String n : List.of("-xzẞd.de", "ü-äyß-.de", "Σσ--bß.de")) {
            assertThat(DnsNames.problem(n)).as(n).contains("hyphen");
        }
        assertThat(DnsNames.canonical("a-ß.de")).isEqualTo("xn--a--hia.de");
    }

    @Test
    void aJoinerOutsideItsContextIsInvalidNotDropped() {
        assertThat(DnsNames.problem("a\u200Cb.de")).contains("joiner");
        assertThat(DnsNames.canonical("x\u200Dy.com")).isNull();
    }

    /**
     * Capitals added to Unicode after 3.2 (IDNA2003's version) are folded as UTS #46 does:
     * Georgian Mtavruli (Unicode 11) maps to Mkhedruli. Expected values from Python idna.
     */
    @Test
    void capitalsNewerThanUnicode32AreFolded() {
        assertThat(DnsNames.canonical("\u1C93.example")).isEqualTo("xn--ood.example");
        assertThat(DnsNames.canonical("\u1C91\u10D2.example")).isEqualTo("xn--modc.example");
        assertThat(DnsNames.canonical("\u10D2\u1C90\u10D1.example")).isEqualTo("xn--lodcb.example");
    }

    @Test
    void otherNamesKeepTheirFormerA_labels() {
        assertThat(DnsNames.canonical("Bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DnsNames.canonical("ÖBB.at")).isEqualTo("xn--bb-eka.at");
        assertThat(DnsNames.canonical("例子\u3002广告")).isEqualTo("xn--fsqu00a.xn--4rr70v");
        assertThat(DnsNames.canonical("Example.COM.")).isEqualTo("example.com");
        assertThat(DnsNames.problem("a..b")).contains("empty label");
    }

    @Test
    void punycodeMatchesRfc3492Samples() {
        List<String[]> samples = List.of(
                new String[] {"\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F",
                    "egbpdaj6bu4bxfgehfvwxn"},
                new String[] {"\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", "ihqwcrb4cv8a8dqg056pqjye"},
                new String[] {"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3B-ww4c5e180e575a65lsy2b"},
                new String[] {"straße", "strae-oqa"});
        for (String[] s : samples) {
            assertThat(DnsNames.punycode(s[0])).as(s[1]).isEqualTo(s[1]);
        }
    }

    /** Every resolver answers for the IDNA2008 name, not the IDNA2003 one. */
    @Test
    void zoneResolverLooksUpTheIdna2008Name() {
        ZoneResolver dns = ZoneResolver.builder()
                .txt("_dmarc.strasse.de", "v=DMARC1; p=none")
                .txt("_dmarc.xn--strae-oqa.de", "v=DMARC1; p=reject").build();
        assertThat(dns.txt("_dmarc.straße.de").join().records()).containsExactly("v=DMARC1; p=reject");
    }

    /**
     * A raw control character is not part of a name in text form (RFC 1035 §5.1 writes such octets
     * as \\DDD). "bank.com" NUL "evil.com" must not be looked up as some other name while a
     * NUL-terminated display shows "bank.com": every resolver refuses it as an invalid name.
     */
    @Test
    void controlCharactersAreInvalid() {
        for (String n : List.of("bank.com\u0000evil.com", "a\r\nb.example", "tab\there.example", "del\u007f.example")) {
            assertThat(DnsNames.problem(n)).as(n).contains("control character");
            assertThat(DnsNames.canonical(n)).isNull();
            assertThat(ZoneResolver.builder().txt("bank.com", "x").build().txt(n).join().status())
                    .isEqualTo(DnsAnswer.Status.INVALID_NAME);
        }
        assertThat(DnsNames.problem("we\\032ird.example")).isNull(); // escaped form stays valid
    }
}
