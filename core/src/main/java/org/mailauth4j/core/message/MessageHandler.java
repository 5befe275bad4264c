package org.mailauth4j.core.message;

/**
 * Receives a message as {@link MessageParser} recognises it: header fields in order, the end of
 * the header section, then the body in chunks of any size (line endings already normalised to
 * CRLF, unless the handler asked for the raw body with {@link #takesRawBody}). Arrays passed to
 * {@link #bodyChunk} belong to the caller and are only valid during the call. How the input was
 * chunked never changes the sequence of bytes a handler sees.
 */
public interface MessageHandler {

    /** One complete header field, exact bytes kept. */
    default void headerField(HeaderField field) {
    }

    /** The blank line after the header section was seen, or the input ended within the header. */
    default void endOfHeaders() {
    }

    /**
     * Body bytes, CRLF-normalised (as received if {@link #takesRawBody} said so); the slice must not
     * be kept or modified.
     */
    default void bodyChunk(byte[] buf, int off, int len) {
    }

    /**
     * Asked once by {@link MessageParser}, right after {@link #endOfHeaders()}: whether this
     * handler takes the body exactly as it arrives, bare CR and bare LF not yet turned into CRLF,
     * because it treats every CRLF, bare CR and bare LF as one line break itself. Returning true
     * saves the parser a pass over the body; the handler then gets {@link #bodyChunk} calls with
     * the raw bytes. Default false: CRLF-normalised bytes.
     */
    default boolean takesRawBody() {
        return false;
    }

    /** The input is complete. */
    default void endOfMessage() {
    }
}
