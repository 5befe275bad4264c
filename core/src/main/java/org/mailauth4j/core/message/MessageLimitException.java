package org.mailauth4j.core.message;

/** A {@link MessageLimits} bound was exceeded; {@link #limit()} names it. */
public final class MessageLimitException extends MessageFormatException {
    private static final long serialVersionUID = 1L;
    private final String limit;

    public MessageLimitException(String limit, long value) {
        super("message exceeds the limit " + limit + " = " + value);
        this.limit = limit;
    }

    /** The name of the limit: {@code maxHeaderBytes}, {@code maxHeaderFields} or {@code maxFieldBytes}. */
    public String limit() {
        return limit;
    }
}
