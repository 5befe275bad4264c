package org.mailauth4j.spf;

/**
 * An SPF record, domain-spec or macro-string that does not follow the grammar of RFC 7208
 * (§4.6.1, §5, §6, §7.1). During evaluation it becomes a {@link SpfResult#PERMERROR}.
 */
public final class SpfSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    SpfSyntaxException(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    /** Offset in the text where the problem was found, or -1 when unknown. */
    public int offset() {
        return offset;
    }
}
