package org.mailauth4j.cli;

import java.net.InetAddress;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.message.MessageParser;

/**
 * The SMTP client's address of an archived message, as the receiving host recorded it (RFC 5321
 * §4.4; RFC 5322 §3.6.7): the TCP-info address ({@link ReceivedFrom}) of the top-most {@code
 * Received} field that has a {@code from} clause. Fields without a {@code from} clause (e.g.
 * {@code by host (Postfix, from userid 0)}) and fields whose address is a loopback address (a
 * content filter on the receiving host, never the client) are passed over; nothing else is. When
 * that field gives no usable address, {@link #ip()} is {@code null}: the fields below it were
 * written by other hosts, or forged by the sender, and are never consulted.
 *
 * <p>Fed the same bytes as the authentication session; stops at the end of the header section.
 */
final class ReceivedClientIp implements MessageHandler {
    private final MessageParser parser = new MessageParser(this);
    private boolean done;
    private boolean decided;
    private InetAddress ip;

    /** Accepts the next chunk of the message; ignored once the header section ended. */
    void feed(byte[] buf, int off, int len) {
        if (done) {
            return;
        }
        try {
            parser.feed(buf, off, len);
        } catch (MessageFormatException e) {
            done = true; // the session reports the message as malformed
        }
    }

    /** The client address found, or {@code null}. */
    InetAddress ip() {
        if (!done) {
            done = true;
            try {
                parser.finish(); // a message that is all header section
            } catch (MessageFormatException | IllegalStateException e) {
                // reported by the session
            }
        }
        return ip;
    }

    @Override
    public void headerField(HeaderField field) {
        if (decided || !field.hasName("Received")) {
            return;
        }
        ReceivedFrom from = ReceivedFrom.parse(field.unfoldedValue());
        if (from != null && !from.loopback()) {
            decided = true; // the top-most from clause of another host: its address or none
            ip = from.ip();
        }
    }

    @Override
    public void endOfHeaders() {
        done = true;
    }

    @Override
    public boolean takesRawBody() {
        return true; // the body is not looked at
    }
}
