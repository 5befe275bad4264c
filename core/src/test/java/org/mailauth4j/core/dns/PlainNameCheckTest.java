package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link DnsNames} answers plain ASCII names in one pass ({@link DnsNames#isPlainValid}) instead of
 * with every check and the A-label conversion; its answers must be exactly those of the full
 * checks for every name.
 */
class PlainNameCheckTest {
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019-_ [").ofMinLength(0).ofMaxLength(70),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(4),
                Arbitraries.strings().withCharRange((char) 0, (char) 0x7f).ofMinLength(0).ofMaxLength(8),
                Arbitraries.strings().withChars("aßΣ\u3002é\u200d").ofMinLength(1).ofMaxLength(5));
        Arbitrary<String> dots = Arbitraries.of("", ".", "..");
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(6), dots)
                .as((labels, end) -> String.join(".", labels) + end);
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
