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
}
