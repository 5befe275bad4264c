package org.mailauth4j.core.message;

/**
 * Bounds on what the parser accepts, so hostile input cannot make it allocate without limit.
 *
 * <p>Every bound counts CRLF-normalised bytes and is checked as the input arrives, so a hostile
 * input fails as soon as it passes one, with a {@link MessageLimitException} naming it.
 *
 * @param maxHeaderBytes total bytes of the header section: every field's raw bytes including
 *     its CRLF, plus a dropped mbox {@code From } line; the blank separator line is not counted
 * @param maxHeaderFields number of header fields
 * @param maxFieldBytes bytes of any single header field, folding and final CRLF included (the
 *     length of {@link HeaderField#raw()})
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
