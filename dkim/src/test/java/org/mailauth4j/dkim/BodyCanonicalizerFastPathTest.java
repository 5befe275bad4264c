package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The eight-bytes-at-a-time paths agree with byte-by-byte definitions: the byte masks with their
 * definition, and relaxed body canonicalization with a line-by-line transcription of RFC 6376
 * §3.4.4 written here, on bodies built from the bytes that matter, fed in chunks of every size.
 */
class BodyCanonicalizerFastPathTest {

    @Property(tries = 2000)
    void byteMasksAreExact(@ForAll long w, @ForAll long next) {
        long zero = 0;
        long le20 = 0;
        long trouble = 0;
        for (int k = 0; k < 8; k++) {
            int b = (int) (w >>> (8 * k)) & 0xff;
            if (b == 0) {
                zero |= 0x80L << (8 * k);
            }
            if (b <= 0x20) {
                le20 |= 0x80L << (8 * k);
            }
            int after = (int) (k < 7 ? w >>> (8 * (k + 1)) : next) & 0xff;
            if (b < 0x20 || (b == 0x20 && after <= 0x20)) {
                trouble |= 0x80L << (8 * k);
            }
        }
        assertThat(ByteWords.zeroBytes(w)).isEqualTo(zero);
        assertThat(ByteWords.lessOrEqual20(w)).isEqualTo(le20);
        assertThat(ByteWords.relaxedTrouble(w, le20, ByteWords.lessOrEqual20(next))).isEqualTo(trouble);
        byte c = (byte) (w >>> 24); // a byte value taken from the word itself, so matches occur
        long eq = 0;
        for (int k = 0; k < 8; k++) {
            if ((byte) (w >>> (8 * k)) == c) {
                eq |= 0x80L << (8 * k);
            }
        }
        assertThat(ByteWords.equalBytes(w, c)).isEqualTo(eq);
        byte[] b = new byte[8];
        ByteWords.put(b, 0, w);
        int first = 0;
        while (first < 8 && b[first] != c) {
            first++;
        }
        assertThat(ByteWords.indexOf(b, 0, 8, c)).isEqualTo(first);
        assertThat(ByteWords.get(b, 0)).isEqualTo(w);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        // pieces chosen to hit every branch: words, single/double spaces, tabs, trailing WSP,
        // empty and WSP-only lines, 8-bit and control bytes (0x01, 0x0c, 0x10, 0x1f, 0x7f are content, not WSP)
        Arbitrary<String> piece = Arbitraries.of("a", "word", "longerword1", " ", "  ", "\t", " \t ", "\r\n", "\r\n\r\n",
                " \r\n", "\t\r\n", "c \r\n\r\n x", "é", "\u0001", "\u000c", "\u0010", "\u001f", "\u007f", "x y z", "12345678", ".");
        return piece.list().ofMaxSize(80).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 3000)
    void relaxedMatchesTheRfcRulesInEveryChunking(@ForAll("bodies") byte[] body, @ForAll @IntRange(min = 1, max = 70) int chunk) {
        for (int shift = 0; shift < 8; shift++) { // every position of the text relative to the 8-byte words
            byte[] shifted = new byte[shift + body.length];
            java.util.Arrays.fill(shifted, 0, shift, (byte) 'p');
            System.arraycopy(body, 0, shifted, shift, body.length);
            assertThat(new String(canonicalize(shifted, chunk), StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(reference(shifted), StandardCharsets.ISO_8859_1));
        }
    }

    @Property(tries = 300)
    void relaxedMatchesOnBodiesLargerThanTheBuffer(@ForAll("bodies") byte[] body, @ForAll @IntRange(min = 100, max = 400) int copies) {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < copies; i++) {
            big.writeBytes(body);
            big.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] b = big.toByteArray();
        assertThat(canonicalize(b, 4096)).isEqualTo(reference(b));
        assertThat(canonicalize(b, b.length + 1)).isEqualTo(reference(b));
    }

    @Provide
    Arbitrary<byte[]> rawBodies() {
        Arbitrary<String> piece = Arbitraries.of("a", "word", " ", "  ", "\t", "\r\n", "\r", "\n", "\n\r", "\r\r\n",
                " \r", "\t\n", "x y", "12345678", ".");
        return piece.list().ofMaxSize(60).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    }

    /** Raw input (bare CR and LF left in) canonicalizes as the CRLF-normalised input does. */
    @Property(tries = 2000)
    void rawInputGivesTheCanonicalFormOfTheNormalisedInput(@ForAll("rawBodies") byte[] body,
            @ForAll @IntRange(min = 1, max = 40) int chunk) {
        for (int shift = 0; shift < 8; shift++) {
            byte[] shifted = new byte[shift + body.length];
            java.util.Arrays.fill(shifted, 0, shift, (byte) 'p');
            System.arraycopy(body, 0, shifted, shift, body.length);
            assertThat(new String(canonicalize(shifted, chunk, true), StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(reference(normalise(shifted)), StandardCharsets.ISO_8859_1));
        }
    }

    /** RFC 5322 §2.3 line breaks: CRLF, and bare CR or bare LF taken as one, become CRLF. */
    private static byte[] normalise(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < b.length && b[i + 1] == '\n') {
                    i++;
                }
            } else if (b[i] == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b[i]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] canonicalize(byte[] body, int chunk) {
        return canonicalize(body, chunk, false);
    }

    private static byte[] canonicalize(byte[] body, int chunk, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyCanonicalizer c = new BodyCanonicalizer(Canonicalization.RELAXED, out::write);
        if (raw) {
            c.takeRawInput();
        }
        for (int i = 0; i < body.length; i += chunk) {
            c.update(body, i, Math.min(chunk, body.length - i));
        }
        c.finish();
        assertThat(c.written()).isEqualTo(out.size());
        return out.toByteArray();
    }

    /**
     * RFC 6376 §3.4.4, line by line: (a) WSP at the end of a line removed, WSP runs within a line
     * reduced to one SP; (b) empty lines at the end of the body removed; a non-empty body ends with
     * CRLF. A last line without CRLF keeps one SP for a trailing WSP run (this project's reading,
     * shared with dkimpy, mailauth and jDKIM: step (a) speaks of the end of lines, i.e. before CRLF).
     */
    private static byte[] reference(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
        String last = lines.remove(lines.size() - 1); // after the last CRLF: "" or an unterminated line
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.replaceAll("[ \t]+", " ").replaceAll(" $", ""));
        }
        String tail = last.replaceAll("[ \t]+", " ");
        if (!tail.isEmpty() && !tail.equals(" ")) {
            out.add(tail);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        StringBuilder sb = new StringBuilder();
        for (String line : out) {
            sb.append(line).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
