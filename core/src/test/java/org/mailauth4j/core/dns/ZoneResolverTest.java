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
}
