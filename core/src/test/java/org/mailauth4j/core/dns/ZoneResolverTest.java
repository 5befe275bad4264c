package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory {@link ZoneResolver} built in code. */
class ZoneResolverTest {
    private final ZoneResolver z = ZoneResolver.builder()
            .txt("example.com", "v=spf1 -all")
            .address("a.b.example.com", "192.0.2.1")
            .cname("alias.example.com", "example.com")
            .fail("slow.example.com", RecordType.TXT, "TIMEOUT")
            .fail("down.example.com", null, "SERVFAIL")
            .nxDomain("gone.example.com")
            .txt("gone.example.com", "stated records win for their type")
            .build();

    @Test
    void authoritativeSemantics() {
        assertThat(z.answer("example.com", RecordType.TXT)).isEqualTo(DnsAnswer.records(List.of("v=spf1 -all"), 300));
        assertThat(z.answer("example.com", RecordType.A)).isEqualTo(DnsAnswer.noData(300));
        assertThat(z.answer("b.example.com", RecordType.A)).isEqualTo(DnsAnswer.noData(300)); // empty non-terminal
        assertThat(z.answer("c.example.com", RecordType.A)).isEqualTo(DnsAnswer.nxDomain(300));
        assertThat(z.answer("alias.example.com", RecordType.TXT).records()).containsExactly("v=spf1 -all");
        assertThat(z.answer("slow.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.tempFail("TIMEOUT"));
        assertThat(z.answer("slow.example.com", RecordType.MX)).isEqualTo(DnsAnswer.noData(300));
        assertThat(z.answer("down.example.com", RecordType.MX)).isEqualTo(DnsAnswer.tempFail("SERVFAIL"));
        assertThat(z.answer("gone.example.com", RecordType.A)).isEqualTo(DnsAnswer.nxDomain(300));
        assertThat(z.answer("gone.example.com", RecordType.TXT).records()).containsExactly("stated records win for their type");
    }

    @Test
    void invalidNamesAreAnAnswerNotAnException() {
        assertThat(z.answer("a..example.com", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.INVALID_NAME);
        assertThat(z.answer("x".repeat(64) + ".example.com", RecordType.TXT).detail()).contains("63");
        assertThat(z.answer("a.".repeat(127) + "com", RecordType.TXT).detail()).contains("253");
        assertThat(z.answer("", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.INVALID_NAME);
        assertThat(z.txt("EXAMPLE.com.").join().records()).containsExactly("v=spf1 -all");
    }

    @Test
    void defaultTtlAppliesWhateverTheOrderOfCalls() {
        ZoneResolver r = ZoneResolver.builder().txt("x.example", "t").ttl(7).build();
        assertThat(r.answer("x.example", RecordType.TXT).ttl()).isEqualTo(7);
        assertThat(r.answer("y.example", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(7));
    }
    /**
     * Replaying an archive: what the recording never asked must not be invented as "does not
     * exist" (that could turn a DMARC or SPF policy into "none"); it is a TEMPFAIL, so the gap
     * shows as temperror. Recorded answers, negative ones included, replay as before.
     */
    @Test
    void unrecordedQueriesCanBeTemporaryFailuresForArchiveReplay() throws Exception {
        RecordingResolver rec = new RecordingResolver(ZoneResolver.builder()
                .txt("_dmarc.example.com", "v=DMARC1; p=reject").address("example.com", "192.0.2.1").build());
        rec.txt("_dmarc.example.com").join();
        rec.txt("_dmarc.gone.example.com").join(); // NXDOMAIN, recorded
        java.io.StringWriter w = new java.io.StringWriter();
        rec.writeTo(w);
        java.nio.file.Path f = java.nio.file.Files.createTempFile("snap", ".jsonl");
        try {
            java.nio.file.Files.writeString(f, w.toString());
            ZoneResolver strict = ZoneResolver.builder().snapshot(f).unrecordedIsTempFail().build();
            assertThat(strict.answer("_dmarc.example.com", RecordType.TXT).records()).containsExactly("v=DMARC1; p=reject");
            assertThat(strict.answer("_dmarc.gone.example.com", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
            assertThat(strict.answer("_dmarc.other.example", RecordType.TXT).isTempFail()).isTrue();
            assertThat(strict.answer("_dmarc.example.com", RecordType.A).detail()).startsWith("not recorded");
            ZoneResolver lenient = ZoneResolver.builder().snapshot(f).build();
            assertThat(lenient.answer("_dmarc.other.example", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    /**
     * The wildcard examples of RFC 4592 §2.2.1 (the zone's SRV and NS data replaced by TXT, which
     * keeps the same names existing): which queries a wildcard answers and which it does not.
     */
    @Test
    void wildcardsAnswerAsRfc4592Section221Says() {
        ZoneResolver w = ZoneResolver.builder()
                .txt("*.example", "this is a wildcard")
                .mx("*.example", 10, "host1.example")
                .txt("sub.*.example", "this is not a wildcard")
                .address("host1.example", "192.0.2.1")
                .txt("_ssh._tcp.host1.example", "srv")
                .txt("_ssh._tcp.host2.example", "srv")
                .build();
        // synthesised: host3.example MX; no A at *.example gives NODATA; bar.example does not exist
        assertThat(w.answer("host3.example", RecordType.MX).records()).containsExactly(new MxRecord(10, "host1.example"));
        assertThat(w.answer("host3.example", RecordType.A)).isEqualTo(DnsAnswer.noData(300));
        assertThat(w.answer("foo.bar.example", RecordType.TXT).records()).containsExactly("this is a wildcard");
        // not synthesised: host1.example exists; sub.*.example exists; _tcp.host1.example exists
        // (empty non-terminal), so _telnet._tcp.host1.example has no wildcard at its closest encloser;
        // *.example exists, so ghost.*.example would need *.*.example
        assertThat(w.answer("host1.example", RecordType.MX)).isEqualTo(DnsAnswer.noData(300));
        assertThat(w.answer("sub.*.example", RecordType.MX)).isEqualTo(DnsAnswer.noData(300));
        assertThat(w.answer("_telnet._tcp.host1.example", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(300));
        assertThat(w.answer("ghost.*.example", RecordType.MX)).isEqualTo(DnsAnswer.nxDomain(300));
        // the wildcard's own name answers as any name does
        assertThat(w.answer("*.example", RecordType.TXT).records()).containsExactly("this is a wildcard");
    }

    @Test
    void aWildcardCnameIsFollowedAndRecordedAnswersWin() {
        ZoneResolver w = ZoneResolver.builder()
                .cname("*._domainkey.example.com", "keys.example.net")
                .txt("keys.example.net", "v=DKIM1; p=")
                .txt("s1._domainkey.example.com", "own key")
                .fail("slow._domainkey.example.com", RecordType.TXT, "TIMEOUT")
                .build();
        assertThat(w.answer("any._domainkey.example.com", RecordType.TXT).records()).containsExactly("v=DKIM1; p=");
        assertThat(w.answer("s1._domainkey.example.com", RecordType.TXT).records()).containsExactly("own key");
        assertThat(w.answer("slow._domainkey.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.tempFail("TIMEOUT"));
        assertThat(w.answer("x.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(300));
    }
}
