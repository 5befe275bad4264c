package org.mailauth4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mailauth4j.dmarc.report.AggregateReport;
import org.mailauth4j.dmarc.report.AggregateReportParser;
import org.mailauth4j.dmarc.report.FailureReport;
import org.mailauth4j.dmarc.report.FailureReportParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mailauth4j report}: a DMARC aggregate or failure report as JSON. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Parse a DMARC aggregate report (RFC 9990 / RFC 7489 XML, gzip, zip, or the report e-mail) "
            + "or a failure report (ARF e-mail, RFC 6591 / RFC 9991) and print it as JSON: one object per report, "
            + "one per line. Problems found while reading are listed in \"problems\"."})
final class ReportCommand implements Callable<Integer> {
    static final int MAX_BYTES = 64 << 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", description = "The report file, or - for standard input.")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        byte[] data;
        try {
            data = read();
        } catch (IOException e) {
            out.println(Json.write(VerifyCommand.errorJson(file, "cannot read: " + e.getMessage())));
            return Main.PROCESSING_ERROR;
        }
        AggregateReportParser.Result agg = AggregateReportParser.parse(data);
        if (!agg.reports().isEmpty()) {
            for (AggregateReport r : agg.reports()) {
                out.println(Json.write(aggregate(r, agg.problems())));
            }
            return Main.OK;
        }
        FailureReportParser.Result fail = FailureReportParser.parse(data);
        if (fail.feedbackType() != null) {
            out.println(Json.write(failure(fail)));
            return Main.OK;
        }
        Map<String, Object> m = VerifyCommand.errorJson(file, "not a DMARC aggregate or failure report");
        m.put("problems", agg.problems());
        out.println(Json.write(m));
        return Main.PROCESSING_ERROR;
    }

    private byte[] read() throws IOException {
        InputStream in = file.equals("-") ? main.stdin() : Files.newInputStream(Path.of(file));
        try (in) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new IOException("larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return b;
        }
    }

    private Map<String, Object> aggregate(AggregateReport r, List<String> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("type", "aggregate");
        m.put("version", r.version());
        AggregateReport.Metadata md = r.metadata();
        if (md != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("orgName", md.orgName());
            o.put("email", md.email());
            o.put("extraContactInfo", md.extraContactInfo());
            o.put("reportId", md.reportId());
            o.put("begin", md.begin() == null ? null : md.begin().toString());
            o.put("end", md.end() == null ? null : md.end().toString());
            o.put("errors", md.errors());
            o.put("generator", md.generator());
            m.put("metadata", o);
        }
        AggregateReport.PolicyPublished pp = r.policyPublished();
        if (pp != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("domain", pp.domain());
            o.put("discoveryMethod", pp.discoveryMethod());
            o.put("adkim", pp.adkim());
            o.put("aspf", pp.aspf());
            o.put("p", pp.p());
            o.put("sp", pp.sp());
            o.put("np", pp.np());
            o.put("testing", pp.testing());
            o.put("fo", pp.fo());
            o.put("pct", pp.pct());
            m.put("policyPublished", o);
        }
        m.put("messageCount", r.messageCount());
        List<Object> rows = new ArrayList<>();
        for (AggregateReport.Row row : r.records()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("sourceIp", row.sourceIp());
            o.put("count", row.count());
            o.put("disposition", row.disposition());
            o.put("dkim", row.dkim());
            o.put("spf", row.spf());
            List<Object> reasons = new ArrayList<>();
            for (AggregateReport.OverrideReason x : row.reasons()) {
                Map<String, Object> rr = new LinkedHashMap<>();
                rr.put("type", x.type());
                rr.put("comment", x.comment());
                reasons.add(rr);
            }
            o.put("reasons", reasons);
            o.put("envelopeTo", row.envelopeTo());
            o.put("envelopeFrom", row.envelopeFrom());
            o.put("headerFrom", row.headerFrom());
            List<Object> dk = new ArrayList<>();
            for (AggregateReport.DkimAuthResult d : row.dkimResults()) {
                Map<String, Object> dd = new LinkedHashMap<>();
                dd.put("domain", d.domain());
                dd.put("selector", d.selector());
                dd.put("result", d.result());
                dd.put("humanResult", d.humanResult());
                dk.add(dd);
            }
            o.put("dkimResults", dk);
            List<Object> sp = new ArrayList<>();
            for (AggregateReport.SpfAuthResult s : row.spfResults()) {
                Map<String, Object> ss = new LinkedHashMap<>();
                ss.put("domain", s.domain());
                ss.put("scope", s.scope());
                ss.put("result", s.result());
                ss.put("humanResult", s.humanResult());
                sp.add(ss);
            }
            o.put("spfResults", sp);
            rows.add(o);
        }
        m.put("records", rows);
        m.put("problems", problems);
        return m;
    }

    private Map<String, Object> failure(FailureReportParser.Result res) {
        FailureReport f = res.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("type", "failure");
        m.put("feedbackType", res.feedbackType());
        if (f != null) {
            m.put("userAgent", f.userAgent());
            m.put("version", f.version());
            m.put("authFailure", f.authFailure());
            m.put("identityAlignment", f.identityAlignment());
            m.put("deliveryResult", f.deliveryResult());
            m.put("reportedDomain", f.reportedDomain());
            m.put("sourceIp", f.sourceIp());
            m.put("arrivalDate", f.arrivalDate());
            m.put("originalMailFrom", f.originalMailFrom());
            m.put("originalRcptTo", f.originalRcptTo());
            m.put("originalEnvelopeId", f.originalEnvelopeId());
            m.put("authenticationResults", f.authenticationResults());
            m.put("dkimDomain", f.dkimDomain());
            m.put("dkimIdentity", f.dkimIdentity());
            m.put("dkimSelector", f.dkimSelector());
            m.put("spfDns", f.spfDns());
            m.put("incidents", f.incidents());
            m.put("headersOnly", f.headersOnly());
            m.put("original", new String(f.original(), StandardCharsets.UTF_8));
        }
        m.put("problems", res.problems());
        return m;
    }
}
