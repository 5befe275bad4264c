package org.mailauth4j.core.message;

/**
 * Receives a message as {@link MessageParser} recognises it: header fields in order, the end of
 * the header section, then the body in chunks of any size (line endings already normalised to
 * CRLF). Arrays passed to {@link #bodyChunk} belong to the caller and are only valid during the
 * call. How the input was chunked never changes the sequence of bytes a handler sees.
 */
public interface MessageHandler {

    /** One complete header field, exact bytes kept. */
    default void headerField(HeaderField field) {
    }

    /** The blank line after the header section was seen, or the input ended within the header. */
    default void endOfHeaders() {
    }

    /** Body bytes, CRLF-normalised; the slice must not be kept or modified. */
    default void bodyChunk(byte[] buf, int off, int len) {
    }

    /** The input is complete. */
    default void endOfMessage() {
    }
}
