package org.mailauth4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dmarc.report.AggregateReport;
import org.mailauth4j.dmarc.report.AggregateReportBuilder;

/**
 * {@link AuthenticationReport#addTo}: a message authenticated by the facade becomes a row of an
 * RFC 9990 aggregate report. Expected values follow from the zone and the messages below: SPF
 * {@code ip4:192.0.2.0/24 -all} for example.com, DMARC {@code p=reject} for example.com, no DMARC
 * record for example.net.
 */
class AggregateReportingTest {
    static final Instant BEGIN = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant END = Instant.parse("2026-11-21T00:00:00Z");
    static Authenticator auth;

    @BeforeAll
    static void setUp() {
        AuthenticatorTest.keys();
        auth = AuthenticatorTest.builder(ZoneResolver.builder()
                .txt("rsa._domainkey.example.com", DkimKeys.keyRecord(AuthenticatorTest.rsa.publicKey()))
                .txt("ed._domainkey.example.com", DkimKeys.keyRecord(AuthenticatorTest.ed.publicKey()))
                .txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all")
                .txt("_dmarc.example.com", "v=DMARC1; p=reject; adkim=s")
                .txt("example.net", "v=spf1 -all")
                .build()).build();
    }

    static AggregateReportBuilder builder() {
        return new AggregateReportBuilder("Receiver Org", "dmarc-reports@receiver.example", "receiver.example");
    }

    static byte[] unsigned(String from) {
        return ("From: " + from + "\r\nTo: bob@example.org\r\nSubject: hi\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aPassingMessageBecomesARowWithItsEnvelopeIpIdentifiersAndEverySignature() throws Exception {
        AuthenticationReport r = auth.authenticate(AuthenticatorTest.signed(),
                Envelope.of("192.0.2.7", "mail.example.com", "alice@example.com"));
        AggregateReportBuilder b = builder();
        assertThat(r.addTo(b, "Example.ORG")).isTrue();

        List<AggregateReport> reports = b.build(BEGIN, END);
        assertThat(reports).hasSize(1);
        AggregateReport rep = reports.get(0);
        assertThat(rep.policyPublished().domain()).isEqualTo("example.com");
        assertThat(rep.policyPublished().p()).isEqualTo("reject");
        assertThat(rep.policyPublished().adkim()).isEqualTo("s");
        assertThat(rep.policyPublished().aspf()).isEqualTo("r"); // RFC 9989 default
        assertThat(rep.metadata().begin()).isEqualTo(BEGIN);
        assertThat(rep.metadata().end()).isEqualTo(END);
        assertThat(rep.records()).hasSize(1);
        AggregateReport.Row row = rep.records().get(0);
        assertThat(row.sourceIp()).isEqualTo("192.0.2.7");
        assertThat(row.count()).isEqualTo(1);
        assertThat(row.disposition()).isEqualTo("none");
        assertThat(row.dkim()).isEqualTo("pass");
        assertThat(row.spf()).isEqualTo("pass");
        assertThat(row.headerFrom()).isEqualTo("example.com");
        assertThat(row.envelopeFrom()).isEqualTo("example.com");
        assertThat(row.envelopeTo()).isEqualTo("example.org");
        // both signatures (d=example.com, strictly aligned passes) in signature order, topmost first
        assertThat(row.dkimResults()).extracting(AggregateReport.DkimAuthResult::selector).containsExactly("ed", "rsa");
        assertThat(row.dkimResults()).extracting(AggregateReport.DkimAuthResult::result).containsOnly("pass");
        assertThat(row.spfResults()).containsExactly(new AggregateReport.SpfAuthResult("example.com", "mfrom", "pass",
                null));
    }

    @Test
    void aForgeryIsCountedPerSourceIpWithTheRejectDisposition() throws Exception {
        AggregateReportBuilder b = builder();
        Envelope forger = Envelope.of("203.0.113.5", "forger.example", "ceo@example.com");
        for (int i = 0; i < 2; i++) {
            AuthenticationReport r = auth.authenticate(unsigned("CEO <ceo@example.com>"), forger);
            assertThat(r.dmarc().result()).isEqualTo("fail");
            assertThat(r.addTo(b, null)).isTrue();
        }
        AuthenticationReport other = auth.authenticate(unsigned("ceo@example.com"),
                Envelope.of("198.51.100.9", "other.example", "ceo@example.com"));
        assertThat(other.addTo(b, null)).isTrue();

        AggregateReport rep = b.build(BEGIN, END).get(0);
        assertThat(rep.messageCount()).isEqualTo(3);
        assertThat(rep.records()).extracting(AggregateReport.Row::sourceIp, AggregateReport.Row::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("203.0.113.5", 2L),
                        org.assertj.core.groups.Tuple.tuple("198.51.100.9", 1L));
        for (AggregateReport.Row row : rep.records()) {
            assertThat(row.disposition()).isEqualTo("reject");
            assertThat(row.dkim()).isEqualTo("fail");
            assertThat(row.spf()).isEqualTo("fail");
            assertThat(row.envelopeTo()).isNull();
            assertThat(row.dkimResults()).isEmpty();
            assertThat(row.spfResults()).extracting(AggregateReport.SpfAuthResult::result).containsExactly("fail");
        }
    }

    @Test
    void theSourceIpCanBeGivenWhenTheEnvelopeHadNone() throws Exception {
        AuthenticationReport r = auth.authenticate(AuthenticatorTest.signed(), Envelope.NONE);
        AggregateReportBuilder b = builder();
        assertThatThrownBy(() -> r.addTo(b, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no client IP");
        assertThat(b.build(BEGIN, END)).isEmpty();

        assertThat(r.addTo(b, InetAddress.getByName("2001:db8::25"), null)).isTrue();
        AggregateReport.Row row = b.build(BEGIN, END).get(0).records().get(0);
        assertThat(InetAddress.getByName(row.sourceIp())).isEqualTo(InetAddress.getByName("2001:db8::25"));
        // no envelope: SPF was not checked, DKIM alone passes DMARC
        assertThat(row.spf()).isEqualTo("fail");
        assertThat(row.dkim()).isEqualTo("pass");
        assertThat(row.disposition()).isEqualTo("none");
        assertThat(row.sourceIp()).isEqualTo("2001:db8::25"); // RFC 5952 §4
        assertThat(row.spfResults()).isEmpty(); // no SPF domain was checked: no SPF result (RFC 9990)
    }

    @Test
    void messagesWithoutAnApplicablePolicyAreNotReported() throws Exception {
        AggregateReportBuilder b = builder();
        InetAddress ip = InetAddress.getByName("192.0.2.7");
        // example.net publishes no DMARC record: dmarc=none
        AuthenticationReport none = auth.authenticate(unsigned("x@example.net"), Envelope.NONE);
        assertThat(none.dmarc().result()).isEqualTo("none");
        assertThat(none.addTo(b, ip, null)).isFalse();
        assertThat(b.skipped()).isEqualTo(1);
        // no From field: no Author Domain, permerror
        AuthenticationReport noFrom = auth.authenticate("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                Envelope.NONE);
        assertThat(noFrom.addTo(b, ip, null)).isFalse();
        assertThat(b.build(BEGIN, END)).isEmpty();
    }
}
