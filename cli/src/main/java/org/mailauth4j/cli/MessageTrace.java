package org.mailauth4j.cli;

import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.message.HeaderField;

/**
 * What the trace fields of an archived message (RFC 5321 §4.4, RFC 5322 §3.6.7) say about its
 * last SMTP transaction with another host:
 *
 * <ul>
 *   <li>the client's address: the TCP-info ({@link ReceivedFrom}) of the top-most {@code
 *       Received} field that has a {@code from} clause; fields without one and fields whose
 *       address is a loopback address (a content filter on the receiving host) are passed over,
 *       nothing else is. When that field gives no usable address there is none: the fields below
 *       it were written by other hosts, or forged by the sender, and are never consulted;</li>
 *   <li>the HELO/EHLO name: that field's {@code From-domain}, when it is a domain name (not an
 *       address literal);</li>
 *   <li>the arrival time: that field's {@code date-time} (after the {@code ;});</li>
 *   <li>the MAIL FROM address: the top-most {@code Return-Path} field, which the delivering host
 *       adds (RFC 5321 §4.4); {@code <>} is the null reverse-path.</li>
 * </ul>
 *
 * @param clientIp the client's address, or {@code null}
 * @param helo the HELO/EHLO domain, or {@code null}
 * @param mailFrom the reverse-path without angle brackets ({@code ""} for {@code <>}), or {@code null}
 * @param arrival when the receiving host recorded the message, or {@code null}
 */
record MessageTrace(InetAddress clientIp, String helo, String mailFrom, Instant arrival) {

    static final MessageTrace NONE = new MessageTrace(null, null, null, null);

    /** The trace of a header section (fields top to bottom). */
    static MessageTrace of(List<HeaderField> headers) {
        ReceivedFrom from = null;
        String receivedValue = null;
        String mailFrom = null;
        boolean returnPathSeen = false;
        for (HeaderField f : headers) {
            if (from == null && f.hasName("Received")) {
                String v = f.unfoldedValue();
                ReceivedFrom r = ReceivedFrom.parse(v);
                if (r != null && !r.loopback()) {
                    from = r;
                    receivedValue = v;
                }
            } else if (!returnPathSeen && f.hasName("Return-Path")) {
                returnPathSeen = true;
                mailFrom = reversePath(f.unfoldedValue());
            }
        }
        if (from == null) {
            return new MessageTrace(null, null, mailFrom, null);
        }
        String helo = from.domain() != null && isDomain(from.domain()) ? from.domain() : null;
        return new MessageTrace(from.ip(), helo, mailFrom, dateTime(receivedValue));
    }

    /**
     * Whether {@code d} is an RFC 5321 §4.1.2 {@code Domain} of at least two labels ({@code
     * sub-domain = Let-dig [Ldh-str]}); a single label ({@code unknown}, {@code localhost}) is no
     * HELO identity SPF checks (RFC 7208 §2.3: a fully qualified domain name).
     */
    static boolean isDomain(String d) {
        String[] labels = d.endsWith(".") ? d.substring(0, d.length() - 1).split("\\.", -1) : d.split("\\.", -1);
        if (labels.length < 2 || d.length() > 253) {
            return false;
        }
        for (String l : labels) {
            if (l.isEmpty() || l.length() > 63 || l.charAt(0) == '-' || l.charAt(l.length() - 1) == '-'
                    || !l.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))) {
                return false;
            }
        }
        return DnsNames.problem(d) == null;
    }

    /** The SMTP envelope these fields give (no client address: {@link Envelope#NONE}, SPF none). */
    Envelope envelope() {
        return clientIp == null ? Envelope.NONE : new Envelope(clientIp, helo, mailFrom);
    }

    /**
     * The reverse-path of a {@code Return-Path} value (RFC 5322 §3.6.7 {@code path = angle-addr
     * / ([CFWS] "<" [CFWS] ">" [CFWS])}): {@code ""} for {@code <>}, the address for {@code
     * <local@domain>} (an obsolete source route {@code <@a,@b:local@domain>} dropped), or {@code
     * null} when the value is neither.
     */
    static String reversePath(String value) {
        String v = withoutComments(value).strip();
        if (!v.startsWith("<") || !v.endsWith(">")) {
            return null;
        }
        String path = v.substring(1, v.length() - 1).strip();
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            path = colon < 0 ? "" : path.substring(colon + 1);
            if (path.isEmpty()) {
                return null;
            }
        }
        if (path.isEmpty()) {
            return "";
        }
        int at = path.lastIndexOf('@');
        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets
        if (at <= 0 || at == path.length() - 1 || path.length() > 256 || path.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            return null;
        }
        return path;
    }

    /** The {@code date-time} after the last {@code ;} of a Received value (RFC 5322 §3.3), or {@code null}. */
    static Instant dateTime(String value) {
        int semi = value.lastIndexOf(';');
        if (semi < 0) {
            return null;
        }
        String t = withoutComments(value.substring(semi + 1)).strip().replaceAll("\\s+", " ");
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(t, Instant::from);
        } catch (DateTimeParseException e) {
            return null; // obsolete or malformed: no arrival time
        }
    }

    private static String withoutComments(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        int depth = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && depth > 0) {
                i++;
            } else if (c == '(') {
                depth++;
                sb.append(' ');
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
