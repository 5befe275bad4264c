package org.mailauth4j.core.dns;

import java.io.IOException;

/**
 * A zone file, DNS snapshot or TXT-lines file that cannot be read: the message names the file
 * (or other source), the line and the problem.
 */
public final class DnsDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    DnsDataException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    DnsDataException(String source, int line, String problem, Throwable cause) {
        this(source, line, problem);
        initCause(cause);
    }

    /** The file name or other description of the input. */
    public String source() {
        return source;
    }

    /** The 1-based line number of the problem, or 0 when it concerns the whole input. */
    public int line() {
        return line;
    }
}
