package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Relaxed header canonicalization (with its eight-bytes-at-a-time path) against RFC 6376 §3.4.2 written out with string operations. */
class RelaxedHeaderPropertyTest {

    @Provide
    Arbitrary<String> fields() {
        Arbitrary<String> name = Arbitraries.of("Subject", "DKIM-Signature", "X-Long-Header-Name", "to", "FROM");
        Arbitrary<String> beforeColon = Arbitraries.of("", " ", "\t ");
        Arbitrary<String> piece = Arbitraries.of("a", "word", "v=1;", " ", "  ", "\t", "\r\n ", "\r\n\t",
                "bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;", "h=from:to:subject:date:message-id;", "\u00e9\u00c0",
                "\u0001", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        return Combinators.combine(name, beforeColon, piece.list().ofMaxSize(30))
                .as((n, ws, value) -> n + ws + ":" + String.join("", value) + "\r\n");
    }

    @Property(tries = 3000)
    void matchesTheRfcRules(@ForAll("fields") String field) {
        byte[] raw = field.getBytes(StandardCharsets.ISO_8859_1);
        for (int pad = 0; pad < 8; pad++) { // every alignment of the field in the array
            byte[] padded = new byte[pad + raw.length];
            System.arraycopy(raw, 0, padded, pad, raw.length);
            byte[] out = new byte[raw.length + 2];
            int n = Canonicalization.relaxedHeader(padded, pad, raw.length, out);
            assertThat(new String(out, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo(reference(field));
        }
    }

    /**
     * §3.4.2: lower-case the name (ASCII letters only); unfold; reduce WSP runs to one SP; delete
     * WSP at the end of the value; delete WSP before and after the colon.
     */
    private static String reference(String field) {
        String f = field.substring(0, field.length() - 2); // without the final CRLF
        int colon = f.indexOf(':');
        StringBuilder name = new StringBuilder();
        for (char c : f.substring(0, colon).toCharArray()) {
            if (c != ' ' && c != '\t') {
                name.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        String value = f.substring(colon + 1).replaceAll("[\r\n]", "").replaceAll("[ \t]+", " ");
        value = value.replaceAll("^ ", "").replaceAll(" $", "");
        return name + ":" + value + "\r\n";
    }
}
