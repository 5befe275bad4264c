package org.mailauth4j.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.mailauth4j.core.dns.IpLiteral;

/**
 * Writes aggregate reports: the XML (RFC 9990 schema, or RFC 7489 Appendix C), the gzip
 * attachment, its file name and the report e-mail (RFC 9990 "Transport": file name
 * {@code receiver!policy-domain!begin!end[!unique-id].xml[.gz]}, subject
 * {@code Report Domain: <policy domain> Submitter: <receiver> Report-ID: <id>}).
 */
public final class AggregateReportWriter {
    /** The RFC 9990 XML namespace. */
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:dmarc-2.0";

    /** The override types of RFC 7489 Appendix C; others are written as "other" with a comment. */
    private static final java.util.Set<String> LEGACY_OVERRIDES = java.util.Set.of("forwarded", "sampled_out",
            "trusted_forwarder", "mailing_list", "local_policy", "other");

    private AggregateReportWriter() {
    }

    /** The report as UTF-8 XML. */
    public static byte[] toXml(AggregateReport report, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            boolean v2 = format == ReportFormat.RFC9990;
            w.writeStartElement("feedback");
            if (v2) {
                w.writeDefaultNamespace(NAMESPACE);
            }
            text(w, 1, "version", report.version() != null ? report.version() : "1.0");
            writeMetadata(w, report.metadata(), v2);
            writePolicy(w, report.policyPublished(), v2);
            for (AggregateReport.Row r : report.records()) {
                writeRow(w, r, v2);
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write report XML", e);
        }
        return out.toByteArray();
    }

    private static void writeMetadata(XMLStreamWriter w, AggregateReport.Metadata m, boolean v2)
            throws XMLStreamException {
        open(w, 1, "report_metadata");
        text(w, 2, "org_name", m.orgName());
        text(w, 2, "email", m.email());
        if (m.extraContactInfo() != null) {
            text(w, 2, "extra_contact_info", m.extraContactInfo());
        }
        text(w, 2, "report_id", m.reportId());
        open(w, 2, "date_range");
        text(w, 3, "begin", Long.toString(m.begin().getEpochSecond()));
        text(w, 3, "end", Long.toString(m.end().getEpochSecond()));
        close(w, 2);
        if (!m.errors().isEmpty()) {
            // RFC 9990's schema has one error element (xs:all); RFC 7489 allows several.
            if (v2) {
                text(w, 2, "error", String.join("; ", m.errors()));
            } else {
                for (String e : m.errors()) {
                    text(w, 2, "error", e);
                }
            }
        }
        if (v2 && m.generator() != null) {
            text(w, 2, "generator", m.generator());
        }
        close(w, 1);
    }

    private static void writePolicy(XMLStreamWriter w, AggregateReport.PolicyPublished p, boolean v2)
            throws XMLStreamException {
        open(w, 1, "policy_published");
        text(w, 2, "domain", p.domain());
        if (v2 && p.discoveryMethod() != null) {
            text(w, 2, "discovery_method", p.discoveryMethod());
        }
        text(w, 2, "adkim", p.adkim() != null ? p.adkim() : "r");
        text(w, 2, "aspf", p.aspf() != null ? p.aspf() : "r");
        String policy = p.p() != null ? p.p() : "none";
        text(w, 2, "p", policy);
        text(w, 2, "sp", p.sp() != null ? p.sp() : policy);
        if (v2) {
            if (p.np() != null) {
                text(w, 2, "np", p.np());
            }
            text(w, 2, "testing", p.testing() != null ? p.testing() : "n");
        } else {
            text(w, 2, "pct", p.pct() != null ? p.pct() : "100");
        }
        text(w, 2, "fo", p.fo() != null ? p.fo() : "0");
        close(w, 1);
    }

    /**
     * RFC 7489 Appendix C's schema accepts IPv6 only as eight groups ({@code IPAddress} pattern
     * {@code ([A-Fa-f0-9]{1,4}:){7}[A-Fa-f0-9]{1,4}}), so the RFC 5952 text of a row
     * ({@code 2001:db8::1}) is written out in full there; RFC 9990's schema takes either.
     */
    static String fullIpv6(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip;
        }
        java.net.InetAddress a = IpLiteral.parse(ip);
        if (!(a instanceof java.net.Inet6Address)) {
            return ip;
        }
        byte[] b = a.getAddress();
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 16; k += 2) {
            if (k > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((b[k] & 0xff) << 8) | (b[k + 1] & 0xff)));
        }
        return sb.toString();
    }

    private static void writeRow(XMLStreamWriter w, AggregateReport.Row r, boolean v2) throws XMLStreamException {
        open(w, 1, "record");
        open(w, 2, "row");
        text(w, 3, "source_ip", v2 ? r.sourceIp() : fullIpv6(r.sourceIp()));
        text(w, 3, "count", Long.toString(r.count()));
        open(w, 3, "policy_evaluated");
        text(w, 4, "disposition", r.disposition());
        text(w, 4, "dkim", r.dkim());
        text(w, 4, "spf", r.spf());
        for (AggregateReport.OverrideReason o : r.reasons()) {
            open(w, 4, "reason");
            boolean known = v2 || LEGACY_OVERRIDES.contains(o.type());
            text(w, 5, "type", known ? o.type() : "other");
            String comment = known ? o.comment() : o.type() + (o.comment() == null ? "" : ": " + o.comment());
            if (comment != null) {
                text(w, 5, "comment", comment);
            }
            close(w, 4);
        }
        close(w, 3);
        close(w, 2);
        open(w, 2, "identifiers");
        if (r.envelopeTo() != null) {
            text(w, 3, "envelope_to", r.envelopeTo());
        }
        if (r.envelopeFrom() != null) {
            text(w, 3, "envelope_from", r.envelopeFrom());
        }
        text(w, 3, "header_from", r.headerFrom());
        close(w, 2);
        open(w, 2, "auth_results");
        for (AggregateReport.DkimAuthResult d : r.dkimResults()) {
            open(w, 3, "dkim");
            text(w, 4, "domain", d.domain());
            text(w, 4, "selector", d.selector() != null ? d.selector() : "");
            text(w, 4, "result", d.result());
            if (d.humanResult() != null) {
                text(w, 4, "human_result", d.humanResult());
            }
            close(w, 3);
        }
        if (r.spfResults().isEmpty() && !v2) { // RFC 7489's schema requires one; RFC 9990's does not
            writeSpf(w, new AggregateReport.SpfAuthResult(
                    r.envelopeFrom() != null && !r.envelopeFrom().isEmpty() ? r.envelopeFrom() : r.headerFrom(),
                    "mfrom", "none", null), v2);
        }
        for (AggregateReport.SpfAuthResult s : r.spfResults()) {
            writeSpf(w, s, v2);
        }
        close(w, 2);
        close(w, 1);
    }

    private static void writeSpf(XMLStreamWriter w, AggregateReport.SpfAuthResult s, boolean v2)
            throws XMLStreamException {
        open(w, 3, "spf");
        text(w, 4, "domain", s.domain());
        text(w, 4, "scope", v2 ? "mfrom" : (s.scope() != null ? s.scope() : "mfrom"));
        text(w, 4, "result", s.result());
        if (s.humanResult() != null) {
            text(w, 4, "human_result", s.humanResult());
        }
        close(w, 3);
    }

    private static void open(XMLStreamWriter w, int depth, String name) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
        w.writeStartElement(name);
    }

    private static void close(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, int depth, String name, String value) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
        w.writeStartElement(name);
        w.writeCharacters(clean(value == null ? "" : value));
        w.writeEndElement();
    }

    /** Drops characters XML 1.0 cannot carry (control characters other than tab, CR, LF). */
    private static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!ok && sb == null) {
                sb = new StringBuilder(s.substring(0, i));
            }
            if (sb != null && ok) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** GZIP (RFC 1952) of {@code data}. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code receiver!policy-domain!begin!end[!unique-id].xml[.gz]} (RFC 9990 "Email"). */
    public static String filename(String receiver, AggregateReport report, String uniqueId, boolean gzip) {
        if (uniqueId != null && !uniqueId.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128)) {
            throw new IllegalArgumentException("unique-id must be ALPHA / DIGIT: " + uniqueId);
        }
        return receiver + "!" + report.policyPublished().domain() + "!" + report.metadata().begin().getEpochSecond()
                + "!" + report.metadata().end().getEpochSecond() + (uniqueId == null ? "" : "!" + uniqueId)
                + (gzip ? ".xml.gz" : ".xml");
    }

    /** {@code Report Domain: <policy domain> Submitter: <receiver> Report-ID: <id>}. */
    public static String subject(String receiver, AggregateReport report) {
        return "Report Domain: " + report.policyPublished().domain() + " Submitter: " + receiver
                + " Report-ID: <" + report.metadata().reportId() + ">";
    }

    /**
     * A complete report e-mail (RFC 5322, MIME): a text part and the gzip-compressed report as an
     * {@code application/gzip} attachment.
     */
    public static byte[] toEmail(String from, String to, String receiver, AggregateReport report,
            ReportFormat format, Instant date) {
        String boundary = "=_dmarc_report_" + Integer.toHexString(report.metadata().reportId().hashCode());
        String name = filename(receiver, report, null, true);
        String attachment = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(gzip(toXml(report, format)));
        String msg = "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)) + "\r\n"
                + "Subject: " + subject(receiver, report) + "\r\n"
                + "Message-ID: <" + report.metadata().reportId() + "@" + receiver + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "DMARC aggregate report for " + report.policyPublished().domain() + " from " + receiver + ".\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/gzip; name=\"" + name + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + attachment + "\r\n"
                + "--" + boundary + "--\r\n";
        return msg.getBytes(StandardCharsets.UTF_8);
    }
}
