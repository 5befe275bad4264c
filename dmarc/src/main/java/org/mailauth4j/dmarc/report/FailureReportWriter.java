package org.mailauth4j.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a failure report e-mail: {@code multipart/report; report-type=feedback-report} (RFC 6522,
 * RFC 5965 §2) with a human-readable part, the {@code message/feedback-report} part, and the
 * original as {@code message/rfc822} or {@code text/rfc822-headers} (RFC 6591 §3.1, RFC 9991 §4).
 * Field values are written on one line; CR and LF in them are replaced by spaces (no injection).
 */
public final class FailureReportWriter {
    private FailureReportWriter() {
    }

    /** The {@code message/feedback-report} body: one {@code Name: value} line per field. */
    public static String feedbackFields(FailureReport r) {
        StringBuilder sb = new StringBuilder();
        field(sb, "Feedback-Type", "auth-failure");
        field(sb, "User-Agent", r.userAgent());
        field(sb, "Version", r.version());
        field(sb, "Auth-Failure", r.authFailure());
        for (String ar : r.authenticationResults()) {
            field(sb, "Authentication-Results", ar);
        }
        field(sb, "Identity-Alignment", String.join(", ", r.identityAlignment()));
        field(sb, "Delivery-Result", r.deliveryResult());
        field(sb, "DKIM-Domain", r.dkimDomain());
        field(sb, "DKIM-Identity", r.dkimIdentity());
        field(sb, "DKIM-Selector", r.dkimSelector());
        field(sb, "SPF-DNS", r.spfDns());
        field(sb, "Original-Envelope-Id", r.originalEnvelopeId());
        field(sb, "Original-Mail-From", r.originalMailFrom());
        for (String rcpt : r.originalRcptTo()) {
            field(sb, "Original-Rcpt-To", rcpt);
        }
        field(sb, "Arrival-Date", r.arrivalDate());
        field(sb, "Source-IP", r.sourceIp());
        field(sb, "Reported-Domain", r.reportedDomain());
        field(sb, "Incidents", r.incidents() == null ? null : r.incidents().toString());
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append(name).append(": ").append(oneLine(value)).append("\r\n");
        }
    }

    static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /**
     * The whole report e-mail. The original is embedded byte for byte. The MIME boundary is random
     * (128 bits) and checked against every part, so an original that contains delimiter lines —
     * it is attacker-controlled: a spoofed message makes its recipient report to the spoofed
     * domain — cannot end the report early or add parts (RFC 2046 §5.1.1: "the boundary delimiter
     * MUST NOT appear inside any of the encapsulated parts").
     */
    public static byte[] toEmail(FailureReport r, String from, String to, Instant date, String messageId) {
        byte[] original = r.original();
        String human = r.humanReadable() == null ? "" : r.humanReadable();
        String fields = feedbackFields(r);
        String boundary;
        do {
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            boundary = "=_dmarc_failure_" + java.util.HexFormat.of().formatHex(random);
        } while (contains(original, boundary) || human.contains(boundary) || fields.contains(boundary));
        String head = "From: " + oneLine(from) + "\r\n"
                + "To: " + oneLine(to) + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)) + "\r\n"
                + "Subject: " + oneLine("FW: DMARC failure report for " + r.reportedDomain()) + "\r\n"
                + "Message-ID: <" + oneLine(messageId) + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "This is a MIME-formatted message.\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + human + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/feedback-report\r\n"
                + "\r\n"
                + fields
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: " + (r.headersOnly() ? "text/rfc822-headers" : "message/rfc822") + "\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + original.length + tail.length());
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(original);
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int k = 0; k < n.length; k++) {
                if (haystack[i + k] != n[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
