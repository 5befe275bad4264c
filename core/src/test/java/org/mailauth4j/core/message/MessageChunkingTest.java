package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The result of parsing never depends on how the input is cut into chunks: random split points,
 * one-byte chunks, CR and LF split across chunks, with normal and tiny limits (so limit errors
 * are compared too).
 */
class MessageChunkingTest {

    private static final MessageLimits TINY = new MessageLimits(120, 4, 40);

    @Provide
    Arbitrary<byte[]> messages() {
        List<String> pieces = List.of(
                "From: a@example.com", "Subject: x", "X-A :y", "A:", "B: 1", " folded", "\tfolded", " ",
                "\r", "\n", "\r\n", "\r\n", "\n\n", "\r\n\r\n", "\r\r", "From someone Mon Jan 1\n",
                "body", "\u0000", "\u00e9\u00ff", "no colon here", ":", "x", "From ", "From :", "Long: " + "y".repeat(50));
        return Arbitraries.of(pieces).list().ofMaxSize(30).map(list -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String p : list) {
                out.writeBytes(p.getBytes(StandardCharsets.ISO_8859_1));
            }
            return out.toByteArray();
        });
    }

    private static int[] cuts(byte[] raw, List<Integer> points) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int p : points) {
            if (raw.length > 0) {
                set.add(p % (raw.length + 1));
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 400)
    void anyChunkingGivesTheSameEvents(@ForAll("messages") byte[] raw,
                                       @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 100_000) Integer> points) {
        for (MessageLimits limits : List.of(MessageLimits.DEFAULT, TINY)) {
            List<String> oneShot = Recorder.parse(raw, limits);
            assertThat(Recorder.parse(raw, cuts(raw, points), limits)).isEqualTo(oneShot);
            assertThat(Recorder.parseByteByByte(raw, limits)).isEqualTo(oneShot);
        }
    }

    @Property(tries = 200)
    void outputIsCrlfNormalisedAndFieldsReassembleTheHeader(@ForAll("messages") byte[] raw) {
        List<String> events = Recorder.parse(raw, MessageLimits.DEFAULT);
        StringBuilder header = new StringBuilder();
        for (String e : events) {
            String payload = e.substring(e.indexOf(':') + 1);
            if (e.startsWith("H:") || e.startsWith("B:")) {
                // Every CR is followed by LF and every LF preceded by CR.
                assertThat(payload.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            }
            if (e.startsWith("H:")) {
                assertThat(payload).endsWith("\r\n");
                header.append(payload);
            }
        }
        if (!events.get(events.size() - 1).startsWith("ERR:")) {
            assertThat(events).contains("EOH").endsWith("EOM");
            // Folded lines are continuation lines: every CRLF inside the header section except
            // those ending a field is followed by WSP.
            String h = header.toString();
            for (int i = h.indexOf("\r\n"); i >= 0 && i + 2 < h.length(); i = h.indexOf("\r\n", i + 2)) {
                char next = h.charAt(i + 2);
                boolean endsField = next != ' ' && next != '\t';
                if (endsField) {
                    assertThat(h.substring(i + 2)).matches("(?s)[!-9;-~]+[ \t]*:.*");
                }
            }
        }
    }
}
