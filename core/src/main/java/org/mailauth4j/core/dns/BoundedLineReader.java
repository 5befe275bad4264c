package org.mailauth4j.core.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of strict UTF-8 text, refusing any line longer than a limit before it is held in
 * memory; errors are {@link DnsDataException}s naming the source and line. A leading byte order
 * mark is skipped; lines end at LF, CRLF or end of input.
 */
final class BoundedLineReader implements AutoCloseable {
    private final Reader in;
    private final String source;
    private final int maxLine;
    private final StringBuilder sb = new StringBuilder();
    private int lineNumber;
    private boolean first = true;

    BoundedLineReader(InputStream in, String source, int maxLine) {
        this(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), source, maxLine);
    }

    BoundedLineReader(Reader in, String source, int maxLine) {
        this.in = in;
        this.source = source;
        this.maxLine = maxLine;
    }

    /** The next line without its terminator, or {@code null} at the end of the input. */
    String next() throws IOException {
        sb.setLength(0);
        int c;
        boolean any = false;
        while (true) {
            try {
                c = in.read();
            } catch (CharacterCodingException e) {
                throw new DnsDataException(source, lineNumber + 1, "not valid UTF-8");
            }
            if (c < 0) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            if (first) {
                first = false;
                if (c == 0xFEFF) {
                    continue;
                }
            }
            if (c == '\n') {
                break;
            }
            if (sb.length() >= maxLine) {
                throw new DnsDataException(source, lineNumber + 1, "line longer than " + maxLine + " characters");
            }
            sb.append((char) c);
        }
        lineNumber++;
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
        }
        return sb.toString();
    }

    /** The number of the line last returned (1-based). */
    int lineNumber() {
        return lineNumber;
    }

    String source() {
        return source;
    }

    DnsDataException error(String problem) {
        return new DnsDataException(source, lineNumber, problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
