package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.dns.IpLiteral;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;

/** {@link MessageTrace}: the envelope an archived message's trace fields give (RFC 5321 §4.4). */
class MessageTraceTest {

    private static MessageTrace trace(String headers) throws MessageFormatException {
        return MessageTrace.of(Message.parse((headers + "\nFrom: a@example.com\n\nbody\n")
                .getBytes(StandardCharsets.US_ASCII)).headers());
    }

    @Test
    void envelopeFromTheTopMostReturnPathAndFromClause() throws Exception {
        MessageTrace t = trace("Return-Path: <bounce@example.com>\n"
                + "Received: from localhost (localhost [127.0.0.1]) by mx.example; Fri, 20 Nov 2026 12:00:00 +0000\n"
                + "Received: from mail.example.com (rdns.example [192.0.2.10]) by mx.example;"
                + " Fri, 20 Nov 2026 11:59:00 +0000\n"
                + "Return-Path: <old@example.org>\n"
                + "Received: from forged.example (forged.example [198.51.100.1]) by other.example; x");
        assertThat(IpLiteral.format(t.clientIp())).isEqualTo("192.0.2.10");
        assertThat(t.helo()).isEqualTo("mail.example.com");
        assertThat(t.mailFrom()).isEqualTo("bounce@example.com");
        assertThat(t.envelope()).isEqualTo(new Envelope(t.clientIp(), "mail.example.com", "bounce@example.com"));
    }

    @Test
    void heloOnlyWhenTheFromDomainIsADomainName() throws Exception {
        assertThat(trace("Received: from [192.0.2.1] (helo=x) by mx; x").helo()).isNull();
        assertThat(trace("Received: from unknown_host! (unknown [192.0.2.1]) by mx; x").helo()).isNull();
        assertThat(trace("Received: from unknown (HELO h.example) (192.0.2.1) by mx; x").helo()).isNull();
        assertThat(trace("Received: from -h.example (unknown [192.0.2.1]) by mx; x").helo()).isNull();
        assertThat(trace("Received: from h.example (unknown [192.0.2.1]) by mx; x").helo()).isEqualTo("h.example");
        assertThat(trace("Received: from H-1.Example.COM. (unknown [192.0.2.1]) by mx; x").helo())
                .isEqualTo("H-1.Example.COM.");
    }

    @Test
    void noClientAddressNoEnvelope() throws Exception {
        MessageTrace t = trace("Return-Path: <bounce@example.com>\nSubject: no Received field");
        assertThat(t.clientIp()).isNull();
        assertThat(t.mailFrom()).isEqualTo("bounce@example.com");
        assertThat(t.envelope()).isEqualTo(Envelope.NONE);
        assertThat(trace("Received: from h.example (h.example) by mx; x").envelope()).isEqualTo(Envelope.NONE);
    }

    @Test
    void arrivalIsTheDateTimeOfTheFieldTheAddressCameFrom() throws Exception {
        MessageTrace t = trace("Received: from localhost (localhost [127.0.0.1]) by mx; Fri, 20 Nov 2026 12:00:00 +0000\n"
                + "Received: from a.example (a.example [192.0.2.1]) by mx; Fri, 20 Nov 2026 12:59:00 +0100 (CET)");
        assertThat(t.arrival()).isEqualTo(Instant.parse("2026-11-20T11:59:00Z"));
        // RFC 5322 §3.3: day-of-week and seconds optional, FWS and comments anywhere
        assertThat(MessageTrace.dateTime(" by mx; 20 Nov 2026 11:59 -0230")).isEqualTo(Instant.parse("2026-11-20T14:29:00Z"));
        assertThat(MessageTrace.dateTime(" id 1;\r\n\tFri, 20 Nov 2026 11:59:00 +0000 (UTC)"))
                .isEqualTo(Instant.parse("2026-11-20T11:59:00Z"));
        // the last ';' starts the date-time
        assertThat(MessageTrace.dateTime(" from x (a;b) by mx; Fri, 20 Nov 2026 11:59:00 GMT"))
                .isEqualTo(Instant.parse("2026-11-20T11:59:00Z"));
        // no date, a wrong day of the week, garbage: none
        assertThat(MessageTrace.dateTime(" from x by mx")).isNull();
        assertThat(MessageTrace.dateTime(" by mx; Mon, 20 Nov 2026 11:59:00 +0000")).isNull();
        assertThat(MessageTrace.dateTime(" by mx; yesterday")).isNull();
        assertThat(MessageTrace.dateTime(" by mx; " + "1".repeat(10_000))).isNull();
    }

    @Test
    void reversePathOfReturnPath() {
        // RFC 5322 §3.6.7 path = angle-addr / ([CFWS] "<" [CFWS] ">" [CFWS])
        assertThat(MessageTrace.reversePath(" <>")).isEmpty();
        assertThat(MessageTrace.reversePath(" < > (null sender)")).isEmpty();
        assertThat(MessageTrace.reversePath(" <bounce@example.com>")).isEqualTo("bounce@example.com");
        assertThat(MessageTrace.reversePath(" (comment) <a.b+tag@sub.example.com> ")).isEqualTo("a.b+tag@sub.example.com");
        // RFC 5321 §4.1.2 obsolete source route, dropped
        assertThat(MessageTrace.reversePath(" <@relay.example,@r2.example:user@example.com>")).isEqualTo("user@example.com");
        // not a path: unknown, never guessed
        assertThat(MessageTrace.reversePath(" bounce@example.com")).isNull();
        assertThat(MessageTrace.reversePath(" <no-domain>")).isNull();
        assertThat(MessageTrace.reversePath(" <a@>")).isNull();
        assertThat(MessageTrace.reversePath(" <a b@example.com>")).isNull();
        assertThat(MessageTrace.reversePath(" <" + "a".repeat(250) + "@example.com>")).isNull();
        assertThat(MessageTrace.reversePath("")).isNull();
    }
}
