package org.mailauth4j.dmarc.report;

import java.nio.charset.StandardCharsets;
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

    /** The whole report e-mail. */
    public static byte[] toEmail(FailureReport r, String from, String to, Instant date, String messageId) {
        String boundary = "=_dmarc_failure_" + Integer.toHexString(java.util.Objects.hash(messageId, r.sourceIp()));
        String original = new String(r.original(), StandardCharsets.UTF_8);
        String msg = "From: " + oneLine(from) + "\r\n"
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
                + (r.humanReadable() == null ? "" : r.humanReadable()) + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/feedback-report\r\n"
                + "\r\n"
                + feedbackFields(r)
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: " + (r.headersOnly() ? "text/rfc822-headers" : "message/rfc822") + "\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + original
                + "\r\n"
                + "--" + boundary + "--\r\n";
        return msg.getBytes(StandardCharsets.UTF_8);
    }
}
