package org.mailauth4j.cli;

import java.net.InetAddress;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.message.MessageParser;

/**
 * The SMTP client's address of an archived message, as the receiving host recorded it: the
 * top-most {@code Received} field (RFC 5321 §4.4; RFC 5322 §3.6.7) whose {@code from} clause
 * carries a bracketed address literal ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}), not a
 * loopback address. Within the clause, a literal inside the parenthesised TCP-info (which the
 * receiving host writes from the connection, e.g. {@code from helo (host [192.0.2.1])}) wins over
 * one at its top level (the HELO argument, or Exim's {@code from [192.0.2.1] (helo=...)}).
 * Fields without a {@code from} clause or without a literal (e.g. {@code by host (Postfix, from
 * userid 0)}, or a bare {@code (192.0.2.1)}) are passed over; loopback literals are passed over
 * too, since they are content filters on the receiving host, never the client that sent the
 * message. No address found: {@link #ip()} is {@code null} — never a made-up default.
 *
 * <p>Fed the same bytes as the authentication session; stops at the end of the header section.
 */
final class ReceivedClientIp implements MessageHandler {
    private final MessageParser parser = new MessageParser(this);
    private boolean done;
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
        if (ip == null && field.hasName("Received")) {
            ip = fromClauseAddress(field.unfoldedValue());
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

    /**
     * The address literal of a Received field's {@code from} clause (RFC 5321 §4.4 {@code From-domain}
     * and {@code TCP-info}), or {@code null} when the field has no {@code from} clause, no literal in it,
     * or only a loopback literal.
     */
    static InetAddress fromClauseAddress(String value) {
        int i = skipSpaceAndComments(value, 0);
        if (!value.regionMatches(true, i, "from", 0, 4) || i + 4 >= value.length()
                || !isSpace(value.charAt(i + 4))) {
            return null;
        }
        InetAddress top = null;
        int depth = 0;
        for (i += 4; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && depth > 0) {
                i++; // quoted-pair in a comment
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ';' && depth == 0) {
                break;
            } else if (depth == 0 && isSpace(value.charAt(i - 1)) && endsClause(value, i)) {
                break;
            } else if (c == '[') {
                int close = value.indexOf(']', i);
                if (close < 0) {
                    break;
                }
                InetAddress a = literal(value.substring(i + 1, close));
                i = close;
                if (a != null && depth > 0) {
                    return a; // TCP-info: what the receiving host saw
                }
                if (a != null && top == null) {
                    top = a;
                }
            }
        }
        return top;
    }

    /** Whether the word at {@code i} starts the next clause of the Received field (RFC 5321 §4.4). */
    private static boolean endsClause(String v, int i) {
        for (String w : new String[] {"by", "via", "with", "id", "for"}) {
            int end = i + w.length();
            if (v.regionMatches(true, i, w, 0, w.length()) && (end == v.length() || isSpace(v.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress literal(String text) {
        try {
            InetAddress a = Envelope.parseIp(text);
            return a.isLoopbackAddress() ? null : a;
        } catch (IllegalArgumentException e) {
            return null; // a general address literal or garbage: not an IP
        }
    }

    private static int skipSpaceAndComments(String v, int i) {
        int depth = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && !isSpace(c)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
