package org.mailauth4j.core.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a {@link MessageParser} delivers as a list of events: {@code H:<raw field>},
 * {@code EOH}, {@code B:<body bytes>} (consecutive body chunks merged, so chunk boundaries do not
 * show), {@code EOM}, and {@code ERR:<exception message>}. Bytes are shown as ISO-8859-1.
 */
final class Recorder implements MessageHandler {
    final List<String> events = new ArrayList<>();
    int fields;
    long bodyBytes;

    @Override
    public void headerField(HeaderField field) {
        fields++;
        events.add("H:" + new String(field.raw(), StandardCharsets.ISO_8859_1));
    }

    @Override
    public void endOfHeaders() {
        events.add("EOH");
    }

    @Override
    public void bodyChunk(byte[] buf, int off, int len) {
        if (len <= 0) {
            throw new AssertionError("empty body chunk");
        }
        bodyBytes += len;
        String s = new String(buf, off, len, StandardCharsets.ISO_8859_1);
        int last = events.size() - 1;
        if (last >= 0 && events.get(last).startsWith("B:")) {
            events.set(last, events.get(last) + s);
        } else {
            events.add("B:" + s);
        }
    }

    @Override
    public void endOfMessage() {
        events.add("EOM");
    }

    /** Parses {@code raw} cut at the given (sorted, in-range) offsets; errors become an event. */
    static List<String> parse(byte[] raw, int[] cuts, MessageLimits limits) {
        Recorder r = new Recorder();
        MessageParser p = new MessageParser(limits, r);
        try {
            int from = 0;
            for (int cut : cuts) {
                p.feed(raw, from, cut - from);
                from = cut;
            }
            p.feed(raw, from, raw.length - from);
            p.finish();
        } catch (MessageFormatException e) {
            r.events.add("ERR:" + e.getMessage());
        }
        return r.events;
    }

    static List<String> parse(byte[] raw, MessageLimits limits) {
        return parse(raw, new int[0], limits);
    }

    /** One byte per {@code feed} call. */
    static List<String> parseByteByByte(byte[] raw, MessageLimits limits) {
        int[] cuts = new int[Math.max(0, raw.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return parse(raw, cuts, limits);
    }
}
