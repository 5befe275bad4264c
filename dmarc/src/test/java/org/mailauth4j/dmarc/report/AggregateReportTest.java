package org.mailauth4j.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.dmarc.DmarcEvaluator;
import org.mailauth4j.dmarc.DmarcInput;
import org.mailauth4j.dmarc.DmarcMode;
import org.mailauth4j.dmarc.DmarcOutcome;
import org.mailauth4j.spf.SpfResult;

/** Aggregate reports (RFC 9990; RFC 7489 Appendix C): generation, schema validity, lenient parsing. */
class AggregateReportTest {
    static final Instant BEGIN = Instant.ofEpochSecond(1_700_000_000L);
    static final Instant END = BEGIN.plusSeconds(86_400);
    static final ZoneResolver ZONE = ZoneResolver.builder()
            .txt("_dmarc.example.com", "v=DMARC1; p=reject; t=y; rua=mailto:agg@example.com; adkim=s; bogus=1; fo=x")
            .txt("_dmarc.example.org", "v=DMARC1; p=quarantine; sp=none; np=reject; pct=50")
            .address("host.example.org", "192.0.2.9").build();

    static List<AggregateReport> reports;

    static DmarcOutcome eval(DmarcMode mode, DmarcInput in) {
        return DmarcEvaluator.builder().resolver(ZONE).mode(mode).pctSampler(() -> 0.9).build().evaluate(in).join();
    }

    @BeforeAll
    static void build() throws Exception {
        AggregateReportBuilder b = new AggregateReportBuilder("Receiver Inc.", "dmarc@receiver.example",
                "receiver.example");
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        DmarcInput pass = DmarcInput.builder().authorDomain("example.com").spf(SpfResult.PASS, "example.com")
                .dkim(DkimResult.FAIL, "example.net", "s1").dkim(DkimResult.PASS, "example.com", "s2").build();
        DmarcInput fail = DmarcInput.builder().authorDomain("example.com").spf(SpfResult.FAIL, "bounce.example.net")
                .build();
        for (int i = 0; i < 3; i++) {
            b.add(a, "receiver.example", pass, eval(DmarcMode.RFC9989, pass));
        }
        b.add(v6, null, fail, eval(DmarcMode.RFC9989, fail));
        b.add(v6, null, fail, eval(DmarcMode.RFC9989, fail));
        DmarcInput sub = DmarcInput.builder().authorDomain("host.example.org").build();
        b.add(a, null, sub, eval(DmarcMode.RFC7489, sub));
        DmarcInput nothing = DmarcInput.builder().authorDomain("nopolicy.example").build();
        b.add(a, null, nothing, eval(DmarcMode.RFC9989, nothing));
        reports = b.build(BEGIN, END);
        assertThat(b.skipped()).isEqualTo(1);
    }

    static void validate(byte[] xml, String schema) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.newSchema(new StreamSource(AggregateReportTest.class.getResourceAsStream(schema)))
                .newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @Test
    void oneReportPerPolicyDomainWithGroupedRows() {
        assertThat(reports).hasSize(2);
        AggregateReport com = reports.get(0);
        assertThat(com.policyPublished().domain()).isEqualTo("example.com");
        assertThat(com.policyPublished().discoveryMethod()).isEqualTo("treewalk");
        assertThat(com.policyPublished().testing()).isEqualTo("y");
        assertThat(com.policyPublished().adkim()).isEqualTo("s");
        assertThat(com.records()).hasSize(2);
        assertThat(com.messageCount()).isEqualTo(5);
        AggregateReport.Row passRow = com.records().get(0);
        assertThat(passRow.count()).isEqualTo(3);
        assertThat(passRow.dkim()).isEqualTo("pass");
        assertThat(passRow.spf()).isEqualTo("pass");
        assertThat(passRow.disposition()).isEqualTo("none");
        // The aligned pass is listed first (RFC 9990 "DKIM Signatures in Aggregate Reports").
        assertThat(passRow.dkimResults()).extracting(AggregateReport.DkimAuthResult::domain)
                .containsExactly("example.com", "example.net");
        AggregateReport.Row failRow = com.records().get(1);
        assertThat(failRow.count()).isEqualTo(2);
        assertThat(failRow.sourceIp()).isEqualTo("2001:db8::1");
        assertThat(failRow.disposition()).isEqualTo("quarantine"); // reject lowered by t=y
        assertThat(failRow.reasons()).extracting(AggregateReport.OverrideReason::type)
                .containsExactly("policy_test_mode");
        assertThat(com.metadata().errors()).anyMatch(e -> e.contains("fo="));

        AggregateReport org = reports.get(1);
        assertThat(org.policyPublished().discoveryMethod()).isEqualTo("psl");
        assertThat(org.policyPublished().pct()).isEqualTo("50");
        assertThat(org.records().get(0).disposition()).isEqualTo("none"); // sp=none
    }

    /** RFC 9990's schema takes RFC 5952 text; RFC 7489 Appendix C's IPAddress pattern only eight groups. */
    @Test
    void ipv6SourceIpIsWrittenAsEachSchemaAllows() {
        AggregateReport r = reports.stream().filter(x -> x.records().stream()
                .anyMatch(row -> row.sourceIp().contains(":"))).findFirst().orElseThrow();
        String v2 = new String(AggregateReportWriter.toXml(r, ReportFormat.RFC9990), java.nio.charset.StandardCharsets.UTF_8);
        String v1 = new String(AggregateReportWriter.toXml(r, ReportFormat.RFC7489), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(v2).contains("<source_ip>2001:db8::1</source_ip>");
        assertThat(v1).contains("<source_ip>2001:db8:0:0:0:0:0:1</source_ip>");
    }

    @Test
    void generatedXmlIsValidAgainstBothSchemas() throws Exception {
        for (AggregateReport r : reports) {
            validate(AggregateReportWriter.toXml(r, ReportFormat.RFC9990), "dmarc-2.0.xsd");
            validate(AggregateReportWriter.toXml(r, ReportFormat.RFC7489), "rfc7489.xsd");
        }
    }

    @Test
    void schemaValidationCatchesABrokenReport() throws Exception {
        String bad = new String(AggregateReportWriter.toXml(reports.get(0), ReportFormat.RFC9990),
                StandardCharsets.UTF_8).replace("<disposition>none</disposition>", "<disposition>drop</disposition>");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> validate(bad.getBytes(StandardCharsets.UTF_8), "dmarc-2.0.xsd"))
                .isInstanceOf(org.xml.sax.SAXException.class);
    }

    @Test
    void roundTripThroughXmlGzipZipAndEmail() throws Exception {
        AggregateReport r = reports.get(0);
        byte[] xml = AggregateReportWriter.toXml(r, ReportFormat.RFC9990);
        byte[] gz = AggregateReportWriter.gzip(xml);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("report.xml"));
            z.write(xml);
            z.closeEntry();
        }
        byte[] mail = AggregateReportWriter.toEmail("dmarc@receiver.example", "agg@example.com",
                "receiver.example", r, ReportFormat.RFC9990, END);
        for (byte[] data : List.of(xml, gz, zip.toByteArray(), mail)) {
            AggregateReportParser.Result p = AggregateReportParser.parse(data);
            assertThat(p.problems()).isEmpty();
            assertThat(p.reports()).containsExactly(r);
        }
        String m = new String(mail, StandardCharsets.UTF_8);
        assertThat(m).contains("Subject: Report Domain: example.com Submitter: receiver.example Report-ID: <");
        assertThat(m).contains("filename=\"receiver.example!example.com!1700000000!1700086400.xml.gz\"");
    }

    @Test
    void rfc7489FormatParsesBackWithPct() {
        AggregateReport r = reports.get(1);
        AggregateReportParser.Result p = AggregateReportParser.parse(AggregateReportWriter.toXml(r, ReportFormat.RFC7489));
        assertThat(p.problems()).isEmpty();
        AggregateReport back = p.reports().get(0);
        assertThat(back.policyPublished().pct()).isEqualTo("50");
        // RFC 7489's schema requires an SPF result in every record: a row whose message had no
        // SPF domain gets "none" for the From domain there (RFC 9990 leaves the element out)
        List<AggregateReport.Row> expected = new java.util.ArrayList<>();
        for (AggregateReport.Row x : r.records()) {
            expected.add(!x.spfResults().isEmpty() ? x : new AggregateReport.Row(x.sourceIp(), x.count(), x.disposition(),
                    x.dkim(), x.spf(), x.reasons(), x.envelopeTo(), x.envelopeFrom(), x.headerFrom(), x.dkimResults(),
                    List.of(new AggregateReport.SpfAuthResult(x.headerFrom(), "mfrom", "none", null))));
        }
        assertThat(back.records()).isEqualTo(expected);
    }

    @Test
    void filenameRejectsBadUniqueId() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> AggregateReportWriter.filename("r.example", reports.get(0), "a!b", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AggregateReportWriter.filename("r.example", reports.get(0), "x1", false))
                .isEqualTo("r.example!example.com!1700000000!1700086400!x1.xml");
    }
}
