package org.mailauth4j.core.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed message held in memory: header fields in order, exact bytes kept, and the body with
 * line endings normalised to CRLF. For streaming use {@link MessageParser} with a
 * {@link MessageHandler}; {@link #replay} feeds a held message through the same interface, so
 * both paths share one implementation downstream.
 */
public final class Message {
    private final List<HeaderField> headers;
    private final byte[] body;

    private Message(List<HeaderField> headers, byte[] body) {
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /** A message from header fields and a body (the body's line endings must already be CRLF). */
    public static Message of(List<HeaderField> headers, byte[] body) {
        return new Message(headers, body.clone());
    }

    public static Message parse(byte[] raw) throws MessageFormatException {
        return parse(raw, MessageLimits.DEFAULT);
    }

    public static Message parse(byte[] raw, MessageLimits limits) throws MessageFormatException {
        Collector c = new Collector(raw.length);
        MessageParser p = new MessageParser(limits, c);
        p.feed(raw, 0, raw.length);
        p.finish();
        return c.message();
    }

    public static Message parse(InputStream in) throws IOException, MessageFormatException {
        return parse(in, MessageLimits.DEFAULT);
    }

    public static Message parse(InputStream in, MessageLimits limits) throws IOException, MessageFormatException {
        Collector c = new Collector(8192);
        MessageParser.parse(in, limits, c);
        return c.message();
    }

    /** All header fields, top to bottom. */
    public List<HeaderField> headers() {
        return headers;
    }

    /** The fields named {@code name} (case-insensitive), top to bottom. */
    public List<HeaderField> headers(String name) {
        List<HeaderField> out = new ArrayList<>(2);
        for (HeaderField h : headers) {
            if (h.hasName(name)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The topmost field named {@code name}. */
    public Optional<HeaderField> header(String name) {
        for (HeaderField h : headers) {
            if (h.hasName(name)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** A copy of the body (CRLF line endings). */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** Feeds this message to a handler exactly as {@link MessageParser} would. */
    public void replay(MessageHandler handler) {
        for (HeaderField h : headers) {
            handler.headerField(h);
        }
        handler.endOfHeaders();
        if (body.length > 0) {
            handler.bodyChunk(body, 0, body.length);
        }
        handler.endOfMessage();
    }

    /** The message as bytes: header fields, a blank line, the body. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4096);
        for (HeaderField h : headers) {
            out.writeBytes(h.raw());
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A copy of this message with {@code fields} added above the existing header fields. */
    public Message prepend(List<HeaderField> fields) {
        List<HeaderField> all = new ArrayList<>(fields.size() + headers.size());
        all.addAll(fields);
        all.addAll(headers);
        return new Message(all, body);
    }

    private static final class Collector implements MessageHandler {
        private final List<HeaderField> fields = new ArrayList<>();
        private byte[] body;
        private int len;

        Collector(int sizeHint) {
            body = new byte[Math.max(16, sizeHint)];
        }

        @Override
        public void headerField(HeaderField field) {
            fields.add(field);
        }

        @Override
        public void bodyChunk(byte[] buf, int off, int n) {
            if (len + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, len + n));
            }
            System.arraycopy(buf, off, body, len, n);
            len += n;
        }

        Message message() {
            return new Message(fields, Arrays.copyOf(body, len));
        }
    }
}
