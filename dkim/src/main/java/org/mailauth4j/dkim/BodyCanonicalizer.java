package org.mailauth4j.dkim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Streaming body canonicalization (RFC 6376 §3.4.3 simple, §3.4.4 relaxed) over CRLF-normalised
 * input in chunks of any size. Output goes to a {@link Sink} in runs taken straight from the input
 * where the input is already canonical, so ordinary text costs one pass and no copying. Only
 * the state needed across chunk boundaries is kept: how many empty lines are pending (they are
 * dropped if nothing follows), whether whitespace is pending, whether the current line has content.
 */
final class BodyCanonicalizer {
    /** Reads 8 body bytes at a time (little-endian: byte k of the word is bits 8k..8k+7). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long LFS = 0x0a0a0a0a0a0a0a0aL;

    /** Receives canonical bytes. */
    interface Sink {
        void write(byte[] b, int off, int len);
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] SP = {' '};
    private static final byte[] CRLFS = new byte[512];

    static {
        for (int i = 0; i < CRLFS.length; i += 2) {
            CRLFS[i] = '\r';
            CRLFS[i + 1] = '\n';
        }
    }

    private final boolean relaxed;
    private final Sink sink;
    /** Runs at least this long skip the buffer. */
    private static final int DIRECT_RUN = 1024;
    private final byte[] buffer = new byte[8192];
    private int buffered;
    private long pendingEmpty;   // empty lines seen but not yet emitted
    private boolean lineHasContent; // relaxed: current line has non-WSP; simple: current line is non-empty
    private boolean pendingWsp;  // relaxed: WSP seen since the last content byte
    private boolean skipLf;      // simple: an empty line's CR ended the previous chunk
    private long written;

    BodyCanonicalizer(Canonicalization c, Sink sink) {
        this.relaxed = c == Canonicalization.RELAXED;
        this.sink = sink;
    }

    /** Number of canonical bytes produced so far. */
    long written() {
        return written;
    }

    void update(byte[] b, int off, int len) {
        if (relaxed) {
            relaxed(b, off, off + len);
        } else {
            simple(b, off, off + len);
        }
    }

    void finish() {
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
        } else if (lineHasContent || written == 0) {
            // a last line without CRLF gets one; an empty body is a single CRLF (§3.4.3)
            emit(CRLF, 0, 2);
        }
        flush();
        pendingEmpty = 0;
        lineHasContent = false;
    }

    /**
     * Passes canonical bytes on. Relaxed output comes in many short runs (every collapsed WSP run
     * or trailing space cuts it), and a digest update per run costs more than the hashing; short
     * runs are therefore gathered in a buffer and handed on together, long runs go straight through.
     */
    private void emit(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        written += len;
        if (len >= DIRECT_RUN) {
            flush();
            sink.write(b, off, len);
            return;
        }
        if (buffered + len > buffer.length) {
            flush();
        }
        System.arraycopy(b, off, buffer, buffered, len);
        buffered += len;
    }

    private void flush() {
        if (buffered > 0) {
            sink.write(buffer, 0, buffered);
            buffered = 0;
        }
    }

    private void emitPendingEmpty() {
        while (pendingEmpty > 0) {
            int n = (int) Math.min(pendingEmpty, CRLFS.length / 2);
            emit(CRLFS, 0, n * 2);
            pendingEmpty -= n;
        }
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
                    emitPendingEmpty(); // run == i: nothing else is pending
                }
                lineHasContent = true;
            }
            i = indexOfLf(b, i, end);
            if (i < end) {
                lineHasContent = false;
                i++;
            }
        }
        emit(b, run, end - run);
    }

    /**
     * §3.4.4: WSP at line ends removed, WSP runs reduced to one SP, empty lines at the end ignored,
     * a CRLF added to a non-empty body that lacks one. Input that is already canonical (single
     * spaces between words, no trailing WSP) is passed on in runs without copying.
     */
    private void relaxed(byte[] b, int i, int end) {
        int run = i; // [run, i) is canonical and not yet emitted
        while (i < end) {
            byte c = b[i];
            if ((c & 0xff) > 0x20 || (c != ' ' && c != '\t' && c != '\r' && c != '\n')) { // content
                if (!lineHasContent) {
                    if (pendingEmpty > 0) {
                        emit(b, run, i - run);
                        emitPendingEmpty();
                        run = i;
                    }
                    lineHasContent = true;
                }
                if (pendingWsp) {
                    emit(b, run, i - run);
                    emit(SP, 0, 1);
                    pendingWsp = false;
                    run = i;
                }
                i = skipCanonical(b, i + 1, end);
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (c == ' ' && lineHasContent && !pendingWsp && i + 1 < end && isContent(b[i + 1])) {
                    i++; // a single SP between words is already canonical
                    continue;
                }
                emit(b, run, i - run);
                pendingWsp = true;
                run = ++i;
                continue;
            }
            if (c == '\r') {
                if (lineHasContent && !pendingWsp && i + 1 < end && b[i + 1] == '\n') {
                    i += 2; // CRLF ending a canonical line
                    lineHasContent = false;
                    continue;
                }
                emit(b, run, i - run);
                run = ++i; // the LF decides
                continue;
            }
            // LF
            emit(b, run, i - run);
            if (lineHasContent) {
                emit(CRLF, 0, 2);
            } else {
                pendingEmpty++;
            }
            lineHasContent = false;
            pendingWsp = false;
            run = ++i;
        }
        emit(b, run, end - run);
    }

    /**
     * Skips text that is already relaxed-canonical, starting just after a content byte: content
     * bytes (above 0x20), a single SP before content, a CRLF before content. Eight bytes at a time
     * where a word holds only content and single spaces between content.
     *
     * @return the index of the first byte that needs the careful path
     */
    static int skipCanonical(byte[] b, int i, int end) {
        while (i < end) {
            while (i + 8 <= end) {
                long w = (long) LONGS.get(b, i);
                long special = lessOrEqual20(w);
                if (special != 0 && (special != zeroBytes(w ^ SPACES) // only spaces are special
                        || (special & (special >>> 8)) != 0 // no two in a row
                        || ((special >>> 56) != 0 // a space last must be followed by content
                            && (i + 8 >= end || (b[i + 8] & 0xff) <= 0x20)))) {
                    break;
                }
                i += 8;
            }
            if (i >= end) {
                break;
            }
            int x = b[i] & 0xff;
            if (x > 0x20) {
                i++;
            } else if (x == ' ' && i + 1 < end && (b[i + 1] & 0xff) > 0x20) {
                i += 2;
            } else if (x == '\r' && i + 2 < end && b[i + 1] == '\n' && (b[i + 2] & 0xff) > 0x20) {
                i += 3;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index of the first LF in {@code b[i, end)}, or {@code end}. */
    static int indexOfLf(byte[] b, int i, int end) {
        while (i + 8 <= end) {
            long z = zeroBytes((long) LONGS.get(b, i) ^ LFS);
            if (z != 0) {
                return i + (Long.numberOfTrailingZeros(z) >>> 3);
            }
            i += 8;
        }
        while (i < end && b[i] != '\n') {
            i++;
        }
        return i;
    }

    /** High bit of each byte set exactly where that byte is zero (no false positives: no carries). */
    static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x) & HIGH;
    }

    /** High bit of each byte set exactly where that byte is at most 0x20 (unsigned). */
    static long lessOrEqual20(long w) {
        return ~(((w & LOW7) + 0x5f5f5f5f5f5f5f5fL) | w) & HIGH;
    }

    private static boolean isContent(byte c) {
        return c != ' ' && c != '\t' && c != '\r' && c != '\n';
    }
}
