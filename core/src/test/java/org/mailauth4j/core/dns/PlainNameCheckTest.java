package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.DomainNameArbitraries;

/**
 * {@link DnsNames} answers plain ASCII names in one pass ({@link DnsNames#isPlainValid}) instead of
 * with every check and the A-label conversion; its answers must be exactly those of the full
 * checks for every name.
 */
class PlainNameCheckTest {
    @Provide
    Arbitrary<String> names() {
        return DomainNameArbitraries.mixedNames();
    }

    @Property(tries = 3000)
    void sameAnswersAsTheFullChecks(@ForAll("names") String name) {
        DnsNames.Checked full = DnsNames.check(name);
        assertThat(DnsNames.problem(name)).isEqualTo(full.problem());
        assertThat(DnsNames.canonical(name)).isEqualTo(full.ascii());
    }

    @Test
    void boundaries() {
        String l63 = "a".repeat(63);
        String l64 = "a".repeat(64);
        String n253 = (l63 + ".").repeat(3) + "b".repeat(61);
        String[] names = {null, "", ".", "a", "a.", "a..", ".a", "a..b", "Example.COM.", "example.com..",
            l63 + ".com", l64 + ".com", n253, n253 + ".", n253 + "c", "a\u0000.com", "a\u007f.com", "a b.com",
            "bücher.example", "straße.de", "192.0.2.1", "a.123", "a.1b", "[192.0.2.1]", "a.b["};
        for (String name : names) {
            DnsNames.Checked full = DnsNames.check(name);
            assertThat(DnsNames.problem(name)).as(String.valueOf(name)).isEqualTo(full.problem());
            assertThat(DnsNames.canonical(name)).as(String.valueOf(name)).isEqualTo(full.ascii());
        }
        assertThat(DnsNames.problem(n253)).isNull();
        assertThat(DnsNames.problem(n253 + "c")).isNotNull();
        assertThat(DnsNames.problem(l64 + ".com")).isNotNull();
        assertThat(DnsNames.canonical("Example.COM.")).isEqualTo("example.com");
    }
}
