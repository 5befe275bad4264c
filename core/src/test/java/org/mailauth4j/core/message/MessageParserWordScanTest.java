package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cases the eight-bytes-at-a-time scans of {@link MessageParser} make risky: a line break at
 * every offset of a word and at chunk ends, 8-bit bytes (0x8A and 0x8D are not LF and CR), NUL and
 * the other control bytes, and lines exactly at the bounds. Expected values follow RFC 5322 §2.1
 * (CRLF ends a line; bare CR and bare LF are normalised to it, see the class comment of
 * {@link MessageParser}) and the definitions of {@link MessageLimits}.
 */
class MessageParserWordScanTest {

    private static final String[] ENDINGS = {"\r\n", "\n", "\r"};
    /** Bytes near CR and LF in value or in bit pattern that are not line breaks. */
    private static final byte[] NOT_BREAKS = {(byte) 0x8a, (byte) 0x8d, 0x00, 0x0b, 0x0c, 0x09, 0x0e, (byte) 0xff, 'x', 0x1a, 0x1d};

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Events for {@code raw} fed from inside a larger array at {@code pad}, cut once at {@code cut} (or not if -1). */
    private static List<String> parseAt(byte[] raw, int pad, int cut, MessageLimits limits) {
        byte[] buf = new byte[pad + raw.length + 9];
        java.util.Arrays.fill(buf, (byte) '\n'); // line breaks around the input must not be read
        System.arraycopy(raw, 0, buf, pad, raw.length);
        Recorder r = new Recorder();
        MessageParser p = new MessageParser(limits, r);
        try {
            if (cut < 0) {
                p.feed(buf, pad, raw.length);
            } else {
                p.feed(buf, pad, cut);
                p.feed(buf, pad + cut, raw.length - cut);
            }
            p.finish();
        } catch (MessageFormatException e) {
            r.events.add("ERR:" + e.getMessage());
        }
        return r.events;
    }

    /** Asserts the events for every start offset 0..8 within a word and every single cut, and for 1-byte chunks. */
    private static void assertEverywhere(byte[] raw, MessageLimits limits, List<String> expected) {
        for (int pad = 0; pad < 9; pad++) {
            assertThat(parseAt(raw, pad, -1, limits)).as("pad %d", pad).isEqualTo(expected);
        }
        for (int cut = 0; cut <= raw.length; cut++) {
            assertThat(parseAt(raw, cut % 8, cut, limits)).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(Recorder.parseByteByByte(raw, limits)).isEqualTo(expected);
    }

    private static void assertEverywhere(String raw, List<String> expected) {
        assertEverywhere(bytes(raw), MessageLimits.DEFAULT, expected);
    }

    // ------------------------------------------------------------------ the word test itself

    @Test
    void below0EFlagsExactlyTheBytesBelow0x0E() {
        int[] fillers = {0x00, 0x09, 0x0A, 0x0D, 0x0E, 0x0F, 0x20, 0x72, 0x7F, 0x80, 0x8A, 0x8D, 0x8E, 0xF1, 0xFF};
        for (int v = 0; v < 256; v++) {
            for (int pos = 0; pos < 8; pos++) {
                for (int f : fillers) {
                    byte[] w = new byte[8];
                    java.util.Arrays.fill(w, (byte) f);
                    w[pos] = (byte) v;
                    long expected = 0;
                    for (int k = 0; k < 8; k++) {
                        if ((w[k] & 0xff) < 0x0E) {
                            expected |= 0x80L << (8 * k);
                        }
                    }
                    long word = ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    assertThat(MessageParser.below0E(word)).as("byte %02x at %d among %02x", v, pos, f).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void nextLineBreakFindsTheFirstCrOrLfAtEveryOffset() {
        for (int len = 0; len <= 20; len++) {
            for (int at = 0; at <= len; at++) {
                for (byte brk : new byte[] {'\r', '\n'}) {
                    byte[] b = new byte[len + 1];
                    for (int k = 0; k < b.length; k++) {
                        b[k] = NOT_BREAKS[k % NOT_BREAKS.length];
                    }
                    if (at < len) {
                        b[at] = brk;
                    }
                    // Searching only b[0..len) with a CR/LF at index len must not see it.
                    b[len] = '\n';
                    assertThat(MessageParser.nextLineBreak(b, 0, len)).isEqualTo(at);
                }
            }
        }
    }

    @Test
    void nextBareLineBreakSkipsCrlfAndFindsBareBreaksAtEveryOffset() {
        for (int len = 2; len <= 80; len++) {
            // CRLF pairs everywhere they fit, other bytes from NOT_BREAKS: no bare line break.
            for (int phase = 0; phase < 5; phase++) {
                byte[] b = new byte[len + 2];
                for (int k = 0; k < b.length; k++) {
                    b[k] = NOT_BREAKS[(k * 7 + phase) % NOT_BREAKS.length];
                }
                for (int k = phase; k + 1 < len; k += 5) {
                    b[k] = '\r';
                    b[k + 1] = '\n';
                }
                b[len] = '\r'; // beyond the range
                b[len + 1] = '\n';
                assertThat(MessageParser.nextBareLineBreak(b, 0, len)).as("len %d phase %d", len, phase).isEqualTo(len);
                // Now break one pair at each place, or add a bare CR or LF: the first such byte is found.
                for (int at = 0; at < len; at++) {
                    for (byte brk : new byte[] {'\r', '\n'}) {
                        byte[] c = b.clone();
                        byte before = c[at];
                        c[at] = brk;
                        int expected = firstBare(c, 0, len);
                        assertThat(MessageParser.nextBareLineBreak(c, 0, len))
                                .as("len %d phase %d: %02x replaced by %02x at %d", len, phase, before, brk, at).isEqualTo(expected);
                        if (before != brk) {
                            assertThat(expected).isLessThanOrEqualTo(at + 1); // the change makes a bare break at or next to it
                        }
                    }
                }
            }
        }
        // A CR in the last byte of the range is returned (its LF, if any, is in the next chunk).
        assertThat(MessageParser.nextBareLineBreak(bytes("a".repeat(40) + "\r\n"), 0, 41)).isEqualTo(40);
        // An LF at the start of the range has no CR before it in the range.
        assertThat(MessageParser.nextBareLineBreak(bytes("\r\n" + "a".repeat(40)), 1, 42)).isEqualTo(1);
    }

    /** The first CR not followed by LF or LF not preceded by CR, byte by byte (RFC 5322 §2.1: only CRLF ends a line). */
    private static int firstBare(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\r' && (i + 1 == end || b[i + 1] != '\n')) {
                return i;
            }
            if (b[i] == '\n' && (i == from || b[i - 1] != '\r')) {
                return i;
            }
        }
        return end;
    }

    @Test
    void plainNameColonAcceptsOnlyPrintableNamesDirectlyBeforeTheColon() {
        // RFC 5322 §3.6.8: a field name is one or more bytes 0x21-0x7E except ':'. The fast path
        // answers for names without whitespace before the colon and -1 (undecided) otherwise.
        for (int nameLen = 1; nameLen <= 20; nameLen++) {
            String name = "N".repeat(nameLen);
            byte[] ok = bytes(name + ": v\r\n");
            int fast = MessageParser.plainNameColon(ok, ok.length);
            assertThat(fast).as("name length %d", nameLen).isIn(nameLen, -1);
            if (nameLen + 1 <= ok.length / 8 * 8) {
                assertThat(fast).isEqualTo(nameLen); // the colon lies within the whole words
            }
            for (int at = 0; at < nameLen; at++) {
                for (int v = 0; v < 256; v++) {
                    byte[] b = ok.clone();
                    b[at] = (byte) v;
                    int expectedColon = v == ':' ? at : nameLen;
                    boolean valid = expectedColon > 0 && (v == ':' || (v >= 0x21 && v <= 0x7e));
                    int got = MessageParser.plainNameColon(b, b.length);
                    if (got >= 0) {
                        assertThat(valid).as("byte %02x at %d accepted", v, at).isTrue();
                        assertThat(got).isEqualTo(expectedColon);
                    }
                    if (!valid) {
                        assertThat(got).as("byte %02x at %d of %d", v, at, nameLen).isEqualTo(-1);
                    }
                }
            }
        }
        assertThat(MessageParser.plainNameColon(bytes("Subject : x\r\n"), 13)).isEqualTo(-1); // WSP: byte by byte
        assertThat(MessageParser.plainNameColon(bytes(":Subject x\r\n"), 12)).isEqualTo(-1); // empty name
        assertThat(MessageParser.plainNameColon(bytes("Subject x\r\n"), 11)).isEqualTo(-1); // no colon
    }

    @Test
    void fieldNamesWithEveryByteValueAreJudgedAsBeforeAtEveryLength() {
        // Whatever the fast path does, the outcome is RFC 5322 §3.6.8 with obsolete WSP before the colon (§4.5).
        for (int nameLen = 1; nameLen <= 17; nameLen++) {
            for (int v = 0; v < 256; v++) {
                if (v == '\r' || v == '\n') {
                    continue;
                }
                int at = nameLen - 1;
                String name = "N".repeat(at) + (char) v;
                boolean printable = v >= 0x21 && v <= 0x7e;
                List<String> events = parseAt(bytes(name + ": v\r\n\r\n"), 0, -1, MessageLimits.DEFAULT);
                if (v == ':') { // the name ends before it; empty when it is the first byte
                    assertThat(events).isEqualTo(at > 0 ? List.of("H:" + name + ": v\r\n", "EOH", "EOM")
                            : List.of("ERR:line 1: not a header field (no field name and colon): :: v"));
                } else if (printable || ((v == ' ' || v == '\t') && at > 0)) {
                    assertThat(events).as("byte %02x", v).containsExactly("H:" + name + ": v\r\n", "EOH", "EOM");
                } else if (at == 0 && (v == ' ' || v == '\t')) {
                    assertThat(last(events)).startsWith("ERR:line 1: folded continuation");
                } else {
                    assertThat(last(events)).as("byte %02x at %d", v, at).startsWith("ERR:line 1: not a header field");
                }
            }
        }
    }

    // ------------------------------------------------------------------ line breaks at every offset

    @Test
    void bodyLineBreakAtEveryWordOffsetAndChunkEnd() {
        for (String ending : ENDINGS) {
            for (int k = 0; k <= 16; k++) {
                for (int m = 0; m <= 9; m++) {
                    String body = "x".repeat(k) + ending + "y".repeat(m);
                    String normalised = "x".repeat(k) + "\r\n" + "y".repeat(m);
                    assertEverywhere("A: 1\r\n\r\n" + body, List.of("H:A: 1\r\n", "EOH", "B:" + normalised, "EOM"));
                }
            }
        }
    }

    @Test
    void headerLineBreakAtEveryWordOffsetAndChunkEnd() {
        for (String ending : ENDINGS) {
            for (int k = 0; k <= 16; k++) {
                String raw = "A: " + "x".repeat(k) + ending + "B:" + "y".repeat(16 - k) + ending + ending + "z";
                assertEverywhere(raw, List.of("H:A: " + "x".repeat(k) + "\r\n", "H:B:" + "y".repeat(16 - k) + "\r\n",
                        "EOH", "B:z", "EOM"));
            }
        }
    }

    @Test
    void twoLineBreaksInOneWordAreTwoLines() {
        // CR CR is two line breaks (the second CR is not a CRLF's first half until its LF is seen).
        assertEverywhere("A: 1\r\r\nb\r\r\rc\n\r\n\rd\r", List.of("H:A: 1\r\n", "EOH", "B:b\r\n\r\n\r\nc\r\n\r\n\r\nd\r\n", "EOM"));
        assertEverywhere("A: 1\n\n\n\n\n\n\n\n\n\n", List.of("H:A: 1\r\n", "EOH", "B:" + "\r\n".repeat(8), "EOM"));
        assertEverywhere("A:1\rB:2\nC:3\r\n\rbody",
                List.of("H:A:1\r\n", "H:B:2\r\n", "H:C:3\r\n", "EOH", "B:body", "EOM"));
    }

    @Test
    void crAtTheEndOfAChunkIsDecidedByTheNextChunk() throws Exception {
        Recorder r = new Recorder();
        MessageParser p = new MessageParser(r);
        for (String chunk : new String[] {"A: 1\r", "\nB: 2\r", "\r", "\nbody\r", "\r", "x\r"}) {
            p.feed(bytes(chunk));
        }
        p.finish();
        // Lines: "A: 1" CRLF, "B: 2" bare CR, "" CRLF (the blank line), then the body
        // "body" CR CR "x" CR: three bare CRs, each a line break.
        assertThat(r.events).containsExactly("H:A: 1\r\n", "H:B: 2\r\n", "EOH", "B:body\r\n\r\nx\r\n", "EOM");
    }

    // ------------------------------------------------------------------ bytes that are not line breaks

    @Test
    void eightBitAndControlBytesPassThroughAtEveryOffset() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int v = 0; v < 256; v++) {
            if (v != '\r' && v != '\n') {
                all.write(v);
            }
        }
        String others = text(all.toByteArray()); // 254 bytes: NUL, TAB, VT, FF, 0x0E..0xFF incl. 0x8A, 0x8D
        for (int k = 0; k < 8; k++) {
            String body = "x".repeat(k) + others + "\r\n" + others;
            assertEverywhere("A: 1\r\n\r\n" + body, List.of("H:A: 1\r\n", "EOH", "B:" + body, "EOM"));
            // In a header value (RFC 5322 forbids most of them, but the parser keeps bytes as they are).
            String field = "X: " + "v".repeat(k) + others + "\r\n";
            assertEverywhere(field + "\r\n", List.of("H:" + field, "EOH", "EOM"));
        }
    }

    @Test
    void lowControlBytesNextToLineBreaksAreKept() {
        // Bytes below 0x0E other than CR and LF are flagged by the word test but are not line breaks.
        String body = "\u000c\r\n\u000b\n\u0000\r\t\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\r";
        String expected = "\u000c\r\n\u000b\r\n\u0000\r\n\t\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\r\n";
        assertEverywhere("A: 1\r\n\r\n" + body, List.of("H:A: 1\r\n", "EOH", "B:" + expected, "EOM"));
        assertEverywhere("A:\t\u0000\u000b\u000c\u000e\r\n \t\u0001\r\n\r\n",
                List.of("H:A:\t\u0000\u000b\u000c\u000e\r\n \t\u0001\r\n", "EOH", "EOM"));
    }

    // ------------------------------------------------------------------ body runs reach the handler uncopied

    /** Records every bodyChunk call: the array, offset and length. */
    private static final class Calls implements MessageHandler {
        final List<Object[]> body = new ArrayList<>();

        @Override
        public void headerField(HeaderField field) {
        }

        @Override
        public void endOfHeaders() {
        }

        @Override
        public void bodyChunk(byte[] buf, int off, int len) {
            body.add(new Object[] {buf, off, len});
        }

        @Override
        public void endOfMessage() {
        }
    }

    @Test
    void crlfBodyIsOneUncopiedChunk() throws Exception {
        StringBuilder sb = new StringBuilder("Subject: x\r\nFrom: a@b\r\n\r\n");
        int header = sb.length();
        for (int i = 0; i < 300; i++) {
            sb.append("line ").append(i).append(" \u00e9\t\u0000 ".repeat(i % 7)).append("\r\n");
        }
        byte[] raw = bytes(sb.toString());
        Calls c = new Calls();
        MessageParser p = new MessageParser(c);
        p.feed(raw, 0, raw.length);
        p.finish();
        assertThat(c.body).hasSize(1);
        assertThat(c.body.get(0)[0]).isSameAs(raw);
        assertThat(c.body.get(0)[1]).isEqualTo(header);
        assertThat(c.body.get(0)[2]).isEqualTo(raw.length - header);
    }

    @Test
    void bareLfSplitsTheRunButBothHalvesAreUncopied() throws Exception {
        byte[] raw = bytes("A: 1\n\nfirst line\r\nsecond\nthird\r\n");
        Calls c = new Calls();
        MessageParser p = new MessageParser(c);
        p.feed(raw, 0, raw.length);
        p.finish();
        assertThat(c.body).hasSize(3);
        assertThat(c.body.get(0)[0]).isSameAs(raw);
        assertThat(c.body.get(0)).containsExactly(raw, 6, "first line\r\nsecond".length());
        assertThat(text((byte[]) c.body.get(1)[0]).substring((int) c.body.get(1)[1], 2 + (int) c.body.get(1)[1])).isEqualTo("\r\n");
        assertThat(c.body.get(1)[2]).isEqualTo(2);
        assertThat(c.body.get(2)[0]).isSameAs(raw);
        assertThat(c.body.get(2)).containsExactly(raw, 6 + "first line\r\nsecond\n".length(), "third\r\n".length());
    }

    // ------------------------------------------------------------------ bounds, exactly

    /** Parses in one chunk, at every start offset and single cut, and in 1-byte chunks; all must agree. */
    private static List<String> parseAllWays(String raw, MessageLimits limits) {
        List<String> once = parseAt(bytes(raw), 0, -1, limits);
        assertEverywhere(bytes(raw), limits, once);
        return once;
    }

    private static String last(List<String> events) {
        return events.get(events.size() - 1);
    }

    @Test
    void fieldExactlyAtMaxFieldBytesIsAcceptedAndOneMoreIsNot() {
        MessageLimits limits = new MessageLimits(1 << 20, 100, 50);
        for (String ending : ENDINGS) {
            // The raw field is "S: " + value + CRLF (the ending normalised to two bytes).
            String ok = "S: " + "a".repeat(45);
            assertThat(parseAllWays(ok + ending + "\r\nbody", limits))
                    .containsExactly("H:" + ok + "\r\n", "EOH", "B:body", "EOM");
            assertThat(parseAllWays(ok + "a" + ending + "\r\nbody", limits))
                    .containsExactly("ERR:message exceeds the limit maxFieldBytes = 50");
            // One byte below the bound.
            assertThat(parseAllWays("S: " + "a".repeat(44) + ending, limits)).containsExactly("H:S: " + "a".repeat(44) + "\r\n", "EOH", "EOM");
        }
        // The last line without a line ending gets its CRLF, which counts.
        assertThat(parseAllWays("S: " + "a".repeat(45), limits)).containsExactly("H:S: " + "a".repeat(45) + "\r\n", "EOH", "EOM");
        assertThat(last(parseAllWays("S: " + "a".repeat(46), limits))).isEqualTo("ERR:message exceeds the limit maxFieldBytes = 50");
    }

    @Test
    void foldedFieldExactlyAtMaxFieldBytes() {
        MessageLimits limits = new MessageLimits(1 << 20, 100, 50);
        String first = "S: " + "a".repeat(20) + "\r\n"; // 25 bytes
        String cont = " " + "b".repeat(22) + "\r\n"; // 25 bytes
        assertThat(parseAllWays(first + cont + "T: 1\r\n\r\n", limits))
                .containsExactly("H:" + first + cont, "H:T: 1\r\n", "EOH", "EOM");
        assertThat(parseAllWays(first + " b" + cont + "T: 1\r\n\r\n", limits))
                .containsExactly("ERR:message exceeds the limit maxFieldBytes = 50");
        // A line that is not a continuation starts a new field: its bytes do not add to the previous one.
        assertThat(parseAllWays(first + "T:" + cont + "\r\n", limits)).containsExactly("H:" + first, "H:T:" + cont, "EOH", "EOM");
    }

    @Test
    void headerExactlyAtMaxHeaderBytesIsAcceptedAndOneMoreIsNot() {
        MessageLimits limits = new MessageLimits(60, 100, 1000);
        String a = "A: " + "x".repeat(25) + "\r\n"; // 30 bytes
        String b = "B: " + "y".repeat(25) + "\r\n"; // 30 bytes: 60 in all; the blank line does not count
        assertThat(parseAllWays(a + b + "\r\nbody", limits)).containsExactly("H:" + a, "H:" + b, "EOH", "B:body", "EOM");
        // The line passes the bound while it arrives, before it ends (and so before field A is delivered).
        assertThat(parseAllWays(a + "B: " + "y".repeat(26) + "\r\n\r\nbody", limits))
                .containsExactly("ERR:message exceeds the limit maxHeaderBytes = 60");
        assertThat(parseAllWays(a + "B: " + "y".repeat(24) + "\n\nbody", limits)).hasSize(5);
        // A dropped mbox line counts too: 10 + 50 = 60.
        String mbox = "From x y\r\n";
        String c = "C: " + "z".repeat(45) + "\r\n";
        assertThat(parseAllWays(mbox + c + "\r\n", limits)).containsExactly("H:" + c, "EOH", "EOM");
        assertThat(parseAllWays(mbox + "C: " + "z".repeat(46) + "\r\n\r\n", limits))
                .containsExactly("ERR:message exceeds the limit maxHeaderBytes = 60");
    }

    @Test
    void theBoundPassedAtTheEarlierByteIsTheOneNamed() {
        // maxHeaderBytes = 60 with 30 bytes used leaves 30 for the next line, maxFieldBytes = 40:
        // a 100-byte line passes the header bound first (at its 29th byte, before the field bound at its 39th).
        MessageLimits limits = new MessageLimits(60, 100, 40);
        String a = "A: " + "x".repeat(25) + "\r\n";
        assertThat(last(parseAllWays(a + "B: " + "y".repeat(97) + "\r\n\r\n", limits)))
                .isEqualTo("ERR:message exceeds the limit maxHeaderBytes = 60");
        // With room for 80 more header bytes the field bound is passed first.
        MessageLimits roomy = new MessageLimits(110, 100, 40);
        assertThat(last(parseAllWays(a + "B: " + "y".repeat(97) + "\r\n\r\n", roomy)))
                .isEqualTo("ERR:message exceeds the limit maxFieldBytes = 40");
    }

    @Test
    void aLongLineFailsAtTheFirstByteBeyondTheBoundWhateverTheChunks() throws Exception {
        MessageLimits limits = new MessageLimits(1 << 20, 100, 100);
        byte[] line = bytes("S: " + "a".repeat(500));
        // The field "S: " + 95 bytes + CRLF is 100 bytes: byte 99 of the line is the first beyond the bound.
        for (int chunk : new int[] {1, 3, 7, 8, 9, 64, 98, 99, 500}) {
            MessageParser p = new MessageParser(limits, new Recorder());
            int fed = 0;
            int failedInChunkAt = -1;
            while (fed < line.length) {
                int n = Math.min(chunk, line.length - fed);
                try {
                    p.feed(line, fed, n);
                } catch (MessageLimitException e) {
                    assertThat(e.limit()).isEqualTo("maxFieldBytes");
                    failedInChunkAt = fed;
                    break;
                }
                fed += n;
            }
            // The chunk that contains byte 99 (index 98) is the one that fails.
            assertThat(failedInChunkAt).as("chunk size %d", chunk).isEqualTo(98 / chunk * chunk);
            MessageParser failed = p;
            assertThatThrownBy(() -> failed.feed(bytes("a"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aHugeLineInOneChunkFailsWithTheBoundNamed() {
        byte[] raw = new byte[8 * 1024 * 1024];
        java.util.Arrays.fill(raw, (byte) 'a');
        System.arraycopy(bytes("Subject: "), 0, raw, 0, 9);
        assertThatThrownBy(() -> new MessageParser(new Recorder()).feed(raw))
                .isInstanceOfSatisfying(MessageLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxFieldBytes"));
        MessageLimits wideFields = new MessageLimits(1 << 20, 1000, Integer.MAX_VALUE);
        assertThatThrownBy(() -> new MessageParser(wideFields, new Recorder()).feed(raw))
                .isInstanceOfSatisfying(MessageLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxHeaderBytes"));
    }
}
