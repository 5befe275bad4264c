package org.mailauth4j.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.dmarc.DmarcEvaluator;
import org.mailauth4j.dmarc.DmarcInput;
import org.mailauth4j.dmarc.DmarcOutcome;
import org.mailauth4j.dmarc.DmarcResult;
import org.mailauth4j.spf.SpfResult;

/** Failure reports: ARF (RFC 5965), auth-failure (RFC 6591), DMARC fields (RFC 9991 §4). */
class FailureReportTest {
    static final byte[] ORIGINAL = ("From: ceo@example.com\r\nTo: bob@receiver.example\r\nSubject: urgent\r\n"
            + "DKIM-Signature: v=1; d=example.com; s=sel; b=xx\r\n\r\nPay this invoice.\r\n")
            .getBytes(StandardCharsets.UTF_8);

    static DmarcOutcome failing(DmarcInput in) {
        ZoneResolver z = ZoneResolver.builder().txt("_dmarc.example.com",
                "v=DMARC1; p=reject; ruf=mailto:ruf@example.com; fo=1").build();
        return DmarcEvaluator.builder().resolver(z).build().evaluate(in).join();
    }

    @Test
    void generateAndParseBack() throws Exception {
        DmarcInput in = DmarcInput.builder().authorDomain("example.com").spf(SpfResult.FAIL, "attacker.example")
                .dkim(DkimResult.FAIL, "example.com", "sel").build();
        DmarcOutcome o = failing(in);
        assertThat(o.result()).isEqualTo(DmarcResult.FAIL);
        FailureReport r = FailureReport.forOutcome(in, o, "mailauth4j/0.1", InetAddress.getByName("192.0.2.66"),
                Instant.ofEpochSecond(1_700_000_000L), "bounce@attacker.example", List.of("bob@receiver.example"),
                List.of("mx.receiver.example; dmarc=fail header.from=example.com"), ORIGINAL, false);
        assertThat(r.identityAlignment()).containsExactly("dkim", "spf");
        assertThat(r.deliveryResult()).isEqualTo("reject");
        assertThat(r.dkimDomain()).isEqualTo("example.com");
        assertThat(r.dkimSelector()).isEqualTo("sel");
        assertThat(r.dkimIdentity()).isEqualTo("@example.com");

        byte[] mail = FailureReportWriter.toEmail(r, "dmarc@receiver.example", "ruf@example.com",
                Instant.ofEpochSecond(1_700_000_100L), "f1@receiver.example");
        String text = new String(mail, StandardCharsets.UTF_8);
        assertThat(text).contains("Content-Type: multipart/report; report-type=feedback-report",
                "Feedback-Type: auth-failure\r\n", "Auth-Failure: dmarc\r\n", "Identity-Alignment: dkim, spf\r\n",
                "Reported-Domain: example.com\r\n", "Source-IP: 192.0.2.66\r\n", "Content-Type: message/rfc822");
        Message.parse(mail); // a well-formed RFC 5322 message

        FailureReportParser.Result back = FailureReportParser.parse(mail);
        assertThat(back.problems()).isEmpty();
        assertThat(back.feedbackType()).isEqualTo("auth-failure");
        assertThat(back.report()).isEqualTo(r);
    }

    @Test
    void anOriginalWithDelimiterLinesAndEightBitBytesIsEmbeddedIntact() throws Exception {
        DmarcInput in = DmarcInput.builder().authorDomain("example.com").build();
        byte[] original = ("From: spoofer@example.com\r\nSubject: x\r\n\r\nhello\r\n--=_dmarc_failure_0--\r\n"
                + "--=_dmarc_failure_\r\nContent-Type: text/plain\r\n\r\nforged part\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] withLatin1 = java.util.Arrays.copyOf(original, original.length + 3);
        withLatin1[original.length] = (byte) 0xe9; // not UTF-8: must stay as received
        withLatin1[original.length + 1] = '\r';
        withLatin1[original.length + 2] = '\n';
        FailureReport r = FailureReport.forOutcome(in, failing(in), "ua", null, null, null, List.of(), List.of(),
                withLatin1, false);
        byte[] mail1 = FailureReportWriter.toEmail(r, "a@r.example", "b@example.com", Instant.EPOCH, "same@r.example");
        byte[] mail2 = FailureReportWriter.toEmail(r, "a@r.example", "b@example.com", Instant.EPOCH, "same@r.example");
        // the same report twice gets two different, unpredictable boundaries
        assertThat(boundaryOf(mail1)).isNotEqualTo(boundaryOf(mail2)).hasSize("=_dmarc_failure_".length() + 32);
        FailureReportParser.Result back = FailureReportParser.parse(mail1);
        assertThat(back.problems()).isEmpty();
        assertThat(back.report().original()).isEqualTo(withLatin1);
    }

    private static String boundaryOf(byte[] mail) {
        String text = new String(mail, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("boundary=\"") + "boundary=\"".length();
        return text.substring(at, text.indexOf('"', at));
    }

    @Test
    void headersOnlyAndAlignedCases() throws Exception {
        DmarcInput in = DmarcInput.builder().authorDomain("example.com").spf(SpfResult.PASS, "example.com").build();
        DmarcOutcome pass = failing(in);
        byte[] headers = "From: a@example.com\r\nSubject: x\r\n".getBytes(StandardCharsets.UTF_8);
        FailureReport r = FailureReport.forOutcome(in, pass, "ua", null, null, null, List.of(), List.of(), headers,
                true);
        assertThat(r.identityAlignment()).containsExactly("dkim"); // SPF aligned; DKIM did not
        byte[] mail = FailureReportWriter.toEmail(r, "a@r.example", "b@example.com", Instant.EPOCH, "id@r.example");
        assertThat(new String(mail, StandardCharsets.UTF_8)).contains("Content-Type: text/rfc822-headers");
        FailureReportParser.Result back = FailureReportParser.parse(mail);
        assertThat(back.report().headersOnly()).isTrue();
        assertThat(back.report().original()).isEqualTo(headers);
    }

    @Test
    void injectionIsNeutralised() throws Exception {
        DmarcInput in = DmarcInput.builder().authorDomain("example.com").build();
        FailureReport r = FailureReport.forOutcome(in, failing(in), "ua\r\nBcc: victim@example.net", null, null,
                "x@y.example\r\nInjected: yes", List.of(), List.of(), ORIGINAL, false);
        String text = new String(FailureReportWriter.feedbackFields(r).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r\nBcc:").doesNotContain("\r\nInjected:");
    }

    /** A report shaped like the RFC 9991 draft's Appendix A example (abridged, written here). */
    @Test
    void parsesAThirdPartyShapedReport() {
        String mail = """
                From: DMARC Filter <dmarc@gen.example>
                To: dmarcfail@consumer.example
                Subject: FW: original subject
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report;
                  boundary="=_b_"

                --=_b_
                Content-Type: text/plain; charset=utf-8

                An authentication failure report.

                --=_b_
                Content-Type: message/feedback-report

                Feedback-Type: auth-failure
                Version: 1
                User-Agent: DMARC-Filter/1.2.3
                Auth-Failure: dmarc
                Authentication-Results: gen.example;
                  dmarc=fail header.from=consumer.example
                Identity-Alignment: dkim
                DKIM-Domain: consumer.example
                DKIM-Identity: @consumer.example
                DKIM-Selector: epsilon
                Original-Mail-From: author=gen.example@forwarder.example
                Source-IP: 192.0.2.2
                Reported-Domain: consumer.example

                --=_b_
                Content-Type: message/rfc822

                From: someone@consumer.example
                Subject: hello

                body
                --=_b_--
                """.replace("\n", "\r\n");
        FailureReportParser.Result r = FailureReportParser.parse(mail.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).isEmpty();
        assertThat(r.report().identityAlignment()).containsExactly("dkim");
        assertThat(r.report().dkimSelector()).isEqualTo("epsilon");
        assertThat(r.report().authenticationResults())
                .containsExactly("gen.example; dmarc=fail header.from=consumer.example");
        assertThat(new String(r.report().original(), StandardCharsets.UTF_8)).startsWith("From: someone@");
    }

    @Test
    void missingPartsAreProblems() {
        FailureReportParser.Result r = FailureReportParser.parse("Subject: nothing\r\n\r\nhi\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).contains("no message/feedback-report part", "Feedback-Type missing (RFC 5965 section 3.1)");
    }

    /** RFC 9989 §4.7 fo and ruf; RFC 9991 §2 (no ruf from psd=y records). */
    @Test
    void whenAFailureReportIsRequested() {
        ZoneResolver z = ZoneResolver.builder()
                .txt("_dmarc.fo0.example", "v=DMARC1; p=none; ruf=mailto:r@fo0.example")
                .txt("_dmarc.fo1.example", "v=DMARC1; p=none; ruf=mailto:r@fo1.example; fo=1")
                .txt("_dmarc.fod.example", "v=DMARC1; p=none; ruf=mailto:r@fod.example; fo=d")
                .txt("_dmarc.fos.example", "v=DMARC1; p=none; ruf=mailto:r@fos.example; fo=s")
                .txt("_dmarc.noruf.example", "v=DMARC1; p=none; fo=1")
                .txt("_dmarc.psd.example", "v=DMARC1; p=none; ruf=mailto:r@psd.example; psd=y").build();
        DmarcEvaluator e = DmarcEvaluator.builder().resolver(z).build();
        java.util.function.BiFunction<String, DmarcInput.Builder, Boolean> ask = (d, b) -> {
            DmarcInput in = b.authorDomain(d).build();
            return FailureReport.requested(in, e.evaluate(in).join());
        };
        // SPF aligned pass, DKIM failed: DMARC pass.
        java.util.function.Function<String, DmarcInput.Builder> spfOnly = d -> DmarcInput.builder()
                .spf(SpfResult.PASS, d).dkim(DkimResult.FAIL, d, "s");
        assertThat(ask.apply("fo0.example", spfOnly.apply("fo0.example"))).isFalse();
        assertThat(ask.apply("fo1.example", spfOnly.apply("fo1.example"))).isTrue();
        assertThat(ask.apply("fod.example", spfOnly.apply("fod.example"))).isTrue();
        assertThat(ask.apply("fos.example", spfOnly.apply("fos.example"))).isFalse();
        // Nothing aligned: DMARC fail.
        assertThat(ask.apply("fo0.example", DmarcInput.builder().spf(SpfResult.FAIL, "x.example"))).isTrue();
        assertThat(ask.apply("fos.example", DmarcInput.builder().spf(SpfResult.FAIL, "x.example"))).isTrue();
        assertThat(ask.apply("noruf.example", DmarcInput.builder())).isFalse();
        assertThat(ask.apply("psd.example", DmarcInput.builder())).isFalse();
    }
}
