package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.IpLiteral;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.testing.NoNameLookups;

/**
 * {@link ReceivedFrom} and {@link MessageTrace#clientIp()}: the client address is the TCP-info of the
 * top-most Received from clause (RFC 5321 §4.4: "derived by server from TCP connection not client
 * EHLO"), in the forms Postfix, Sendmail, Exim, qmail and Exchange write; the fields are written
 * here, the expected addresses are the ones the connection lines name.
 */
class ReceivedFromTest {

    private static String ip(String value) {
        ReceivedFrom f = ReceivedFrom.parse(value);
        return f == null || f.ip() == null ? null : IpLiteral.format(f.ip());
    }

    @Test
    void tcpInfoInTheComment() {
        // Postfix: from HELO (rDNS [ip])
        assertThat(ip(" from mail.example.com (mail.example.com [192.0.2.1]) by mx; Fri, 20 Nov 2026 11:59:00 +0000"))
                .isEqualTo("192.0.2.1");
        assertThat(ip(" from [198.51.100.1] (unknown [192.0.2.2]) by mx; date")).isEqualTo("192.0.2.2");
        assertThat(ip(" from x (x [IPv6:2001:db8::1]) by mx")).isEqualTo("2001:db8::1");
        // Sendmail: a nested comment after the TCP-info, and ident user@host
        assertThat(ip(" from h.example (h.example [192.0.2.7] (may be forged)) by mx")).isEqualTo("192.0.2.7");
        assertThat(ip(" from h.example (root@h.example [192.0.2.8]) by mx")).isEqualTo("192.0.2.8");
        assertThat(ip(" from h.example ([192.0.2.12]) by mx")).isEqualTo("192.0.2.12");
        // a HELO that reads like a clause keyword is still the From-domain
        assertThat(ip(" from by (rdns.example [192.0.2.1]) by mx")).isEqualTo("192.0.2.1");
        assertThat(ip(" from with (rdns.example [192.0.2.1]) by mx")).isEqualTo("192.0.2.1");
        assertThat(ReceivedFrom.parse(" from with (rdns.example [192.0.2.1]) by mx").domain()).isEqualTo("with");
    }

    @Test
    void theClientsHeloLiteralNeverBeatsTheConnectionsAddress() {
        // Exim without a host name: the connection's address at top level, HELO in the comment
        assertThat(ip(" from [192.0.2.1] (port=1234 helo=[10.0.0.1]) by mx with esmtp id 1")).isEqualTo("192.0.2.1");
        assertThat(ip(" from [192.0.2.1] (helo=[10.0.0.1]) by mx")).isEqualTo("192.0.2.1");
        assertThat(ip(" from [192.0.2.3] (helo=foo) by mx with esmtp")).isEqualTo("192.0.2.3");
        // Exim with a host name: ([ip]:port helo=...)
        assertThat(ip(" from mail.example ([192.0.2.4]:25 helo=[10.0.0.1]) by mx")).isEqualTo("192.0.2.4");
        // qmail: (HELO [x]) is the client's word, (ip) the connection
        assertThat(ip(" from unknown (HELO [10.0.0.1]) (192.0.2.1) by mx with SMTP")).isEqualTo("192.0.2.1");
        assertThat(ip(" from unknown (HELO mail.example) (user@192.0.2.5) by mx")).isEqualTo("192.0.2.5");
        // Exchange / Office 365: a bare address in the comment
        assertThat(ip(" from NAM12.outbound.example (2603:10b6:a03:1b4::22) by mx.example with Microsoft SMTP"
                + " Server (version=TLS1_2)")).isEqualTo("2603:10b6:a03:1b4::22");
        // only depth-1 words count: a literal in a nested comment is not the TCP-info
        assertThat(ip(" from x (x (y [192.0.2.9]) [192.0.2.1]) by mx")).isEqualTo("192.0.2.1");
        assertThat(ip(" from x ((y [192.0.2.9])) by mx")).isNull();
    }

    @Test
    void noUsableAddress() {
        assertThat(ReceivedFrom.parse(" by mx.example (Postfix, from userid 0) id 1; date")).isNull();
        assertThat(ReceivedFrom.parse("")).isNull();
        assertThat(ReceivedFrom.parse(" (qmail 1234 invoked from network); date")).isNull();
        assertThat(ip(" from host.example by mx ([192.0.2.5]) for <a@b>")).isNull();
        assertThat(ip(" from x (x [not.an.ip]) by mx")).isNull();
        assertThat(ip(" from x (x [192.0.2.6")).isNull();
        assertThat(ip(" from x (x [1.2.3.999]) by mx")).isNull();
        assertThat(ip(" from x (x [192.0.2.6]junk) by mx")).isNull();
        // unspecified and multicast addresses are never a client's source
        assertThat(ip(" from x (x [0.0.0.0]) by mx")).isNull();
        assertThat(ip(" from x (x [IPv6:::]) by mx")).isNull();
        assertThat(ip(" from x (x [224.0.0.1]) by mx")).isNull();
        assertThat(ip(" from x (x [IPv6:ff02::1]) by mx")).isNull();
        assertThat(ReceivedFrom.parse(" from x (x [224.0.0.1]) by mx").loopback()).isFalse();
        // loopback: marked, so the caller passes over it
        ReceivedFrom lo = ReceivedFrom.parse(" from localhost (localhost [127.0.0.1]) by mx");
        assertThat(lo.loopback()).isTrue();
        assertThat(lo.ip()).isNull();
        assertThat(ReceivedFrom.parse(" from localhost (HELO localhost) (127.0.0.1) by mx").loopback()).isTrue();
        assertThat(ReceivedFrom.parse(" from [IPv6:::1] (helo=x) by mx").loopback()).isTrue();
    }

    @Test
    void malformedLiteralsNeverCauseANameLookup() {
        StringBuilder many = new StringBuilder(" from x");
        for (int k = 0; k < 300; k++) {
            many.append(" (x [1.2.3.").append(256 + k).append("])");
        }
        List<String> lookups = NoNameLookups.during(() -> {
            assertThat(ip(many + " by mx")).isNull();
            assertThat(ip(" from [192.168.1.300] (helo=x) by mx")).isNull();
            assertThat(ip(" from x (x [IPv6:.::1]) by mx")).isNull();
            assertThat(ip(" from x (1.2.3) by mx")).isNull();
        });
        assertThat(lookups).isEmpty();
    }

    private static String clientIp(String header) {
        byte[] b = (header + "\nFrom: a@example.com\n\nbody\n").getBytes(StandardCharsets.US_ASCII);
        try {
            InetAddress ip = MessageTrace.of(Message.parse(b).headers()).clientIp();
            return ip == null ? null : IpLiteral.format(ip);
        } catch (MessageFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyTheTopMostFromClausePassingOverLoopbackHops() {
        String forged = "Received: from forged (forged [198.51.100.99]) by mx.receiver.example; Fri, 20 Nov 2026 11:58:00 +0000";
        // an Exchange-style top field gives its bare address; the forged field below never counts
        assertThat(clientIp("Received: from host.example (2001:db8::7) by mx.receiver.example; Fri, 20 Nov 2026"
                + " 11:59:00 +0000\n" + forged)).isEqualTo("2001:db8::7");
        // a top field with a from clause but no usable address: none, not the forged one below
        assertThat(clientIp("Received: from host.example (host.example) by mx.receiver.example; Fri, 20 Nov 2026"
                + " 11:59:00 +0000\n" + forged)).isNull();
        assertThat(clientIp("Received: from host.example (host.example [1.2.3.999]) by mx; x\n" + forged)).isNull();
        // passed over: fields without a from clause, and loopback hops
        assertThat(clientIp("Received: by mx.receiver.example (Postfix, from userid 0) id 1; x\n"
                + "Received: from localhost (localhost [127.0.0.1]) by mx.receiver.example; x\n"
                + "Received: from a.example (a.example [192.0.2.30]) by mx.receiver.example; x\n" + forged))
                .isEqualTo("192.0.2.30");
        assertThat(clientIp("Subject: no trace")).isNull();
    }
}
