package org.mailauth4j.testing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated domain names for property tests of name checks, in every module. */
public final class DomainNameArbitraries {
    private DomainNameArbitraries() {
    }

    /**
     * One to six labels joined by dots, then no dot, one or two: labels empty, over 63 characters,
     * numeric, with spaces, controls, '[' or '_', or with characters that need (or refuse) an A-label.
     */
    public static Arbitrary<String> mixedNames() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ019-_ [").ofMinLength(0).ofMaxLength(70),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(4),
                Arbitraries.strings().withCharRange((char) 0, (char) 0x7f).ofMinLength(0).ofMaxLength(8),
                Arbitraries.strings().withChars("aßΣ\u3002é\u200d").ofMinLength(1).ofMaxLength(5));
        Arbitrary<String> dots = Arbitraries.of("", ".", "..");
        return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(6), dots)
                .as((labels, end) -> String.join(".", labels) + end);
    }
}
