package org.mailauth4j.core.message;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Incremental RFC 5322 message parser. Feed it chunks of any size with {@link #feed}; it calls
 * the {@link MessageHandler} as header fields, the end of the header section and body bytes
 * become known, then {@link #finish} ends the message.
 *
 * <p>Line endings: CRLF, bare LF and bare CR are all normalised to CRLF (RFC 5322 §2.1 allows
 * only CRLF; archived {@code .eml} files usually use LF) — in the body only for handlers that do not
 * do it themselves ({@link MessageHandler#takesRawBody}). A leading mbox {@code "From "} line is
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
 *
 * <p>Speed: line breaks are found a word (eight bytes) at a time. Header line segments are
 * copied in bulk and the bounds checked once per segment, with the same outcome as a check after
 * every byte ({@link #nextLineBreak}). In the body only bare CRs and LFs interrupt a run, found
 * without stopping at each CRLF ({@link #nextBareLineBreak}); runs reach the handler uncopied.
 */
public final class MessageParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CRLF = {CR, LF};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long CRS = 0x0d0d0d0d0d0d0d0dL;
    private static final long LFS = 0x0a0a0a0a0a0a0a0aL;
    private static final long COLONS = 0x3a3a3a3a3a3a3a3aL;

    private final MessageLimits limits;
    private final MessageHandler handler;

    private boolean inBody;
    private boolean finished;
    /** Set when a {@link MessageFormatException} was thrown; the parser is then unusable. */
    private boolean failed;
    private boolean pendingCr;
    /** The handler normalises the body's line endings itself ({@link MessageHandler#takesRawBody}). */
    private boolean rawBody;
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
                i = headerSegment(buf, i, end);
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
            rawBody = handler.takesRawBody();
        }
    }

    // ---------------------------------------------------------------- header section

    /**
     * Reads header bytes from {@code buf[i..end)} up to and including the next line break (or to
     * {@code end}) and returns where it stopped. A CR that ends the chunk is left pending: the
     * next byte decides whether it was CRLF or a bare CR (either way the line ends there).
     */
    private int headerSegment(byte[] buf, int i, int end) throws MessageFormatException {
        if (pendingCr) {
            pendingCr = false;
            headerNormalised(LF); // CR LF or bare CR: either way the line ends here
            return buf[i] == LF ? i + 1 : i; // any other byte is read again, as header or body
        }
        int stop = nextLineBreak(buf, i, end);
        if (stop > i) {
            appendLineSegment(buf, i, stop - i);
        }
        if (stop == end) {
            return end;
        }
        if (buf[stop] == LF) {
            headerNormalised(LF);
            return stop + 1;
        }
        if (stop + 1 == end) {
            pendingCr = true; // decided by the next chunk or by finish()
            return end;
        }
        headerNormalised(LF);
        return buf[stop + 1] == LF ? stop + 2 : stop + 1;
    }

    /**
     * Appends {@code n} bytes without CR or LF to the line being read, checking the bounds first
     * so a hostile endless line fails as soon as it passes a bound instead of being buffered: the
     * field the line belongs to (its own bytes plus the CRLF still to come, plus the field it
     * continues when it starts with WSP) must fit {@code maxFieldBytes}, and the header section so
     * far must fit {@code maxHeaderBytes}.
     *
     * <p>The outcome is the one of a check after every byte: when the segment passes a bound, the
     * error names the bound passed at the earliest byte of the segment ({@code maxFieldBytes} if
     * both are passed at the same byte).
     */
    private void appendLineSegment(byte[] src, int from, int n) throws MessageLimitException {
        long lineAfter = (long) lineLen + n;
        byte c0 = lineLen > 0 ? line[0] : src[from];
        long fieldAfter = lineAfter + 2;
        if ((c0 == ' ' || c0 == '\t') && fieldColon >= 0) {
            fieldAfter += fieldLen;
        }
        long fieldExcess = fieldAfter - limits.maxFieldBytes();
        long headerExcess = headerBytes + lineAfter + 2 - limits.maxHeaderBytes();
        if (fieldExcess > 0 || headerExcess > 0) {
            // Appending byte k (1..n) of the segment makes the excess (excess - n + k): the first
            // byte passing a bound is k = n - excess + 1, or the first byte if already past it.
            long fieldByte = fieldExcess > 0 ? Math.max(1, n - fieldExcess + 1) : Long.MAX_VALUE;
            long headerByte = headerExcess > 0 ? Math.max(1, n - headerExcess + 1) : Long.MAX_VALUE;
            if (fieldByte <= headerByte) {
                throw new MessageLimitException("maxFieldBytes", limits.maxFieldBytes());
            }
            throw new MessageLimitException("maxHeaderBytes", limits.maxHeaderBytes());
        }
        ensureLineCapacity((int) lineAfter);
        System.arraycopy(src, from, line, lineLen, n);
        lineLen = (int) lineAfter;
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
            rawBody = handler.takesRawBody();
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
            int colon = plainNameColon(line, lineLen);
            if (colon < 0) { // not the common "Name:" form: decide byte by byte
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
            }
            fieldColon = colon;
            appendField(line, lineLen);
        }
        lineLen = 0;
    }

    /**
     * Fast path for the usual field line: the index of the first ':' if it is preceded only by
     * printable US-ASCII other than ':' (0x21-0x7E, RFC 5322 §3.6.8 ftext) and is not at index 0,
     * found eight bytes at a time; otherwise -1 and the caller decides byte by byte (whitespace
     * before the colon, invalid names, no colon). A returned index is always a valid name's colon.
     */
    static int plainNameColon(byte[] b, int len) {
        for (int i = 0; i + 8 <= len; i += 8) {
            long w = (long) LONGS.get(b, i);
            long colons = ~((((w ^ COLONS) & LOW7) + LOW7) | (w ^ COLONS)) & HIGH; // bytes equal to ':'
            // Bytes outside 0x21-0x7E: below 0x21 ((x & 0x7f) + 0x5f stays below 0x80), 0x7F
            // ((x & 0x7f) + 1 reaches 0x80) or 0x80-0xFF (high bit of w).
            long outside = (~(((w & LOW7) + 0x5f5f5f5f5f5f5f5fL) | w) | ((w & LOW7) + 0x0101010101010101L) | w) & HIGH;
            if (colons != 0) {
                long before = (colons & -colons) - 1; // the bytes below the first colon
                int colon = i + (Long.numberOfTrailingZeros(colons) >>> 3);
                return (outside & before) == 0 && colon > 0 ? colon : -1;
            }
            if (outside != 0) {
                return -1;
            }
        }
        return -1;
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
        ensureLineCapacity(lineLen + 1);
        line[lineLen++] = b;
    }

    /**
     * Grows the line buffer to hold {@code needed} bytes, doubling but not past what a line may
     * take under the bounds (its bytes and CRLF within {@code maxFieldBytes} and within what is
     * left of {@code maxHeaderBytes}), so a hostile line never makes it larger than a bound.
     */
    private void ensureLineCapacity(int needed) {
        if (needed <= line.length) {
            return;
        }
        long allowed = Math.min(limits.maxFieldBytes(), limits.maxHeaderBytes() - headerBytes);
        long grown = Math.min(2L * line.length, allowed);
        line = Arrays.copyOf(line, (int) Math.max(needed, grown));
    }

    private void appendField(byte[] src, int len) throws MessageFormatException {
        if ((long) fieldLen + len > limits.maxFieldBytes()) {
            throw new MessageLimitException("maxFieldBytes", limits.maxFieldBytes());
        }
        if (fieldLen + len > field.length) {
            // Doubling, but not past maxFieldBytes (which fieldLen + len is within).
            long grown = Math.min(2L * field.length, limits.maxFieldBytes());
            field = Arrays.copyOf(field, (int) Math.max(fieldLen + len, grown));
        }
        System.arraycopy(src, 0, field, fieldLen, len);
        fieldLen += len;
    }

    // ---------------------------------------------------------------- body

    /**
     * Emits body bytes, normalising line endings, with runs of clean bytes passed through uncopied:
     * a run goes on over every CRLF and stops only at a bare CR or bare LF ({@link #nextBareLineBreak}),
     * so CRLF text reaches the handler in one call per chunk.
     */
    private void bodyBytes(byte[] buf, int off, int end) {
        if (rawBody) {
            emit(buf, off, end);
            return;
        }
        int i = off;
        if (pendingCr) {
            pendingCr = false;
            handler.bodyChunk(CRLF, 0, 2);
            if (buf[i] == LF) {
                i++;
            }
        }
        int run = i;
        while ((i = nextBareLineBreak(buf, i, end)) < end) {
            emit(buf, run, i);
            if (buf[i] == CR && i + 1 == end) {
                pendingCr = true; // decided by the next chunk
            } else {
                handler.bodyChunk(CRLF, 0, 2); // bare CR or bare LF
            }
            run = ++i;
        }
        emit(buf, run, end);
    }

    private void emit(byte[] buf, int from, int to) {
        if (to > from) {
            handler.bodyChunk(buf, from, to - from);
        }
    }

    // ---------------------------------------------------------------- line break scans

    /**
     * Index of the first CR or LF in {@code b[from..end)}, or {@code end}. Eight bytes at a time:
     * {@link #below0E} flags the bytes below 0x0E (CR is 0x0D, LF 0x0A) exactly, so a word without
     * a flag is skipped whole; a flagged byte is then checked for CR or LF (TAB, NUL and the other
     * low control bytes are flagged but are not line breaks).
     */
    static int nextLineBreak(byte[] b, int from, int end) {
        int i = from;
        for (; i + 16 <= end; i += 16) { // two words per branch while neither has a flag
            if ((below0E((long) LONGS.get(b, i)) | below0E((long) LONGS.get(b, i + 8))) != 0) {
                break;
            }
        }
        for (; i + 8 <= end; i += 8) {
            long flags = below0E((long) LONGS.get(b, i));
            while (flags != 0) {
                int k = i + (Long.numberOfTrailingZeros(flags) >>> 3);
                byte c = b[k];
                if (c == CR || c == LF) {
                    return k;
                }
                flags &= flags - 1;
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == CR || c == LF) {
                return i;
            }
        }
        return end;
    }

    /**
     * Index of the first line break in {@code b[from..end)} that is not a CRLF within the range, or
     * {@code end}: a CR not followed by LF (a CR in the last byte counts, the next chunk decides
     * it), or an LF not preceded by CR (an LF at {@code from} counts: the caller never starts a
     * scan between the CR and LF of a pair).
     *
     * <p>Body text is mostly CRLF lines, so stopping at every line break would cost a mispredicted
     * branch per line. Instead each word is tested whole: with {@code cr} flagging the CRs of the
     * bytes {@code i..i+7} and {@code lf} the LFs of the bytes {@code i+1..i+8}, {@code cr ^ lf} is
     * zero exactly when every CR there is followed by LF and every LF preceded by CR
     * ({@link #crsAgainstNextLfs}). Thirty-two bytes are tested per branch.
     */
    static int nextBareLineBreak(byte[] b, int from, int end) {
        int i = from;
        if (i < end && b[i] == LF) {
            return i;
        }
        for (; i + 33 <= end; i += 32) {
            long bad = crsAgainstNextLfs(b, i) | crsAgainstNextLfs(b, i + 8)
                    | crsAgainstNextLfs(b, i + 16) | crsAgainstNextLfs(b, i + 24);
            if ((bad & HIGH) != 0) {
                break;
            }
        }
        for (; i + 9 <= end; i += 8) {
            long bad = crsAgainstNextLfs(b, i) & HIGH;
            if (bad != 0) {
                int k = i + (Long.numberOfTrailingZeros(bad) >>> 3);
                return b[k] == CR ? k : k + 1; // a CR without its LF, or an LF (at k + 1) without its CR
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == CR ? i + 1 == end || b[i + 1] != LF : c == LF && (i == from || b[i - 1] != CR)) {
                return i; // (an LF after a CR in range: that CR was not returned, so it is the pair's)
            }
        }
        return end;
    }

    /**
     * For the bytes {@code b[i..i+8]}: the high bit of byte j (0..7) is set exactly when byte
     * {@code i+j} is CR and byte {@code i+j+1} is not LF, or the other way round. Each side is
     * the zero-byte test of {@code x = word ^ 0x0D0D..} (or {@code ^ 0x0A0A..}): the high bit of
     * {@code ((x & 0x7f..) + 0x7f..) | x} is clear exactly where x is zero (no carry crosses a
     * byte: at most 0x7f + 0x7f); XOR-ing the two sides leaves the bytes where exactly one is.
     */
    static long crsAgainstNextLfs(byte[] b, int i) {
        long x = (long) LONGS.get(b, i) ^ CRS;
        long y = (long) LONGS.get(b, i + 1) ^ LFS;
        return (((x & LOW7) + LOW7) | x) ^ (((y & LOW7) + LOW7) | y);
    }

    /**
     * High bit of each byte of {@code w} set exactly where that byte is below 0x0E (unsigned).
     * For a byte x below 0x80, {@code (x & 0x7f) + 0x72} reaches 0x80 exactly when x is at least
     * 0x0E and never exceeds 0xF1, so no carry spills into the next byte; OR-ing {@code w} sets the
     * high bit for the bytes 0x80-0xFF. The high bits still clear are the bytes below 0x0E.
     */
    static long below0E(long w) {
        return ~(((w & LOW7) + 0x7272727272727272L) | w) & HIGH;
    }
}
