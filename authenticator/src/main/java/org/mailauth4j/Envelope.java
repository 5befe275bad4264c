package org.mailauth4j;

import java.net.InetAddress;
import org.mailauth4j.core.dns.IpLiteral;

/**
 * What the SMTP client said before the message (RFC 5321): the client's IP address, the HELO or
 * EHLO name and the MAIL FROM address (reverse-path). Every part is optional; SPF (RFC 7208 §2.4)
 * needs at least the IP address and one identity, otherwise its result is {@code none}.
 *
 * @param clientIp the connecting client's address, or {@code null}
 * @param helo the HELO/EHLO argument, or {@code null}
 * @param mailFrom the MAIL FROM address without angle brackets; empty for the null reverse-path
 *     {@code <>}; {@code null} when unknown
 */
public record Envelope(InetAddress clientIp, String helo, String mailFrom) {

    /** No envelope: SPF will be {@code none}. */
    public static final Envelope NONE = new Envelope(null, null, null);

    public Envelope {
        if (mailFrom != null) {
            String m = mailFrom.strip();
            if (m.startsWith("<") && m.endsWith(">")) {
                m = m.substring(1, m.length() - 1);
            }
            mailFrom = m;
        }
        if (helo != null) {
            helo = helo.strip();
        }
    }

    /**
     * An envelope from text; {@code ip} must be an IPv4 or IPv6 literal (no DNS lookup is made).
     *
     * @throws IllegalArgumentException when {@code ip} is not an address literal
     */
    public static Envelope of(String ip, String helo, String mailFrom) {
        return new Envelope(ip == null ? null : parseIp(ip), helo, mailFrom);
    }

    /** Whether SPF can be evaluated: a client address and at least one identity. */
    public boolean hasSpfInput() {
        return clientIp != null && (mailFrom != null || (helo != null && !helo.isEmpty()));
    }

    /**
     * Parses an IPv4 or IPv6 literal (brackets and an {@code IPv6:} prefix are accepted, as in an
     * RFC 5321 §4.1.3 address literal) strictly, without DNS ({@link IpLiteral}).
     *
     * @throws IllegalArgumentException when {@code ip} is not an address literal
     */
    public static InetAddress parseIp(String ip) {
        String s = ip.strip();
        if (s.length() > IpLiteral.MAX_LENGTH + 7) {
            throw new IllegalArgumentException("not an IP address literal (too long)");
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.regionMatches(true, 0, "ipv6:", 0, 5)) {
            s = s.substring(5);
            if (s.indexOf(':') < 0) {
                throw new IllegalArgumentException("not an IPv6 address literal: " + ip);
            }
        }
        InetAddress a = IpLiteral.parse(s);
        if (a == null) {
            throw new IllegalArgumentException("not an IP address literal: " + ip);
        }
        return a;
    }
}
