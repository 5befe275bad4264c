package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: aggregate reports (XML, gzip) to JSON; non-reports are processing errors. */
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A report in the RFC 7489 Appendix C schema, written for this test. */
    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feedback>
              <report_metadata>
                <org_name>receiver.example</org_name>
                <email>noreply-dmarc@receiver.example</email>
                <report_id>r-2026-11-20</report_id>
                <date_range><begin>1795132800</begin><end>1795219200</end></date_range>
              </report_metadata>
              <policy_published><domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>reject</p><sp>reject</sp><pct>100</pct></policy_published>
              <record>
                <row><source_ip>192.0.2.10</source_ip><count>3</count>
                  <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>
                <identifiers><header_from>example.com</header_from></identifiers>
                <auth_results>
                  <dkim><domain>example.com</domain><selector>rsa2026</selector><result>pass</result></dkim>
                  <spf><domain>example.com</domain><result>pass</result></spf>
                </auth_results>
              </record>
              <record>
                <row><source_ip>203.0.113.7</source_ip><count>2</count>
                  <policy_evaluated><disposition>reject</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated></row>
                <identifiers><header_from>example.com</header_from></identifiers>
                <auth_results><spf><domain>example.com</domain><result>fail</result></spf></auth_results>
              </record>
            </feedback>
            """;

    @Test
    void aggregateXmlAndGzip(@TempDir Path dir) throws IOException {
        Path xml = dir.resolve("report.xml");
        Files.writeString(xml, XML);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(XML.getBytes(StandardCharsets.UTF_8));
        }
        Path gzip = dir.resolve("report.xml.gz");
        Files.write(gzip, gz.toByteArray());
        for (Path p : new Path[] {xml, gzip}) {
            Cli r = Cli.run("report", p.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode n = JSON.readTree(r.out());
            assertThat(n.get("type").asText()).isEqualTo("aggregate");
            assertThat(n.at("/metadata/orgName").asText()).isEqualTo("receiver.example");
            assertThat(n.at("/metadata/begin").asText()).isEqualTo("2026-11-20T00:00:00Z");
            assertThat(n.at("/policyPublished/domain").asText()).isEqualTo("example.com");
            assertThat(n.at("/policyPublished/p").asText()).isEqualTo("reject");
            assertThat(n.get("messageCount").asLong()).isEqualTo(5);
            assertThat(n.get("records")).hasSize(2);
            assertThat(n.at("/records/1/sourceIp").asText()).isEqualTo("203.0.113.7");
            assertThat(n.at("/records/1/disposition").asText()).isEqualTo("reject");
            assertThat(n.at("/records/0/dkimResults/0/selector").asText()).isEqualTo("rsa2026");
        }
    }

    @Test
    void notAReportIsAProcessingError(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.txt");
        Files.writeString(junk, "hello, not a report\n");
        Cli r = Cli.run("report", junk.toString());
        assertThat(r.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(JSON.readTree(r.out()).get("error").asText()).contains("not a DMARC aggregate or failure report");
        Cli missing = Cli.run("report", dir.resolve("absent.xml").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(missing.out()).contains("cannot read");
    }
}
