package org.mailauth4j.core.message;

/**
 * Bounds on what the parser accepts, so hostile input cannot make it allocate without limit.
 *
 * @param maxHeaderBytes total bytes of the header section (all fields, CRLF-normalised)
 * @param maxHeaderFields number of header fields
 * @param maxFieldBytes bytes of any single header field, folding included
 */
public record MessageLimits(long maxHeaderBytes, int maxHeaderFields, int maxFieldBytes) {

    /** 1 MiB of header, 1,000 fields, 256 KiB per field. */
    public static final MessageLimits DEFAULT = new MessageLimits(1 << 20, 1000, 256 * 1024);

    public MessageLimits {
        if (maxHeaderBytes <= 0 || maxHeaderFields <= 0 || maxFieldBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
