package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageParser} against a reference model written here from the rules alone, one whole
 * line at a time and without any speed tricks: the input is cut into lines (CRLF, bare CR and bare
 * LF each end one line, RFC 5322 §2.1 with the usual normalisation), the lines up to the first
 * empty one are the header section (a first line "From " not followed by a colon is an mbox
 * separator, RFC 4155), and the rest is the body with every line ending written as CRLF. The
 * bounds follow the {@link MessageLimits} definitions, checked after every byte as a line arrives.
 * Random messages rich in CR, LF, 8-bit and control bytes, random small limits, random chunking.
 */
class MessageParserReferenceTest {

    // ------------------------------------------------------------------ the reference model

    private record Line(byte[] content, boolean ended) {
    }

    /** Cuts the input into lines; a final line without an ending is kept if not empty. */
    private static List<Line> lines(byte[] raw) {
        List<Line> lines = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') {
                lines.add(new Line(cur.toByteArray(), true));
                cur.reset();
                if (b == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                cur.write(b);
            }
        }
        if (cur.size() > 0) {
            lines.add(new Line(cur.toByteArray(), false));
        }
        return lines;
    }

    private static String iso(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String limitError(String name, long value) {
        return "ERR:message exceeds the limit " + name + " = " + value;
    }

    private static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }

    /** RFC 4155 separator: "From " and then, after any WSP, not a colon (that would be a From field). */
    private static boolean mbox(byte[] c) {
        String s = iso(c);
        if (!s.startsWith("From ")) {
            return false;
        }
        String rest = s.substring(5).replaceFirst("^[ \t]+", "");
        return !rest.startsWith(":");
    }

    /** RFC 5322 §3.6.8 field name: printable ASCII but ':', then optional WSP (§4.5) before the colon. */
    private static boolean hasFieldName(byte[] c) {
        return iso(c).matches("(?s)[!-9;-~]+[ \t]*:.*");
    }

    /** The events the parser must deliver, as {@link Recorder} shows them; errors as {@link #canonical}. */
    static List<String> reference(byte[] raw, MessageLimits limits) {
        List<String> events = new ArrayList<>();
        List<Line> lines = lines(raw);
        long headerBytes = 0;
        int fields = 0;
        StringBuilder field = null; // the field being assembled
        int n = 0;
        for (; n < lines.size(); n++) {
            byte[] c = lines.get(n).content();
            if (c.length == 0) {
                break; // the blank line (an empty line always has an ending here)
            }
            // Bounds as the line arrives, byte by byte: the field it belongs to (its bytes, the
            // CRLF to come, and the field it continues) and the header section so far.
            long continued = isWsp(c[0]) && field != null ? field.length() : 0;
            for (int k = 1; k <= c.length; k++) {
                if (k + 2 + continued > limits.maxFieldBytes()) {
                    events.add(limitError("maxFieldBytes", limits.maxFieldBytes()));
                    return events;
                }
                if (headerBytes + k + 2 > limits.maxHeaderBytes()) {
                    events.add(limitError("maxHeaderBytes", limits.maxHeaderBytes()));
                    return events;
                }
            }
            headerBytes += c.length + 2;
            String text = iso(c) + "\r\n";
            if (n == 0 && mbox(c)) {
                continue;
            }
            if (isWsp(c[0])) {
                if (field == null) {
                    events.add("ERR:line " + (n + 1) + ": folded continuation line before the first header field");
                    return events;
                }
                field.append(text);
                continue;
            }
            if (field != null) {
                if (++fields > limits.maxHeaderFields()) {
                    events.add(limitError("maxHeaderFields", limits.maxHeaderFields()));
                    return events;
                }
                events.add("H:" + field);
            }
            if (!hasFieldName(c)) {
                events.add("ERR:line " + (n + 1) + ": not a header field");
                return events;
            }
            field = new StringBuilder(text);
        }
        if (field != null) {
            if (++fields > limits.maxHeaderFields()) {
                events.add(limitError("maxHeaderFields", limits.maxHeaderFields()));
                return events;
            }
            events.add("H:" + field);
        }
        events.add("EOH");
        StringBuilder body = new StringBuilder();
        for (int b = n + 1; b < lines.size(); b++) {
            body.append(iso(lines.get(b).content())).append(lines.get(b).ended() ? "\r\n" : "");
        }
        if (body.length() > 0) {
            events.add("B:" + body);
        }
        events.add("EOM");
        return events;
    }

    private static final Pattern LINE_ERROR = Pattern.compile("(ERR:line \\d+: [a-z ]*[a-z]).*", Pattern.DOTALL);

    /** Format errors reduced to their line number and kind (the message goes on to quote the line). */
    static List<String> canonical(List<String> events) {
        List<String> out = new ArrayList<>(events);
        int last = out.size() - 1;
        if (last >= 0) {
            Matcher m = LINE_ERROR.matcher(out.get(last));
            if (m.matches()) {
                out.set(last, m.group(1));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the model itself is sane

    @Test
    void referenceModelOnHandWrittenCases() {
        MessageLimits d = MessageLimits.DEFAULT;
        assertThat(reference("From x\nA: 1\r\n b\rB:2\n\nbody\r".getBytes(StandardCharsets.ISO_8859_1), d))
                .containsExactly("H:A: 1\r\n b\r\n", "H:B:2\r\n", "EOH", "B:body\r\n", "EOM");
        assertThat(reference("A: 1\nnope\n".getBytes(StandardCharsets.ISO_8859_1), d))
                .containsExactly("H:A: 1\r\n", "ERR:line 2: not a header field");
        assertThat(canonical(List.of("ERR:line 2: not a header field (no field name and colon): nope")))
                .containsExactly("ERR:line 2: not a header field");
        // "S: 12345" + CRLF is 10 bytes, at the bound; one more byte is beyond it.
        assertThat(reference("S: 12345\n".getBytes(StandardCharsets.ISO_8859_1), new MessageLimits(100, 10, 10)))
                .containsExactly("H:S: 12345\r\n", "EOH", "EOM");
        assertThat(reference("S: 123456\n".getBytes(StandardCharsets.ISO_8859_1), new MessageLimits(100, 10, 10)))
                .containsExactly("ERR:message exceeds the limit maxFieldBytes = 10");
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("From: a@example.com", "Subject: x", "X-A :y", "A:", " folded", "\tfolded", " ",
                        "From someone Mon Jan 1", "From ", "From :", "no colon", ":", "DKIM-Signature: v=1; a=rsa-sha256;"),
                Arbitraries.of("\r", "\n", "\r\n", "\r\n", "\r\n", "\r\n\r\n", "\n\n", "\r\r", "\n\r"),
                Arbitraries.of("\u0000", "\u000b", "\u000c", "\t", "\u000e", "\u007f", "\u0080", "\u008a", "\u008d",
                        "\u00e9", "\u00ff", "\u001a", "\u001d", ":", " "),
                Arbitraries.strings().withChars("ab:\t \u008d\u008a").ofMinLength(1).ofMaxLength(24));
        return piece.list().ofMaxSize(40).map(list -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String p : list) {
                out.writeBytes(p.getBytes(StandardCharsets.ISO_8859_1));
            }
            return out.toByteArray();
        });
    }

    @Provide
    Arbitrary<MessageLimits> limits() {
        Arbitrary<MessageLimits> small = Combinators.combine(
                Arbitraries.longs().between(1, 300),
                Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(1, 120)).as(MessageLimits::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(MessageLimits.DEFAULT)),
                net.jqwik.api.Tuple.of(3, small));
    }

    private static int[] cuts(byte[] raw, List<Integer> points) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int p : points) {
            set.add(p % (raw.length + 1));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    // ------------------------------------------------------------------ the properties

    @Property(tries = 1500)
    void parserAgreesWithTheReferenceModel(@ForAll("messages") byte[] raw, @ForAll("limits") MessageLimits limits,
                                           @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 100_000) Integer> points) {
        List<String> expected = reference(raw, limits);
        assertThat(canonical(Recorder.parse(raw, limits))).isEqualTo(expected);
        assertThat(canonical(Recorder.parse(raw, cuts(raw, points), limits))).isEqualTo(expected);
        assertThat(canonical(Recorder.parseByteByByte(raw, limits))).isEqualTo(expected);
    }

    /** Any byte values, with CR and LF (and so CRLF) frequent: a third of the bytes. */
    @Provide
    Arbitrary<byte[]> lineBreakHeavy() {
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> breaks = Arbitraries.of((byte) '\r', (byte) '\n', (byte) '\r', (byte) 0x0b, (byte) 0x8d, (byte) 0x8a);
        Arbitrary<Byte> one = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, any), net.jqwik.api.Tuple.of(1, breaks));
        return one.list().ofMaxSize(300).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = list.get(i);
            }
            return b;
        });
    }

    /** Body bytes: any byte values at all, CRLF, bare CR and bare LF each written as CRLF. */
    @Property(tries = 1000)
    void bodyIsNormalisedByteForByte(@ForAll("lineBreakHeavy") byte[] body,
                                     @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 100_000) Integer> points) {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\r' || body[i] == '\n') {
                expected.writeBytes(new byte[] {'\r', '\n'});
                if (body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
                    i++;
                }
            } else {
                expected.write(body[i]);
            }
        }
        byte[] raw = new byte[6 + body.length];
        System.arraycopy("A: 1\n\n".getBytes(StandardCharsets.US_ASCII), 0, raw, 0, 6);
        System.arraycopy(body, 0, raw, 6, body.length);
        List<String> events = new ArrayList<>(List.of("H:A: 1\r\n", "EOH"));
        if (expected.size() > 0) {
            events.add("B:" + iso(expected.toByteArray()));
        }
        events.add("EOM");
        assertThat(Recorder.parse(raw, cuts(raw, points), MessageLimits.DEFAULT)).isEqualTo(events);
        assertThat(Recorder.parse(raw, MessageLimits.DEFAULT)).isEqualTo(events);
    }

    /** The scan for the next bare CR or LF agrees with a byte-by-byte search, whatever the bytes and bounds. */
    @Property(tries = 2000)
    void nextBareLineBreakAgreesWithASimpleSearch(@ForAll("lineBreakHeavy") byte[] b,
                                                  @ForAll @IntRange(min = 0, max = 300) int from,
                                                  @ForAll @IntRange(min = 0, max = 300) int end) {
        int f = Math.min(from, b.length);
        int e = Math.max(f, Math.min(end, b.length));
        int expected = e;
        for (int i = f; i < e; i++) {
            boolean bareCr = b[i] == '\r' && (i + 1 == e || b[i + 1] != '\n');
            boolean bareLf = b[i] == '\n' && (i == f || b[i - 1] != '\r');
            if (bareCr || bareLf) {
                expected = i;
                break;
            }
        }
        assertThat(MessageParser.nextBareLineBreak(b, f, e)).isEqualTo(expected);
    }

    /** The scan for the next line break agrees with a byte-by-byte search, whatever the bytes and bounds. */
    @Property(tries = 1000)
    void nextLineBreakAgreesWithASimpleSearch(@ForAll("lineBreakHeavy") byte[] b,
                                              @ForAll @IntRange(min = 0, max = 300) int from,
                                              @ForAll @IntRange(min = 0, max = 300) int end) {
        int f = Math.min(from, b.length);
        int e = Math.max(f, Math.min(end, b.length));
        int expected = f;
        while (expected < e && b[expected] != '\r' && b[expected] != '\n') {
            expected++;
        }
        assertThat(MessageParser.nextLineBreak(b, f, e)).isEqualTo(expected);
    }
}
