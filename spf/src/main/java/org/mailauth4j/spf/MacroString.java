package org.mailauth4j.spf;

import java.util.List;

/**
 * A parsed macro-string (RFC 7208 §7.1): literal text and macro-expands, kept with the text it
 * was parsed from. Built by {@link MacroExpander#parse}, expanded by {@link MacroExpander}.
 */
final class MacroString {
    /** One piece: literal text ({@code letter == 0}) or a {@code %{...}} macro. */
    record Part(String literal, char letter, boolean upper, int digits, boolean reverse, String delimiters) {
        static Part literal(String text) {
            return new Part(text, (char) 0, false, 0, false, null);
        }

        boolean isLiteral() {
            return letter == 0;
        }
    }

    private final String text;
    private final Part[] parts;
    private final boolean endsWithMacro;
    private final boolean usesP;
    /** {@link #literalDomain()}, made on first use (a String: safe to publish racily). */
    private String literalDomain;

    MacroString(String text, List<Part> parts, boolean endsWithMacro) {
        this.text = text;
        this.parts = parts.toArray(new Part[0]);
        this.endsWithMacro = endsWithMacro;
        boolean p = false;
        for (Part part : this.parts) {
            p |= part.letter() == 'p';
        }
        this.usesP = p;
    }

    Part[] parts() {
        return parts;
    }

    /** Whether the last token is a macro-expand (including {@code %%}, {@code %_}, {@code %-}). */
    boolean endsWithMacro() {
        return endsWithMacro;
    }

    /** Whether expansion needs the validated domain name of the client ({@code %{p}}). */
    boolean usesP() {
        return usesP;
    }

    /** Whether there are no macros at all: the text is the expansion. */
    boolean isLiteral() {
        return parts.length == 0 || (parts.length == 1 && parts[0].isLiteral());
    }

    /**
     * For a macro-free domain-spec: the name to query, as {@link MacroExpander#truncateDomain}
     * makes it from the text (the expansion does not depend on the check, so it is kept).
     */
    String literalDomain() {
        String d = literalDomain;
        if (d == null) {
            d = MacroExpander.truncateDomain(parts.length == 0 ? "" : parts[0].literal());
            literalDomain = d;
        }
        return d;
    }

    @Override
    public String toString() {
        return text;
    }
}
