package org.mailauth4j.dmarc.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.mailauth4j.core.text.Ascii;

/**
 * Reads aggregate reports leniently, as they arrive in practice: plain XML, gzip, zip, or a whole
 * report e-mail whose attachment holds one of these (RFC 9990 "Email"). Element names are matched
 * without regard to the namespace (RFC 9990 and RFC 7489 reports alike); unknown elements
 * (extensions) are skipped; values are kept as written. Malformed input yields every report and
 * record read before the error, and a problem naming the error.
 *
 * <p>Defences (RFC 9990 "Report Contents as an Attack"): no DTDs or external entities, at most
 * {@value #MAX_DECOMPRESSED} bytes after decompression, {@value #MAX_ZIP_ENTRIES} zip entries,
 * archives nested at most {@value #MAX_NESTING} deep,
 * {@value #MAX_RECORDS} records per report.
 */
public final class AggregateReportParser {
    static final int MAX_DECOMPRESSED = 64 * 1024 * 1024;
    static final int MAX_ZIP_ENTRIES = 50;
    static final int MAX_RECORDS = 1_000_000;
    static final int MAX_NESTING = 4;

    /** What was read, and what could not be. */
    public record Result(List<AggregateReport> reports, List<String> problems) {
        public Result {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
        }
    }

    private AggregateReportParser() {
    }

    /** Parses XML, gzip, zip or an e-mail, detected from the content. */
    public static Result parse(byte[] data) {
        List<AggregateReport> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        parseAny(data, reports, problems, true, 0);
        if (reports.isEmpty() && problems.isEmpty()) {
            problems.add("no aggregate report found");
        }
        return new Result(reports, problems);
    }

    private static void parseAny(byte[] data, List<AggregateReport> reports, List<String> problems, boolean mayBeEmail,
            int depth) {
        if (depth > MAX_NESTING) {
            problems.add("archives nested more than " + MAX_NESTING + " deep; ignored");
            return;
        }
        if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
                parseAny(readBounded(in, problems, "gzip"), reports, problems, false, depth + 1);
            } catch (IOException e) {
                problems.add("broken gzip data: " + e.getMessage());
            }
        } else if (data.length >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4) {
            parseZip(data, reports, problems, depth);
        } else if (looksLikeXml(data)) {
            parseXml(data, reports, problems);
        } else if (mayBeEmail) {
            parseEmail(data, reports, problems, depth);
        } else {
            problems.add("content is neither XML, gzip nor zip");
        }
    }

    private static boolean looksLikeXml(byte[] data) {
        int i = 0;
        if (data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB && (data[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < data.length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
            i++;
        }
        return i < data.length && data[i] == '<';
    }

    private static byte[] readBounded(InputStream in, List<String> problems, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_DECOMPRESSED) {
                problems.add(what + " content larger than " + MAX_DECOMPRESSED + " bytes; truncated");
                out.write(buf, 0, MAX_DECOMPRESSED - out.size());
                break;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static void parseZip(byte[] data, List<AggregateReport> reports, List<String> problems, int depth) {
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(data))) {
            ZipEntry e;
            int entries = 0;
            while ((e = zin.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    problems.add("more than " + MAX_ZIP_ENTRIES + " zip entries; the rest ignored");
                    break;
                }
                if (e.isDirectory()) {
                    continue;
                }
                parseAny(readBounded(zin, problems, "zip entry " + e.getName()), reports, problems, false,
                        depth + 1);
            }
            if (entries == 0) {
                problems.add("empty zip archive");
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add("broken zip data: " + e.getMessage());
        }
    }

    private static void parseEmail(byte[] data, List<AggregateReport> reports, List<String> problems, int depth) {
        int before = reports.size();
        boolean candidate = false;
        for (MimeParts.Part p : MimeParts.leaves(data)) {
            String name = p.filename() == null ? "" : p.filename().toLowerCase(Locale.ROOT);
            boolean reportType = switch (p.contentType()) {
                case "application/gzip", "application/x-gzip", "application/zip", "application/x-zip-compressed",
                        "application/x-zip", "text/xml", "application/xml", "application/octet-stream" -> true;
                default -> false;
            };
            if (reportType || name.endsWith(".xml") || name.endsWith(".gz") || name.endsWith(".zip")) {
                candidate = true;
                if (p.body().length == 0) {
                    problems.add("empty or undecodable attachment " + (name.isEmpty() ? p.contentType() : name));
                    continue;
                }
                parseAny(p.body(), reports, problems, false, depth + 1);
            }
        }
        if (!candidate) {
            problems.add("no report attachment found in the e-mail");
        } else if (reports.size() == before && problems.isEmpty()) {
            problems.add("the attachment held no report");
        }
    }

    /** Parses one XML document; lenient as described in the class comment. */
    static void parseXml(byte[] xml, List<AggregateReport> reports, List<String> problems) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        ReportReader r = new ReportReader();
        try {
            XMLStreamReader x = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            r.read(x);
        } catch (XMLStreamException | RuntimeException e) {
            String where = e instanceof XMLStreamException xe && xe.getLocation() != null
                    ? " at line " + xe.getLocation().getLineNumber() + ", column " + xe.getLocation().getColumnNumber()
                    : "";
            problems.add("malformed XML" + where + ": " + firstLine(e.getMessage()));
            r.truncated = true;
        }
        r.finish(reports, problems);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl >= 0 ? t.substring(nl + 1).strip() : t;
    }

    /** Streaming state for one document. */
    private static final class ReportReader {
        final List<String> path = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        boolean sawFeedback;
        boolean truncated;
        String version;
        String orgName, email, extra, reportId, generator;
        Instant begin, end;
        final List<String> errors = new ArrayList<>();
        String pDomain, discovery, adkim, aspf, p, sp, np, testing, fo, pct;
        final List<AggregateReport.Row> rows = new ArrayList<>();
        final List<String> rowProblems = new ArrayList<>();
        RowBuilder row;
        String[] dkim;
        String[] spf;
        String[] reason;

        void read(XMLStreamReader x) throws XMLStreamException {
            while (x.hasNext()) {
                int ev = x.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> start(x.getLocalName());
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(x.getText());
                    case XMLStreamConstants.END_ELEMENT -> end(x.getLocalName());
                    default -> {
                    }
                }
            }
        }

        private String joined() {
            return String.join("/", path);
        }

        void start(String name) {
            path.add(Ascii.toLowerCase(name));
            text.setLength(0);
            String p = joined();
            switch (p) {
                case "feedback" -> sawFeedback = true;
                case "feedback/record" -> row = new RowBuilder();
                case "feedback/record/auth_results/dkim" -> dkim = new String[4];
                case "feedback/record/auth_results/spf" -> spf = new String[4];
                case "feedback/record/row/policy_evaluated/reason" -> reason = new String[2];
                default -> {
                }
            }
        }

        void end(String name) {
            String p = joined();
            String v = text.toString().strip();
            text.setLength(0);
            if (!path.isEmpty()) {
                path.remove(path.size() - 1);
            }
            switch (p) {
                case "feedback/version" -> version = v;
                case "feedback/report_metadata/org_name" -> orgName = v;
                case "feedback/report_metadata/email" -> email = v;
                case "feedback/report_metadata/extra_contact_info" -> extra = v;
                case "feedback/report_metadata/report_id" -> reportId = v;
                case "feedback/report_metadata/generator" -> generator = v;
                case "feedback/report_metadata/error" -> errors.add(v);
                case "feedback/report_metadata/date_range/begin" -> begin = epoch(v, "begin");
                case "feedback/report_metadata/date_range/end" -> end = epoch(v, "end");
                case "feedback/policy_published/domain" -> pDomain = v;
                case "feedback/policy_published/discovery_method" -> discovery = v;
                case "feedback/policy_published/adkim" -> adkim = v;
                case "feedback/policy_published/aspf" -> aspf = v;
                case "feedback/policy_published/p" -> this.p = v;
                case "feedback/policy_published/sp" -> sp = v;
                case "feedback/policy_published/np" -> np = v;
                case "feedback/policy_published/testing" -> testing = v;
                case "feedback/policy_published/fo" -> fo = v;
                case "feedback/policy_published/pct" -> pct = v;
                case "feedback/record/row/source_ip" -> row.sourceIp = v;
                case "feedback/record/row/count" -> row.count = v;
                case "feedback/record/row/policy_evaluated/disposition" -> row.disposition = v;
                case "feedback/record/row/policy_evaluated/dkim" -> row.dkim = v;
                case "feedback/record/row/policy_evaluated/spf" -> row.spf = v;
                case "feedback/record/row/policy_evaluated/reason/type" -> reason[0] = v;
                case "feedback/record/row/policy_evaluated/reason/comment" -> reason[1] = v;
                case "feedback/record/row/policy_evaluated/reason" ->
                        row.reasons.add(new AggregateReport.OverrideReason(reason[0], reason[1]));
                case "feedback/record/identifiers/envelope_to" -> row.envelopeTo = v;
                case "feedback/record/identifiers/envelope_from" -> row.envelopeFrom = v;
                case "feedback/record/identifiers/header_from" -> row.headerFrom = v;
                case "feedback/record/auth_results/dkim/domain" -> dkim[0] = v;
                case "feedback/record/auth_results/dkim/selector" -> dkim[1] = v;
                case "feedback/record/auth_results/dkim/result" -> dkim[2] = v;
                case "feedback/record/auth_results/dkim/human_result" -> dkim[3] = v;
                case "feedback/record/auth_results/dkim" ->
                        row.dkimResults.add(new AggregateReport.DkimAuthResult(dkim[0], dkim[1], dkim[2], dkim[3]));
                case "feedback/record/auth_results/spf/domain" -> spf[0] = v;
                case "feedback/record/auth_results/spf/scope" -> spf[1] = v;
                case "feedback/record/auth_results/spf/result" -> spf[2] = v;
                case "feedback/record/auth_results/spf/human_result" -> spf[3] = v;
                case "feedback/record/auth_results/spf" ->
                        row.spfResults.add(new AggregateReport.SpfAuthResult(spf[0], spf[1], spf[2], spf[3]));
                case "feedback/record" -> {
                    if (rows.size() < MAX_RECORDS) {
                        rows.add(row.build(rows.size() + 1, rowProblems));
                    } else if (rows.size() == MAX_RECORDS) {
                        rowProblems.add("more than " + MAX_RECORDS + " records; the rest ignored");
                    }
                    row = null;
                }
                default -> {
                }
            }
        }

        private Instant epoch(String v, String what) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(v));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                rowProblems.add("unreadable date_range " + what + " \"" + v + "\"");
                return null;
            }
        }

        void finish(List<AggregateReport> reports, List<String> problems) {
            if (!sawFeedback) {
                problems.add("no feedback element");
                return;
            }
            if (row != null) {
                problems.add("the record being read when the document broke off (record " + (rows.size() + 1)
                        + ") was dropped");
            }
            problems.addAll(rowProblems);
            if (pDomain == null || pDomain.isEmpty()) {
                problems.add("policy_published/domain missing");
            }
            if (reportId == null) {
                problems.add("report_metadata/report_id missing");
            }
            reports.add(new AggregateReport(version,
                    new AggregateReport.Metadata(orgName, email, extra, reportId, begin, end, errors, generator),
                    new AggregateReport.PolicyPublished(pDomain == null ? "" : pDomain, discovery, adkim, aspf, p, sp,
                            np, testing, fo, pct),
                    rows));
        }
    }

    private static final class RowBuilder {
        String sourceIp, count, disposition, dkim, spf, envelopeTo, envelopeFrom, headerFrom;
        final List<AggregateReport.OverrideReason> reasons = new ArrayList<>();
        final List<AggregateReport.DkimAuthResult> dkimResults = new ArrayList<>();
        final List<AggregateReport.SpfAuthResult> spfResults = new ArrayList<>();

        AggregateReport.Row build(int index, List<String> problems) {
            long n = 0;
            try {
                n = Long.parseLong(count == null ? "" : count.strip());
                if (n < 0) {
                    problems.add("record " + index + ": negative count " + count);
                    n = 0;
                }
            } catch (NumberFormatException e) {
                problems.add("record " + index + ": unreadable count \"" + count + "\"");
            }
            if (sourceIp == null) {
                problems.add("record " + index + ": source_ip missing");
            }
            if (headerFrom == null) {
                problems.add("record " + index + ": header_from missing");
            }
            return new AggregateReport.Row(sourceIp, n, disposition, dkim, spf, reasons, envelopeTo, envelopeFrom,
                    headerFrom, dkimResults, spfResults);
        }
    }
}
