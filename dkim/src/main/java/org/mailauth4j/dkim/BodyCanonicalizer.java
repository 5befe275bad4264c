package org.mailauth4j.dkim;

/**
 * Streaming body canonicalization (RFC 6376 §3.4.3 simple, §3.4.4 relaxed) over CRLF-normalised
 * input in chunks of any size. Output goes to a {@link Sink} in runs taken straight from the input
 * where the input is already canonical, so ordinary text costs one pass and no copying. Only
 * the state needed across chunk boundaries is kept: how many empty lines are pending (they are
 * dropped if nothing follows), whether whitespace is pending, whether the current line has content.
 */
final class BodyCanonicalizer {

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
                emit(CRLF, 0, 2);
            }
        } else if (lineHasContent || written == 0) {
            // a last line without CRLF gets one; an empty body is a single CRLF (§3.4.3)
            emit(CRLF, 0, 2);
        }
        pendingEmpty = 0;
        lineHasContent = false;
    }

    private void emit(byte[] b, int off, int len) {
        if (len > 0) {
            written += len;
            sink.write(b, off, len);
        }
    }

    private void emitPendingEmpty() {
        while (pendingEmpty > 0) {
            int n = (int) Math.min(pendingEmpty, CRLFS.length / 2);
            emit(CRLFS, 0, n * 2);
            pendingEmpty -= n;
        }
    }

    /** §3.4.3: unchanged, except that empty lines at the end are ignored. */
    private void simple(byte[] b, int i, int end) {
        while (i < end) {
            if (skipLf) {
                skipLf = false;
                if (b[i] == '\n') {
                    i++;
                    continue;
                }
            }
            if (!lineHasContent) {
                byte c = b[i];
                if (c == '\r') {
                    pendingEmpty++;
                    if (i + 1 < end) {
                        i += b[i + 1] == '\n' ? 2 : 1;
                    } else {
                        skipLf = true;
                        i++;
                    }
                    continue;
                }
                if (c == '\n') {
                    pendingEmpty++;
                    i++;
                    continue;
                }
                emitPendingEmpty();
                lineHasContent = true;
            }
            int j = i;
            while (j < end && b[j] != '\n') {
                j++;
            }
            if (j < end) {
                emit(b, i, j + 1 - i);
                lineHasContent = false;
                i = j + 1;
            } else {
                emit(b, i, end - i);
                i = end;
            }
        }
    }

    /**
     * §3.4.4: WSP at line ends removed, WSP runs reduced to one SP, empty lines at the end ignored,
     * a CRLF added to a non-empty body that lacks one.
     */
    private void relaxed(byte[] b, int i, int end) {
        int run = i; // [run, i) is canonical and not yet emitted
        while (i < end) {
            byte c = b[i];
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
            if (c == '\n') {
                emit(b, run, i - run);
                if (lineHasContent) {
                    emit(CRLF, 0, 2);
                } else {
                    pendingEmpty++;
                }
                lineHasContent = false;
                pendingWsp = false;
                run = ++i;
                continue;
            }
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
            i++;
        }
        emit(b, run, end - run);
    }

    private static boolean isContent(byte c) {
        return c != ' ' && c != '\t' && c != '\r' && c != '\n';
    }
}
