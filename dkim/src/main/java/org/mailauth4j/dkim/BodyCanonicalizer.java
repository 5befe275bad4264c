package org.mailauth4j.dkim;

/**
 * Streaming body canonicalization (RFC 6376 §3.4.3 simple, §3.4.4 relaxed) over CRLF-normalised
 * input in chunks of any size. Only the state needed across chunk boundaries is kept: how many
 * empty lines are pending (they are dropped if nothing follows), whether whitespace is pending,
 * whether the current line has content.
 *
 * <p>Output reaches the {@link Sink} in large pieces, because a digest update costs far more per
 * call than per byte: simple canonicalization passes long runs of the input straight through;
 * relaxed canonicalization writes into an 8 KB staging buffer (reused from message to message on a
 * thread), eight bytes at a time where the input is already canonical.
 */
final class BodyCanonicalizer {
    /** Simple canonicalization: runs at least this long go to the sink without the buffer. */
    private static final int DIRECT_RUN = 1024;
    /** Room kept free at the end of the buffer, so the relaxed loop checks for space once per step. */
    private static final int SLACK = 16;

    /** Receives canonical bytes. */
    interface Sink {
        void write(byte[] b, int off, int len);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SP = {' '};
    private static final int BUFFER_SIZE = 8192;

    /**
     * One spare staging buffer per thread: a verifier that checks message after message on a
     * thread reuses it instead of allocating and zeroing 8 KB per message. A canonicalizer takes
     * the spare when it is created (or allocates its own if another one on the thread holds it)
     * and leaves its buffer as the spare of whichever thread {@linkplain #finish finishes} it; one
     * that is never finished keeps its buffer until it is collected. Only bytes written for the
     * current message are ever read, so nothing carries over from the previous one.
     */
    private static final ThreadLocal<byte[][]> SPARE = ThreadLocal.withInitial(() -> new byte[1][]);

    private final boolean relaxed;
    private final Sink sink;
    private byte[] buffer;      // null once finished (it is then another canonicalizer's spare)
    private int buffered;
    private long drained;        // bytes handed to the sink so far
    private long pendingEmpty;   // empty lines seen but not yet emitted
    private boolean lineHasContent; // relaxed: current line has non-WSP; simple: current line is non-empty
    private boolean pendingWsp;  // relaxed: WSP seen since the last content byte
    private boolean skipLf;      // simple: an empty line's CR ended the previous chunk
    /** Relaxed only: the input is raw, so a bare CR or bare LF is a line break too (see {@link #takeRawInput}). */
    private boolean raw;
    private boolean afterCr;     // raw: the last byte was a CR that ended a line; an LF now belongs to it

    BodyCanonicalizer(Canonicalization c, Sink sink) {
        this.relaxed = c == Canonicalization.RELAXED;
        this.sink = sink;
        byte[][] spare = SPARE.get();
        if (spare[0] != null) {
            buffer = spare[0];
            spare[0] = null;
        } else {
            buffer = new byte[BUFFER_SIZE];
        }
    }

    /**
     * Switches relaxed canonicalization to raw input, before the first byte: every CRLF, bare CR
     * and bare LF ends a line, which is what canonicalizing the CRLF-normalised body gives
     * (RFC 5322 §2.3 allows only CRLF; the parser turns bare CR and LF into CRLF). Simple
     * canonicalization copies line endings, so it cannot take raw input.
     */
    void takeRawInput() {
        if (!relaxed) {
            throw new IllegalStateException("only relaxed canonicalization normalises line endings itself");
        }
        raw = true;
    }

    /** Number of canonical bytes produced so far. */
    long written() {
        return drained + buffered;
    }

    void update(byte[] b, int off, int len) {
        if (buffer == null) {
            throw new IllegalStateException("body already finished");
        }
        if (relaxed) {
            relaxed(b, off, off + len);
        } else {
            simple(b, off, off + len);
        }
    }

    /** Completes the output (the steps that need the end of the body) and drains it. Idempotent. */
    void finish() {
        if (buffer == null) {
            return;
        }
        if (relaxed) {
            if (lineHasContent) {
                // §3.4.4 step (a) ignores WSP at the end of lines (CRLF-terminated); a last line
                // without CRLF is only completed by step (c), so its trailing WSP run stays one SP
                // (as dkimpy, mailauth and Apache jDKIM canonicalize it)
                if (pendingWsp) {
                    emit(SP, 0, 1);
                }
                emit(CRLF, 0, 2);
            }
        } else if (lineHasContent || written() == 0) {
            // a last line without CRLF gets one; an empty body is a single CRLF (§3.4.3)
            emit(CRLF, 0, 2);
        }
        buffered = drain(buffered);
        pendingEmpty = 0;
        lineHasContent = false;
        pendingWsp = false;
        SPARE.get()[0] = buffer;
        buffer = null;
    }

    /** Passes {@code b[off, off+len)} on: long runs directly, short ones through the buffer. */
    private void emit(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (len >= DIRECT_RUN) {
            buffered = drain(buffered);
            sink.write(b, off, len);
            drained += len;
            return;
        }
        if (buffered + len > buffer.length) {
            buffered = drain(buffered);
        }
        System.arraycopy(b, off, buffer, buffered, len);
        buffered += len;
    }

    /** Hands the first {@code n} buffered bytes to the sink; returns the new fill (0). */
    private int drain(int n) {
        if (n > 0) {
            sink.write(buffer, 0, n);
            drained += n;
        }
        return 0;
    }

    /** Writes the pending empty lines into the buffer (draining as it fills); returns the new fill. */
    private int writeEmptyLines(int o) {
        while (pendingEmpty > 0) {
            if (o > buffer.length - SLACK) {
                o = drain(o);
            }
            buffer[o++] = '\r';
            buffer[o++] = '\n';
            pendingEmpty--;
        }
        return o;
    }

    /**
     * §3.4.3: unchanged, except that empty lines at the end are ignored. Content is passed on in
     * runs as long as possible; only empty lines are held back (emitted once content follows).
     */
    private void simple(byte[] b, int i, int end) {
        int run = i; // [run, i) is output not yet emitted
        while (i < end) {
            if (skipLf) {
                skipLf = false;
                if (b[i] == '\n') {
                    run = ++i;
                    continue;
                }
            }
            if (!lineHasContent) {
                byte c = b[i];
                if (c == '\r' || c == '\n') { // an empty line: hold it back
                    emit(b, run, i - run);
                    pendingEmpty++;
                    if (c == '\n') {
                        i++;
                    } else if (i + 1 < end) {
                        i += b[i + 1] == '\n' ? 2 : 1;
                    } else {
                        skipLf = true;
                        i++;
                    }
                    run = i;
                    continue;
                }
                if (pendingEmpty > 0) {
                    buffered = writeEmptyLines(buffered); // run == i: nothing else is pending
                }
                lineHasContent = true;
            }
            i = ByteWords.indexOf(b, i, end, (byte) '\n');
            if (i < end) {
                lineHasContent = false;
                i++;
            }
        }
        emit(b, run, end - run);
    }

    /**
     * §3.4.4: WSP at line ends removed, WSP runs reduced to one SP, empty lines at the end ignored,
     * a CRLF added to a non-empty body that lacks one (in {@link #finish}).
     *
     * <p>Output is written straight into the buffer. After a content byte (the line has content, no
     * WSP pending) the inner loop copies eight bytes at a time while every byte is canonical as it
     * stands, which is the case unless a byte is below 0x20 (CR, LF, TAB, other controls) or a byte
     * of at most 0x20 is followed by another (two spaces, a space before a line end). A WSP run
     * followed by content becomes one SP and a CRLF followed by content is copied without leaving
     * the loop; everything else goes through the byte-by-byte rules of the outer loop.
     */
    private void relaxed(byte[] b, int i, int end) {
        byte[] out = buffer;
        int limit = out.length - SLACK;
        int o = buffered;
        while (i < end) {
            if (o > limit) {
                o = drain(o);
            }
            byte c = b[i];
            if (afterCr) {
                afterCr = false;
                if (c == '\n') {
                    i++; // the LF of a CRLF whose CR ended the line
                    continue;
                }
            }
            if (c == ' ' || c == '\t') {
                pendingWsp = true;
                i++;
                continue;
            }
            if (c == '\r' && !raw) {
                i++; // the LF ends the line (the input is CRLF-normalised)
                continue;
            }
            if (c == '\n' || c == '\r') {
                afterCr = c == '\r';
                if (lineHasContent) {
                    out[o++] = '\r';
                    out[o++] = '\n';
                } else {
                    pendingEmpty++; // empty or WSP only: an empty line
                }
                lineHasContent = false;
                pendingWsp = false;
                i++;
                continue;
            }
            // content
            if (!lineHasContent) {
                if (pendingEmpty > 0) {
                    o = writeEmptyLines(o);
                }
                lineHasContent = true;
            }
            if (pendingWsp) {
                out[o++] = ' ';
                pendingWsp = false;
            }
            out[o++] = c;
            i++;
            while (true) {
                // i + 16 <= end (this word and the next are readable) and o <= limit, while i <= stop
                int stop = Math.min(end - 16, i + (limit - o));
                if (i > stop) {
                    break;
                }
                long w = ByteWords.get(b, i);
                long low = ByteWords.lessOrEqual20(w);
                long trouble;
                while (true) {
                    long next = ByteWords.get(b, i + 8);
                    long nextLow = ByteWords.lessOrEqual20(next);
                    trouble = ByteWords.relaxedTrouble(w, low, nextLow);
                    ByteWords.put(out, o, w);
                    if (trouble != 0 || i + 8 > stop) {
                        break;
                    }
                    i += 8;
                    o += 8;
                    w = next;
                    low = nextLow;
                }
                if (trouble == 0) { // this word is clean, and the next would pass stop: the outer loop goes on
                    i += 8;
                    o += 8;
                    break;
                }
                int k = Long.numberOfTrailingZeros(trouble) >>> 3;
                i += k;
                o += k; // the k bytes before the trouble are copied
                c = b[i];
                if (c == ' ' || c == '\t') {
                    int j = i + 1;
                    while (j < end && (b[j] == ' ' || b[j] == '\t')) {
                        j++;
                    }
                    if (j < end && (b[j] & 0xff) > 0x20) {
                        out[o++] = ' '; // a WSP run between words
                        i = j;
                        continue;
                    }
                    if (j + 2 < end && b[j] == '\r' && b[j + 1] == '\n' && (b[j + 2] & 0xff) > 0x20) {
                        out[o++] = '\r'; // trailing WSP dropped; the next line starts with content
                        out[o++] = '\n';
                        i = j + 2;
                        continue;
                    }
                    pendingWsp = true;
                    i = j;
                    break;
                }
                if (c == '\r' && i + 2 < end && b[i + 1] == '\n' && (b[i + 2] & 0xff) > 0x20) {
                    out[o++] = '\r'; // a line with content ends, the next starts with content
                    out[o++] = '\n';
                    i += 2;
                    continue;
                }
                break;
            }
        }
        buffered = o;
    }
}
