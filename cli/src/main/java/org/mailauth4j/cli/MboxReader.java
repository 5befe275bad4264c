package org.mailauth4j.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits an mbox file into messages as it streams (never holding a whole message): a message
 * starts at a {@code "From "} line at the start of the file or after an empty line; that empty
 * line belongs to the mbox format and is dropped; {@code >From } lines are unescaped by removing
 * one {@code >} (mboxrd). Lines longer than the buffer are passed through in pieces.
 */
final class MboxReader {
    /** Receives the messages. */
    interface Handler {
        /** A new message starts; {@code index} counts from 1. */
        void start(int index) throws IOException;

        /** Message bytes (the {@code "From "} separator line excluded). */
        void data(byte[] buf, int off, int len) throws IOException;

        /** The message ended. */
        void end() throws IOException;
    }

    private static final int MAX_LINE = 64 * 1024;

    private MboxReader() {
    }

    static void read(InputStream in, Handler h) throws IOException {
        byte[] buf = new byte[64 * 1024];
        byte[] line = new byte[MAX_LINE];
        int lineLen = 0;
        boolean atLineStart = true;
        boolean previousBlank = true; // start of file counts as "after an empty line"
        boolean pendingBlank = false; // an empty line not yet emitted: it may precede a separator
        byte[] pendingBlankBytes = new byte[2];
        int pendingBlankLen = 0;
        int index = 0;
        boolean inMessage = false;
        int n;
        while (true) {
            n = in.read(buf);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                line[lineLen++] = b;
                if (b != '\n' && lineLen < MAX_LINE) {
                    continue;
                }
                boolean complete = b == '\n';
                if (atLineStart) {
                    if (previousBlank && startsWith(line, lineLen, "From ")) {
                        if (inMessage) {
                            h.end();
                        }
                        pendingBlank = false;
                        inMessage = true;
                        h.start(++index);
                        lineLen = 0;
                        previousBlank = false;
                        atLineStart = complete;
                        continue;
                    }
                    if (pendingBlank) {
                        h.data(pendingBlankBytes, 0, pendingBlankLen);
                        pendingBlank = false;
                    }
                    boolean blank = complete && (lineLen == 1 || (lineLen == 2 && line[0] == '\r'));
                    if (blank) {
                        if (!inMessage) {
                            h.start(++index);
                            inMessage = true;
                        }
                        pendingBlank = true;
                        pendingBlankLen = lineLen;
                        System.arraycopy(line, 0, pendingBlankBytes, 0, lineLen);
                        lineLen = 0;
                        previousBlank = true;
                        continue;
                    }
                    if (!inMessage) {
                        h.start(++index);
                        inMessage = true;
                    }
                    int skip = escapedFrom(line, lineLen) ? 1 : 0;
                    h.data(line, skip, lineLen - skip);
                } else {
                    h.data(line, 0, lineLen);
                }
                previousBlank = false;
                atLineStart = complete;
                lineLen = 0;
            }
        }
        if (lineLen > 0) {
            if (pendingBlank) {
                h.data(pendingBlankBytes, 0, pendingBlankLen);
                pendingBlank = false;
            }
            if (!inMessage) {
                h.start(++index);
                inMessage = true;
            }
            int skip = atLineStart && escapedFrom(line, lineLen) ? 1 : 0;
            h.data(line, skip, lineLen - skip);
        }
        if (inMessage) {
            h.end();
        }
    }

    private static boolean startsWith(byte[] b, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code >From }, {@code >>From } ...: mboxrd escaping of a body line. */
    private static boolean escapedFrom(byte[] b, int len) {
        int i = 0;
        while (i < len && b[i] == '>') {
            i++;
        }
        return i > 0 && len - i >= 5 && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o' && b[i + 3] == 'm' && b[i + 4] == ' ';
    }
}
