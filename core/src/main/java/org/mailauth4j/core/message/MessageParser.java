package org.mailauth4j.core.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Incremental RFC 5322 message parser. Feed it chunks of any size with {@link #feed}; it calls
 * the {@link MessageHandler} as header fields, the end of the header section and body bytes
 * become known, then {@link #finish} ends the message.
 *
 * <p>Line endings: CRLF, bare LF and bare CR are all normalised to CRLF (RFC 5322 §2.1 allows
 * only CRLF; archived {@code .eml} files usually use LF). A leading mbox {@code "From "} line is
 * dropped. A message with no blank line is all header. Folding, 8-bit bytes, NUL bytes and
 * whitespace before the colon are kept as they are. Header size and count are bounded by
 * {@link MessageLimits}; the parser fails as soon as a bound is passed, without buffering the rest.
 *
 * <p>A header line that is neither a field (RFC 5322 §2.2: a name of printable ASCII, optional
 * obsolete whitespace, a colon) nor a continuation line starting with WSP is an error naming the
 * line number. It is not guessed to be the start of the body, nor skipped: either guess lets two
 * programs see different header sections of one message (the basis of header-confusion attacks
 * on DKIM and DMARC), and a message whose header cannot be delimited cannot be authenticated.
 * The same applies to a continuation line before the first field. Only the first line may be an
 * mbox separator, which is dropped.
 *
 * <p>After a {@link MessageFormatException} the parser is unusable: further calls throw
 * {@link IllegalStateException}. Events already delivered to the handler stay delivered.
 */
public final class MessageParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CRLF = {CR, LF};

    private final MessageLimits limits;
    private final MessageHandler handler;

    private boolean inBody;
    private boolean finished;
    /** Set when a {@link MessageFormatException} was thrown; the parser is then unusable. */
    private boolean failed;
    private boolean pendingCr;
    private boolean firstLine = true;
    private long headerBytes;
    private int fieldCount;
    private long lineNumber = 1;

    /** The header line being read (normalised, up to and including its CRLF once complete). */
    private byte[] line = new byte[256];
    private int lineLen;
    /** The header field being assembled from its first line and continuation lines. */
    private byte[] field = new byte[256];
    private int fieldLen;
    private int fieldColon = -1;

    public MessageParser(MessageHandler handler) {
        this(MessageLimits.DEFAULT, handler);
    }

    public MessageParser(MessageLimits limits, MessageHandler handler) {
        this.limits = limits;
        this.handler = handler;
    }

    /** Parses a whole input stream into the handler; the stream is not closed. */
    public static void parse(InputStream in, MessageLimits limits, MessageHandler handler)
            throws IOException, MessageFormatException {
        MessageParser p = new MessageParser(limits, handler);
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            p.feed(buf, 0, n);
        }
        p.finish();
    }

    public void feed(byte[] buf) throws MessageFormatException {
        feed(buf, 0, buf.length);
    }

    /** Accepts the next chunk of input. */
    public void feed(byte[] buf, int off, int len) throws MessageFormatException {
        checkUsable();
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        int i = off;
        try {
            while (i < end && !inBody) {
                headerByte(buf[i++]);
            }
        } catch (MessageFormatException e) {
            failed = true;
            throw e;
        }
        if (i < end) {
            bodyBytes(buf, i, end);
        }
    }

    private void checkUsable() {
        if (failed) {
            throw new IllegalStateException("the parser already reported a MessageFormatException");
        }
        if (finished) {
            throw new IllegalStateException("feed after finish");
        }
    }

    /** Ends the input: flushes a pending CR, the last header field and calls {@code endOfMessage}. */
    public void finish() throws MessageFormatException {
        if (finished) {
            return;
        }
        if (failed) {
            throw new IllegalStateException("the parser already reported a MessageFormatException");
        }
        if (!inBody) {
            try {
                finishHeader();
            } catch (MessageFormatException e) {
                failed = true;
                throw e;
            }
        } else if (pendingCr) {
            pendingCr = false;
            handler.bodyChunk(CRLF, 0, 2);
        }
        finished = true;
        handler.endOfMessage();
    }

    private void finishHeader() throws MessageFormatException {
        if (pendingCr) {
            pendingCr = false;
            headerNormalised(LF);
        }
        if (lineLen > 0) {
            // Last header line without a line ending: complete it.
            appendLine(CR);
            appendLine(LF);
            headerLine();
        }
        if (!inBody) {
            flushField();
            inBody = true;
            handler.endOfHeaders();
        }
    }

    // ---------------------------------------------------------------- header section

    private void headerByte(byte b) throws MessageFormatException {
        if (pendingCr) {
            pendingCr = false;
            headerNormalised(LF); // CR LF or bare CR: either way the line ends here
            if (b == LF) {
                return;
            }
            if (inBody) {
                // A bare CR ended the header section; this byte starts the body.
                bodyBytes(new byte[] {b}, 0, 1);
                return;
            }
        }
        if (b == CR) {
            pendingCr = true;
        } else if (b == LF) {
            headerNormalised(LF);
        } else {
            appendLine(b);
            checkGrowingLine();
        }
    }

    /**
     * Checks the bounds while a line is still arriving, so a hostile endless line fails as soon as
     * it passes a bound instead of being buffered: the field it belongs to (its own bytes plus the
     * CRLF still to come, plus the field it continues when it starts with WSP) must fit
     * {@code maxFieldBytes}, and the header section so far must fit {@code maxHeaderBytes}.
     */
    private void checkGrowingLine() throws MessageLimitException {
        long fieldSoFar = lineLen + 2L;
        byte c0 = line[0];
        if ((c0 == ' ' || c0 == '\t') && fieldColon >= 0) {
            fieldSoFar += fieldLen;
        }
        if (fieldSoFar > limits.maxFieldBytes()) {
            throw new MessageLimitException("maxFieldBytes", limits.maxFieldBytes());
        }
        if (headerBytes + lineLen + 2 > limits.maxHeaderBytes()) {
            throw new MessageLimitException("maxHeaderBytes", limits.maxHeaderBytes());
        }
    }

    /** Called with LF when a line ends (whatever its original ending was). */
    private void headerNormalised(byte lf) throws MessageFormatException {
        appendLine(CR);
        appendLine(lf);
        headerLine();
    }

    private void headerLine() throws MessageFormatException {
        boolean first = firstLine;
        firstLine = false;
        long number = lineNumber++;
        if (lineLen == 2) { // the blank line
            lineLen = 0;
            flushField();
            inBody = true;
            handler.endOfHeaders();
            return;
        }
        headerBytes += lineLen;
        if (headerBytes > limits.maxHeaderBytes()) {
            throw new MessageLimitException("maxHeaderBytes", limits.maxHeaderBytes());
        }
        byte c0 = line[0];
        if (first && isMboxSeparator(line, lineLen)) {
            lineLen = 0; // mbox "From " separator line
            return;
        }
        if (c0 == ' ' || c0 == '\t') {
            if (fieldColon < 0) {
                throw new MessageFormatException("line " + number + ": folded continuation line before the first header field");
            }
            appendField(line, lineLen);
        } else {
            flushField();
            int colon = -1;
            for (int i = 0; i < lineLen; i++) {
                if (line[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= 0 || !HeaderField.validName(line, colon)) {
                throw new MessageFormatException("line " + number + ": not a header field (no field name and colon): "
                        + preview(line, lineLen));
            }
            fieldColon = colon;
            appendField(line, lineLen);
        }
        lineLen = 0;
    }

    /**
     * The mbox separator {@code "From sender date"} (RFC 4155): "From" and a space, and not a
     * From header field written with obsolete whitespace before the colon ({@code "From : a@b"},
     * RFC 5322 §4.5) — that one is a header field and must not be dropped.
     */
    static boolean isMboxSeparator(byte[] b, int len) {
        if (len < 5 || b[0] != 'F' || b[1] != 'r' || b[2] != 'o' || b[3] != 'm' || b[4] != ' ') {
            return false;
        }
        int i = 5;
        while (i < len && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i >= len || b[i] != ':';
    }

    private static String preview(byte[] b, int len) {
        int n = Math.min(len - 2, 60);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return sb.append(len - 2 > n ? "…" : "").toString();
    }

    private void flushField() throws MessageFormatException {
        if (fieldColon < 0) {
            return;
        }
        if (++fieldCount > limits.maxHeaderFields()) {
            throw new MessageLimitException("maxHeaderFields", limits.maxHeaderFields());
        }
        HeaderField f = new HeaderField(Arrays.copyOf(field, fieldLen), fieldColon);
        fieldLen = 0;
        fieldColon = -1;
        handler.headerField(f);
    }

    private void appendLine(byte b) {
        if (lineLen == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLen++] = b;
    }

    private void appendField(byte[] src, int len) throws MessageFormatException {
        if ((long) fieldLen + len > limits.maxFieldBytes()) {
            throw new MessageLimitException("maxFieldBytes", limits.maxFieldBytes());
        }
        if (fieldLen + len > field.length) {
            field = Arrays.copyOf(field, Math.max(field.length * 2, fieldLen + len));
        }
        System.arraycopy(src, 0, field, fieldLen, len);
        fieldLen += len;
    }

    // ---------------------------------------------------------------- body

    /** Emits body bytes, normalising line endings, with runs of clean bytes passed through uncopied. */
    private void bodyBytes(byte[] buf, int off, int end) {
        int i = off;
        if (pendingCr) {
            pendingCr = false;
            handler.bodyChunk(CRLF, 0, 2);
            if (buf[i] == LF) {
                i++;
            }
        }
        int run = i;
        while (i < end) {
            byte b = buf[i];
            if (b == CR) {
                if (i + 1 < end) {
                    if (buf[i + 1] == LF) {
                        i += 2;
                        continue;
                    }
                    emit(buf, run, i);
                    handler.bodyChunk(CRLF, 0, 2); // bare CR
                    run = ++i;
                } else {
                    emit(buf, run, i);
                    pendingCr = true; // decided by the next chunk
                    run = ++i;
                }
            } else if (b == LF) {
                emit(buf, run, i);
                handler.bodyChunk(CRLF, 0, 2); // bare LF
                run = ++i;
            } else {
                i++;
            }
        }
        emit(buf, run, end);
    }

    private void emit(byte[] buf, int from, int to) {
        if (to > from) {
            handler.bodyChunk(buf, from, to - from);
        }
    }
}
