package org.mailauth4j.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Lenient parsing of real-world-shaped aggregate reports (RFC 9990 "Report Contents as an Attack"). */
class AggregateReportParserTest {

    private static AggregateReportParser.Result parse(String s) {
        return AggregateReportParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The shape large receivers send under RFC 7489: no namespace, no version, pct. */
    static final String LEGACY = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <feedback>
              <report_metadata>
                <org_name>receiver.example</org_name>
                <email>noreply-dmarc@receiver.example</email>
                <report_id>1234567890</report_id>
                <date_range><begin>1700000000</begin><end>1700086399</end></date_range>
              </report_metadata>
              <policy_published>
                <domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct>
              </policy_published>
              <record>
                <row><source_ip>198.51.100.7</source_ip><count>12</count>
                  <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated>
                </row>
                <identifiers><header_from>example.com</header_from></identifiers>
                <auth_results>
                  <dkim><domain>example.com</domain><result>pass</result><selector>s1</selector></dkim>
                  <spf><domain>bounce.example.net</domain><result>softfail</result></spf>
                </auth_results>
              </record>
              <record>
                <row><source_ip>198.51.100.8</source_ip><count>3</count>
                  <policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>fail</spf>
                    <reason><type>forwarded</type><comment>list</comment></reason></policy_evaluated>
                </row>
                <identifiers><header_from>example.com</header_from></identifiers>
                <auth_results><spf><domain>example.com</domain><result>fail</result></spf></auth_results>
              </record>
            </feedback>
            """;

    @Test
    void legacyReportWithoutNamespace() {
        AggregateReportParser.Result r = parse(LEGACY);
        assertThat(r.problems()).isEmpty();
        AggregateReport a = r.reports().get(0);
        assertThat(a.version()).isNull();
        assertThat(a.metadata().orgName()).isEqualTo("receiver.example");
        assertThat(a.metadata().begin().getEpochSecond()).isEqualTo(1_700_000_000L);
        assertThat(a.policyPublished().pct()).isEqualTo("100");
        assertThat(a.records()).hasSize(2);
        assertThat(a.messageCount()).isEqualTo(15);
        assertThat(a.records().get(0).dkimResults().get(0).selector()).isEqualTo("s1");
        assertThat(a.records().get(1).reasons().get(0).type()).isEqualTo("forwarded");
    }

    @Test
    void namespacedReportWithExtensionsAndPrefixes() {
        String xml = """
                <d:feedback xmlns:d="urn:ietf:params:xml:ns:dmarc-2.0" xmlns:ext="urn:example:ext">
                  <d:version>1.0</d:version>
                  <d:report_metadata><d:org_name>o</d:org_name><d:email>e@o.example</d:email>
                    <d:report_id>id-1</d:report_id><d:date_range><d:begin>1</d:begin><d:end>2</d:end></d:date_range>
                    <d:generator>gen 1.2</d:generator></d:report_metadata>
                  <d:policy_published><d:domain>example.com</d:domain><d:discovery_method>treewalk</d:discovery_method>
                    <d:p>reject</d:p><d:np>reject</d:np><d:testing>n</d:testing></d:policy_published>
                  <d:extension><ext:thing><d:record>not a record</d:record></ext:thing></d:extension>
                  <d:record><d:row><d:source_ip>192.0.2.1</d:source_ip><d:count>1</d:count>
                    <d:policy_evaluated><d:disposition>reject</d:disposition><d:dkim>fail</d:dkim><d:spf>fail</d:spf>
                    </d:policy_evaluated></d:row>
                    <d:identifiers><d:header_from>example.com</d:header_from></d:identifiers>
                    <d:auth_results/><ext:arc>x</ext:arc></d:record>
                </d:feedback>
                """;
        AggregateReportParser.Result r = parse(xml);
        assertThat(r.problems()).isEmpty();
        AggregateReport a = r.reports().get(0);
        assertThat(a.metadata().generator()).isEqualTo("gen 1.2");
        assertThat(a.policyPublished().np()).isEqualTo("reject");
        assertThat(a.records()).hasSize(1);
    }

    @Test
    void truncatedDocumentKeepsTheCompleteRecords() {
        String cut = LEGACY.substring(0, LEGACY.indexOf("<source_ip>198.51.100.8"));
        AggregateReportParser.Result r = parse(cut);
        assertThat(r.reports()).hasSize(1);
        assertThat(r.reports().get(0).records()).hasSize(1);
        assertThat(r.problems()).anyMatch(p -> p.startsWith("malformed XML"));
        assertThat(r.problems()).anyMatch(p -> p.contains("dropped"));
    }

    @Test
    void badValuesAreReportedNotFatal() {
        String bad = LEGACY.replace("<count>12</count>", "<count>twelve</count>")
                .replace("<begin>1700000000</begin>", "<begin>yesterday</begin>");
        AggregateReportParser.Result r = parse(bad);
        assertThat(r.reports().get(0).records()).hasSize(2);
        assertThat(r.reports().get(0).records().get(0).count()).isZero();
        assertThat(r.problems()).anyMatch(p -> p.contains("unreadable count"));
        assertThat(r.problems()).anyMatch(p -> p.contains("date_range begin"));
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE feedback [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <feedback><report_metadata><org_name>&x;</org_name></report_metadata></feedback>
                """;
        AggregateReportParser.Result r = parse(xxe);
        String all = r.reports().toString() + r.problems();
        assertThat(all).doesNotContain("root:");
    }

    @Test
    void garbageAndEmptyInputs() {
        assertThat(parse("").problems()).isNotEmpty();
        assertThat(parse("hello, this is not a report").problems()).isNotEmpty();
        assertThat(AggregateReportParser.parse(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}).problems())
                .anyMatch(p -> p.contains("gzip"));
        assertThat(AggregateReportParser.parse(new byte[] {'P', 'K', 3, 4, 0, 0}).problems()).isNotEmpty();
        assertThat(parse("<html><body>no</body></html>").problems()).contains("no feedback element");
    }

    @Test
    void emailWithQuotedPrintableXmlAttachment() {
        String mail = "From: r@receiver.example\r\nSubject: Report Domain: example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=XYZ\r\n\r\npreamble\r\n--XYZ\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--XYZ\r\n"
                + "Content-Type: text/xml; name=\"r.xml\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + LEGACY.replace("\n", "\r\n").replace("encoding=\"UTF-8\"", "encoding=3D\"UTF-8\"")
                + "\r\n--XYZ--\r\n";
        AggregateReportParser.Result r = parse(mail);
        assertThat(r.problems()).isEmpty();
        assertThat(r.reports().get(0).messageCount()).isEqualTo(15);
    }

    @Test
    void emailWithoutAttachment() {
        AggregateReportParser.Result r = parse("From: a@b.example\r\nSubject: hi\r\n\r\njust text\r\n");
        assertThat(r.reports()).isEmpty();
        assertThat(r.problems()).contains("no report attachment found in the e-mail");
    }

    @Test
    void nestedArchivesAreBounded() {
        byte[] data = LEGACY.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 10; i++) {
            data = AggregateReportWriter.gzip(data);
        }
        AggregateReportParser.Result r = AggregateReportParser.parse(data);
        assertThat(r.reports()).isEmpty();
        assertThat(r.problems()).anyMatch(p -> p.contains("nested"));
        byte[] twice = AggregateReportWriter.gzip(AggregateReportWriter.gzip(LEGACY.getBytes(StandardCharsets.UTF_8)));
        assertThat(AggregateReportParser.parse(twice).reports()).hasSize(1);
    }

    @Test
    void byteOrderMarkLatin1AndCdata() {
        String latin = LEGACY.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("<org_name>receiver.example</org_name>", "<org_name><![CDATA[Empf\u00e4nger & Co]]></org_name>");
        AggregateReportParser.Result r = AggregateReportParser.parse(latin.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.problems()).isEmpty();
        assertThat(r.reports().get(0).metadata().orgName()).isEqualTo("Empf\u00e4nger & Co");
        byte[] bom = ("\uFEFF" + LEGACY.substring(LEGACY.indexOf("<feedback>"))).getBytes(StandardCharsets.UTF_8);
        assertThat(AggregateReportParser.parse(bom).reports()).hasSize(1);
    }
}
