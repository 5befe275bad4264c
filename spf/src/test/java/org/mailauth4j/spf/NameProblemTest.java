package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.DnsNames;

/**
 * The evaluator checks names without {@link DnsNames#problem}'s conversion when they are plain
 * ASCII; the answer must be exactly {@link DnsNames#problem}'s for every name.
 */
class NameProblemTest {
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019-_ ").ofMinLength(0).ofMaxLength(70),
                Arbitraries.strings().withCharRange((char) 0, (char) 0x7f).ofMinLength(0).ofMaxLength(8),
                Arbitraries.strings().withChars("aßΣ\u3002é\u200d").ofMinLength(1).ofMaxLength(5));
        Arbitrary<String> dots = Arbitraries.of("", ".", "..");
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(6), dots)
                .as((labels, end) -> String.join(".", labels) + end);
    }

    @Property(tries = 3000)
    void sameAnswerAsDnsNames(@ForAll("names") String name) {
        assertThat(SpfEvaluator.nameProblem(name)).isEqualTo(DnsNames.problem(name));
    }

    @Test
    void boundaries() {
        String l63 = "a".repeat(63);
        String l64 = "a".repeat(64);
        String n253 = (l63 + ".").repeat(3) + "b".repeat(61);
        for (String name : new String[] {null, "", ".", "a", "a.", "a..", ".a", "a..b", "Example.COM.",
                l63 + ".com", l64 + ".com", n253, n253 + ".", n253 + "c", "a\u0000.com", "a\u007f.com", "a b.com",
                "bücher.example", "straße.de"}) {
            assertThat(SpfEvaluator.nameProblem(name)).as(String.valueOf(name)).isEqualTo(DnsNames.problem(name));
        }
        assertThat(SpfEvaluator.nameProblem(n253)).isNull();
        assertThat(SpfEvaluator.nameProblem(n253 + "c")).isNotNull();
        assertThat(SpfEvaluator.nameProblem(l64 + ".com")).isNotNull();
    }
}
