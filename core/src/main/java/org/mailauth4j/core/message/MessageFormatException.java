package org.mailauth4j.core.message;

/** The input is not a message this library can process; the message names the problem. */
public class MessageFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public MessageFormatException(String message) {
        super(message);
    }
}
