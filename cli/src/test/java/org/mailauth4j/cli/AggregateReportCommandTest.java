package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailauth4j.dmarc.report.AggregateReport;
import org.mailauth4j.dmarc.report.AggregateReportParser;

/**
 * {@code verify --aggregate-report}: a batch of archived messages, offline DNS and a pinned clock
 * give the RFC 9990 aggregate reports that run corresponds to. The expected rows follow from the
 * zone and the messages written here (see {@link #setUp}); the files are read back with
 * {@link AggregateReportParser} and validated against the RFC 9990 schema kept in the dmarc
 * module's test resources.
 */
class AggregateReportCommandTest {
    static final String AT = "2026-11-20T12:00:00Z";
    static final long T = Instant.parse(AT).getEpochSecond();
    /**
     * The period of the archive: from the earliest arrival (m6, 11:58:30 +0100) to one second
     * after the latest (11:59:00 +0000), in the Received fields the client addresses came from.
     */
    static final Instant BEGIN = Instant.parse("2026-11-20T10:58:30Z");
    static final Instant END = Instant.parse("2026-11-20T11:59:01Z");
    static final String PERIOD = "!" + BEGIN.getEpochSecond() + "!" + END.getEpochSecond() + ".xml";

    @TempDir
    Path dir;
    Path zone;
    Path messages;

    /**
     * example.com: DMARC p=quarantine, SPF 192.0.2.0/24, messages signed with selector s1; its
     * host mail.example.com: SPF 192.0.2.10 (for the HELO identity); example.org: DMARC p=reject,
     * SPF -all, nothing signed; example.net: no DMARC record.
     */
    @BeforeEach
    void setUp() throws IOException {
        String prefix = dir.resolve("s1").toString();
        Cli k = Cli.run("keygen", "--algorithm", "ed25519", "--domain", "example.com", "--selector", "s1",
                "--out", prefix);
        assertThat(k.exitCode()).as(k.err()).isZero();
        zone = dir.resolve("dns.zone");
        Files.writeString(zone, Files.readString(Path.of(prefix + ".zone")) + "\n"
                + "example.com. IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
                + "mail.example.com. IN TXT \"v=spf1 ip4:192.0.2.10 -all\"\n"
                + "_dmarc.example.com. IN TXT \"v=DMARC1; p=quarantine; rua=mailto:agg@example.com\"\n"
                + "example.org. IN TXT \"v=spf1 -all\"\n"
                + "_dmarc.example.org. IN TXT \"v=DMARC1; p=reject; adkim=s; aspf=s\"\n"
                + "example.net. IN TXT \"v=spf1 -all\"\n");
        messages = Files.createDirectories(dir.resolve("archive"));
        String received = "Received: from mail.example.com (mail.example.com [192.0.2.10])\n"
                + "\tby mx.receiver.example with ESMTPS id 1; Fri, 20 Nov 2026 11:59:00 +0000\n";
        // 1: signed by example.com, client 192.0.2.10, MAIL FROM example.com: DKIM and SPF aligned pass
        write("m1.eml", "Return-Path: <bounce@example.com>\n" + received + signed("alice@example.com", "First."));
        // 2: the same with the null reverse-path: SPF checks the HELO identity mail.example.com (RFC 7208 §2.4)
        write("m2.eml", "Return-Path: <>\n" + received + signed("alice@example.com", "Second."));
        // 3: example.org, unsigned, MAIL FROM example.org (-all); the top-most Received is a loopback
        // content-filter hop, and a lower Return-Path is not the delivering host's
        write("m3.eml", "Return-Path: <bounce@example.org>\n"
                + "Received: from localhost (localhost [127.0.0.1]) by mx.receiver.example;"
                + " Fri, 20 Nov 2026 11:59:01 +0000\n"
                + "Received: from evil.example (unknown [203.0.113.66]) by mx.receiver.example;"
                + " Fri, 20 Nov 2026 11:59:00 +0000\n"
                + "Return-Path: <bounce@example.com>\n"
                + "From: bob@example.org\nSubject: invoice\n\nPay now.\n");
        // 4: example.net has no DMARC record: not reportable
        write("m4.eml", received + "From: carol@example.net\nSubject: hi\n\nHi.\n");
        // 5: example.com, no Received field and no --ip: no client IP, skipped
        write("m5.eml", "From: dave@example.com\nSubject: hi\n\nHi.\n");
        // 6: signed by example.com, body changed after signing; IPv6 client, outside example.com's SPF
        write("m6.eml", "Return-Path: <bounce@example.com>\n"
                + "Received: from relay.example (relay.example [IPv6:2001:db8::5]) by mx.receiver.example;"
                + " Fri, 20 Nov 2026 11:58:30 +0100 (CET)\n"
                + signed("alice@example.com", "Original.").replace("Original.", "Changed."));
    }

    private String signed(String from, String body) throws IOException {
        Path m = dir.resolve("unsigned.eml");
        Files.writeString(m, "From: " + from + "\nTo: someone@receiver.example\nSubject: s\n"
                + "Date: Fri, 20 Nov 2026 11:00:00 +0000\n\n" + body + "\n");
        Cli s = Cli.run("sign", "--domain", "example.com", "--selector", "s1", "--key",
                dir.resolve("s1.pem").toString(), "--at", "2026-11-20T11:00:00Z", m.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        return s.out();
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(messages.resolve(name), content);
    }

    private Cli verify(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("verify", "--json", "--dns", zone.toString(),
                "--at", AT, "--aggregate-report", out.toString(), "--report-org", "Receiver Org",
                "--report-email", "dmarc-reports@Receiver.example"));
        args.addAll(List.of(extra));
        args.add(messages.toString());
        return Cli.run(args.toArray(String[]::new));
    }

    /** RFC 9990 file name with a unique-id: receiver!policy-domain!begin!end!unique-id.xml. */
    private static final Pattern NAME = Pattern.compile("([^!]+![^!]+![0-9]+![0-9]+)!([0-9a-f]{16})\\.xml");

    /**
     * The reports in {@code out} by file name without its unique-id; each file is valid, and its
     * Report-ID is its unique-id at the receiver.
     */
    private static Map<String, AggregateReport> read(Path out) throws Exception {
        Map<String, AggregateReport> byFile = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files(out).entrySet()) {
            byte[] xml = e.getValue();
            validate(xml);
            AggregateReportParser.Result r = AggregateReportParser.parse(xml);
            assertThat(r.problems()).as(e.getKey()).isEmpty();
            assertThat(r.reports()).hasSize(1);
            Matcher m = NAME.matcher(e.getKey());
            assertThat(m.matches()).as(e.getKey()).isTrue();
            assertThat(r.reports().get(0).metadata().reportId()).isEqualTo(m.group(2) + "@receiver.example");
            byFile.put(m.group(1) + ".xml", r.reports().get(0));
        }
        return byFile;
    }

    private static Map<String, byte[]> files(Path out) throws IOException {
        Map<String, byte[]> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                byName.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return byName;
    }

    private static void validate(byte[] xml) throws Exception {
        Path xsd = Examples.root().resolve("dmarc/src/test/resources/org/mailauth4j/dmarc/report/dmarc-2.0.xsd");
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.newSchema(xsd.toFile()).newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    @Test
    void oneReportPerPolicyDomainWithRowsFromTheReceivedAddresses() throws Exception {
        Path out = dir.resolve("reports");
        Cli v = verify(out);
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.lines()).hasSize(6); // the usual per-message output is unchanged
        assertThat(v.err()).contains("1 message not reportable").contains("1 message skipped: no client IP")
                .contains("4 messages in 2 reports written");

        Map<String, AggregateReport> reports = read(out);
        String com = "receiver.example!example.com" + PERIOD;
        String org = "receiver.example!example.org" + PERIOD;
        assertThat(reports).containsOnlyKeys(com, org);

        AggregateReport c = reports.get(com);
        assertThat(c.metadata().orgName()).isEqualTo("Receiver Org");
        assertThat(c.metadata().email()).isEqualTo("dmarc-reports@Receiver.example");
        // when the messages arrived, not when they were re-verified (--at)
        assertThat(c.metadata().begin()).isEqualTo(BEGIN);
        assertThat(c.metadata().end()).isEqualTo(END);
        AggregateReport.PolicyPublished p = c.policyPublished();
        assertThat(List.of(p.domain(), p.p(), p.sp(), p.adkim(), p.aspf(), p.testing()))
                .containsExactly("example.com", "quarantine", "quarantine", "r", "r", "n");
        assertThat(c.messageCount()).isEqualTo(3);
        // the envelope came from the trace fields, and SPF was evaluated with it
        assertThat(c.records()).extracting(AggregateReport.Row::sourceIp, AggregateReport.Row::count,
                AggregateReport.Row::disposition, AggregateReport.Row::dkim, AggregateReport.Row::spf,
                r -> r.spfResults().stream().map(x -> x.domain() + " " + x.result()).toList())
                .containsExactlyInAnyOrder(
                        tuple("192.0.2.10", 1L, "none", "pass", "pass", List.of("example.com pass")),
                        // null reverse-path: the identity is postmaster@ the HELO name (RFC 7208 §2.4)
                        tuple("192.0.2.10", 1L, "none", "pass", "pass", List.of("mail.example.com pass")),
                        tuple("2001:db8::5", 1L, "quarantine", "fail", "fail", List.of("example.com fail")));
        assertThat(c.records()).flatExtracting(AggregateReport.Row::spfResults)
                .filteredOn(x -> x.domain().equals("example.com"))
                .extracting(AggregateReport.SpfAuthResult::scope).containsOnly("mfrom");
        for (AggregateReport.Row row : c.records()) {
            assertThat(row.headerFrom()).isEqualTo("example.com");
            assertThat(row.envelopeTo()).isNull();
            assertThat(row.dkimResults()).extracting(AggregateReport.DkimAuthResult::domain,
                    AggregateReport.DkimAuthResult::selector, AggregateReport.DkimAuthResult::result)
                    .containsExactly(tuple("example.com", "s1", row.dkim()));
        }

        AggregateReport o = reports.get(org);
        assertThat(o.policyPublished().p()).isEqualTo("reject");
        assertThat(o.policyPublished().adkim()).isEqualTo("s");
        assertThat(o.records()).extracting(AggregateReport.Row::sourceIp, AggregateReport.Row::count,
                AggregateReport.Row::disposition, AggregateReport.Row::dkim, AggregateReport.Row::spf,
                AggregateReport.Row::headerFrom)
                .containsExactly(tuple("203.0.113.66", 1L, "reject", "fail", "fail", "example.org"));
        assertThat(o.records().get(0).dkimResults()).isEmpty();
        // the top-most Return-Path, not the one below the Received fields
        assertThat(o.records().get(0).spfResults())
                .containsExactly(new AggregateReport.SpfAuthResult("example.org", "mfrom", "fail", null));
    }

    @Test
    void ipv6SourcesAreWrittenInRfc5952Text() throws Exception {
        Path out = dir.resolve("v6");
        assertThat(verify(out).exitCode()).isZero();
        String xml = files(out).entrySet().stream().filter(e -> e.getKey().contains("!example.com!"))
                .map(e -> new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)).findFirst().orElseThrow();
        // RFC 5952 §4: zeros compressed with "::", lower case (m6 came from [IPv6:2001:db8::5])
        assertThat(xml).contains("<source_ip>2001:db8::5</source_ip>").doesNotContain("2001:db8:0:");
    }

    /** RFC 9990: a compressed report is named ".xml.gz" and holds the same XML. */
    @Test
    void reportGzipWritesTheSameReportsCompressed() throws Exception {
        Path plain = dir.resolve("plain");
        Path gz = dir.resolve("gz");
        assertThat(verify(plain).exitCode()).isZero();
        assertThat(verify(gz, "--report-gzip").exitCode()).isZero();
        Map<String, byte[]> xml = files(plain);
        Map<String, byte[]> compressed = files(gz);
        assertThat(compressed.keySet()).containsExactlyElementsOf(
                xml.keySet().stream().map(n -> n + ".gz").sorted().toList());
        for (Map.Entry<String, byte[]> e : xml.entrySet()) {
            byte[] z = compressed.get(e.getKey() + ".gz");
            assertThat(z[0] & 0xff).isEqualTo(0x1f); // gzip magic (RFC 1952 §2.3.1)
            assertThat(z[1] & 0xff).isEqualTo(0x8b);
            try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(z))) {
                assertThat(in.readAllBytes()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void theIpOptionIsEveryMessagesSourceAndTheEnvelopeForSpf() throws Exception {
        Path out = dir.resolve("with-ip");
        Cli v = verify(out, "--ip", "192.0.2.20", "--mail-from", "bounce@example.com");
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.err()).doesNotContain("no client IP").contains("1 message not reportable");
        Map<String, AggregateReport> reports = read(out);
        AggregateReport c = reports.get("receiver.example!example.com" + PERIOD);
        // every example.com message now comes from 192.0.2.20, inside example.com's SPF: SPF aligned pass
        assertThat(c.records()).extracting(AggregateReport.Row::sourceIp).containsOnly("192.0.2.20");
        // m1 + m2 (DKIM pass), m5 (unsigned) and m6 (signature broken) are distinct rows: their
        // auth_results differ (RFC 9990 §2.1 aggregates identical rows only)
        assertThat(c.records()).extracting(AggregateReport.Row::dkim, AggregateReport.Row::spf,
                AggregateReport.Row::disposition, AggregateReport.Row::count, r -> r.dkimResults().size())
                .containsExactlyInAnyOrder(tuple("pass", "pass", "none", 2L, 1), tuple("fail", "pass", "none", 1L, 0),
                        tuple("fail", "pass", "none", 1L, 1));
        for (AggregateReport.Row row : c.records()) {
            assertThat(row.envelopeFrom()).isEqualTo("example.com");
            assertThat(row.spfResults()).containsExactly(
                    new AggregateReport.SpfAuthResult("example.com", "mfrom", "pass", null));
        }
        // example.org's message has MAIL FROM example.com: SPF passes but is not aligned with example.org
        AggregateReport o = reports.get("receiver.example!example.org" + PERIOD);
        assertThat(o.records()).extracting(AggregateReport.Row::sourceIp, AggregateReport.Row::spf,
                AggregateReport.Row::disposition).containsExactly(tuple("192.0.2.20", "fail", "reject"));
    }

    @Test
    void mboxMessagesArePeriodByTheirArrival() throws Exception {
        // the archive as one mbox: m3 (example.org, client 203.0.113.66 behind a loopback hop), twice;
        // the loopback hop's date (11:59:01) is not when the client's message arrived (11:59:00)
        Path mbox = dir.resolve("archive.mbox");
        String m3 = Files.readString(messages.resolve("m3.eml"));
        Files.writeString(mbox, "From MAILER-DAEMON Fri Nov 20 11:59:00 2026\n" + m3 + "\n"
                + "From MAILER-DAEMON Fri Nov 20 11:59:05 2026\n" + m3.replace("11:59:00 +0000", "11:59:30 +0000"));
        Path out = dir.resolve("mbox-reports");
        Cli v = Cli.run("verify", "--dns", zone.toString(), "--aggregate-report", out.toString(), "--report-org",
                "Receiver Org", "--report-email", "dmarc@receiver.example", mbox.toString());
        assertThat(v.exitCode()).as(v.err()).isZero();
        Map<String, AggregateReport> reports = read(out);
        Instant begin = Instant.parse("2026-11-20T11:59:00Z");
        Instant end = Instant.parse("2026-11-20T11:59:31Z");
        assertThat(reports).containsOnlyKeys("receiver.example!example.org!" + begin.getEpochSecond() + "!"
                + end.getEpochSecond() + ".xml");
        AggregateReport r = reports.values().iterator().next();
        assertThat(r.metadata().begin()).isEqualTo(begin);
        assertThat(r.metadata().end()).isEqualTo(end);
        assertThat(r.records()).extracting(AggregateReport.Row::sourceIp, AggregateReport.Row::count,
                AggregateReport.Row::disposition).containsExactly(tuple("203.0.113.66", 2L, "reject"));
    }

    @Test
    void withoutAParsableArrivalThePeriodIsTheEvaluationInstant() throws Exception {
        Path only = Files.createDirectories(dir.resolve("undated"));
        Files.writeString(only.resolve("m.eml"), Files.readString(messages.resolve("m3.eml"))
                .replace("Fri, 20 Nov 2026 11:59:00 +0000", "yesterday"));
        Path out = dir.resolve("undated-reports");
        Cli v = Cli.run("verify", "--dns", zone.toString(), "--at", AT, "--aggregate-report", out.toString(),
                "--report-org", "Receiver Org", "--report-email", "dmarc@receiver.example", only.toString());
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(read(out)).containsOnlyKeys("receiver.example!example.org!" + T + "!" + (T + 1) + ".xml");
    }

    @Test
    void theUniqueIdIsAHashOfTheContent() throws Exception {
        assertThat(verify(dir.resolve("run1")).exitCode()).isZero();
        assertThat(verify(dir.resolve("run2")).exitCode()).isZero();
        Map<String, byte[]> first = files(dir.resolve("run1"));
        Map<String, byte[]> second = files(dir.resolve("run2"));
        // the same run twice: the same names and bytes (a re-sent report keeps its file name, RFC 9990)
        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (String name : first.keySet()) {
            assertThat(second.get(name)).as(name).isEqualTo(first.get(name));
        }
        // other content for the same domain and period (another --ip): another unique-id and Report-ID
        Cli other = verify(dir.resolve("run3"), "--ip", "192.0.2.20", "--mail-from", "bounce@example.com");
        assertThat(other.exitCode()).as(other.err()).isZero();
        Set<String> ids = new HashSet<>();
        for (String name : Stream.concat(first.keySet().stream(), files(dir.resolve("run3")).keySet().stream()).toList()) {
            Matcher m = NAME.matcher(name);
            assertThat(m.matches()).as(name).isTrue();
            assertThat(ids.add(m.group(2))).as(name).isTrue();
        }
        assertThat(ids).hasSize(4);
    }

    @Test
    void existingReportsAreNotOverwritten() throws Exception {
        Path out = dir.resolve("again");
        assertThat(verify(out).exitCode()).isZero();
        Map<String, AggregateReport> first = read(out);
        Cli again = verify(out);
        assertThat(again.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(again.err()).contains("exists, not overwritten");
        assertThat(read(out)).isEqualTo(first);
    }

    @Test
    void envelopeFromTraceOnItsOwn() throws Exception {
        Cli v = Cli.run("verify", "--json", "--dns", zone.toString(), "--at", AT, "--envelope-from-trace",
                messages.resolve("m1.eml").toString(), messages.resolve("m3.eml").toString(),
                messages.resolve("m5.eml").toString());
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.lines()).hasSize(3);
        // m1: 192.0.2.10 and MAIL FROM bounce@example.com: inside example.com's ip4:192.0.2.0/24
        assertThat(v.lines()[0]).contains("\"spf\":{\"result\":\"pass\",\"domain\":\"example.com\"");
        // m3: 203.0.113.66 and MAIL FROM bounce@example.org: "v=spf1 -all"
        assertThat(v.lines()[1]).contains("\"spf\":{\"result\":\"fail\",\"domain\":\"example.org\"");
        // m5: no trace fields, no envelope
        assertThat(v.lines()[2]).contains("\"spf\":{\"result\":\"none\"");
        Cli both = Cli.run("verify", "--envelope-from-trace", "--ip", "192.0.2.1", messages.toString());
        assertThat(both.exitCode()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("--envelope-from-trace");
        Cli noIp = Cli.run("verify", "--aggregate-report", dir.resolve("y").toString(), "--report-org", "Org",
                "--report-email", "a@receiver.example", "--mail-from", "a@example.com", messages.toString());
        assertThat(noIp.exitCode()).isEqualTo(Main.USAGE);
        assertThat(noIp.err()).contains("--ip");
    }

    @Test
    void aFailedWriteLeavesNoReportBehind() throws Exception {
        // the directory cannot be created (its parent is a file), whoever runs the test
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Cli v = verify(file.resolve("reports"));
        assertThat(v.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(v.err()).contains("cannot write in").contains("no report written");
        // one of the two reports exists already: neither is written, no temporary file stays
        Path out = dir.resolve("half");
        assertThat(verify(out).exitCode()).isZero();
        Map<String, byte[]> before = files(out);
        String org = before.keySet().stream().filter(n -> n.contains("!example.org!")).findFirst().orElseThrow();
        String com = before.keySet().stream().filter(n -> n.contains("!example.com!")).findFirst().orElseThrow();
        Files.delete(out.resolve(com));
        Cli again = verify(out);
        assertThat(again.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(again.err()).contains(org).contains("exists, not overwritten");
        assertThat(files(out).keySet()).containsExactly(org);
    }

    @Test
    void reportReceiverNamesTheReceiverInFileNamesAndReportIds() throws Exception {
        Path out = dir.resolve("receiver");
        Cli v = verify(out, "--report-receiver", "MX.Receiver.example");
        assertThat(v.exitCode()).as(v.err()).isZero();
        Map<String, byte[]> files = files(out);
        assertThat(files).hasSize(2);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertThat(e.getKey()).startsWith("mx.receiver.example!");
            AggregateReport r = AggregateReportParser.parse(e.getValue()).reports().get(0);
            assertThat(r.metadata().reportId()).endsWith("@mx.receiver.example");
            assertThat(r.metadata().email()).isEqualTo("dmarc-reports@Receiver.example");
        }
    }

    @Test
    void theReportOptionsGoTogether() {
        Cli missing = Cli.run("verify", "--aggregate-report", dir.resolve("x").toString(), "--report-org", "Org",
                messages.toString());
        assertThat(missing.exitCode()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("--report-email");
        Cli orphan = Cli.run("verify", "--report-org", "Org", messages.toString());
        assertThat(orphan.exitCode()).isEqualTo(Main.USAGE);
        assertThat(orphan.err()).contains("--aggregate-report");
        Cli badEmail = Cli.run("verify", "--aggregate-report", dir.resolve("x").toString(), "--report-org", "Org",
                "--report-email", "no-domain", messages.toString());
        assertThat(badEmail.exitCode()).isEqualTo(Main.USAGE);
        assertThat(badEmail.err()).contains("--report-email");
        // the receiver becomes part of file names: a domain name of letters, digits, '-' and '.' only
        Cli slash = Cli.run("verify", "--aggregate-report", dir.resolve("x").toString(), "--report-org", "Org",
                "--report-email", "a@../../etc", messages.toString());
        assertThat(slash.exitCode()).isEqualTo(Main.USAGE);
        assertThat(slash.err()).contains("--report-email");
        Cli badReceiver = Cli.run("verify", "--aggregate-report", dir.resolve("x").toString(), "--report-org", "Org",
                "--report-email", "a@receiver.example", "--report-receiver", "x!y.example", messages.toString());
        assertThat(badReceiver.exitCode()).isEqualTo(Main.USAGE);
        assertThat(badReceiver.err()).contains("--report-receiver");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
