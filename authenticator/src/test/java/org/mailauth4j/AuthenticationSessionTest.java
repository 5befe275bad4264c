package org.mailauth4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageLimitException;
import org.mailauth4j.core.message.MessageLimits;

/** Session input rules: one input style, order of calls, bounded headers, malformed input named. */
class AuthenticationSessionTest {
    private final Authenticator auth = Authenticator.builder().resolver(ZoneResolver.builder().build())
            .authservId("mx.example.net").build();

    @Test
    void malformedMessageIsACheckedExceptionNamingTheProblem() {
        byte[] garbage = "this is not a header\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> auth.authenticate(garbage, Envelope.NONE))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("line 1").hasMessageContaining("not a header field");
    }

    @Test
    void headerCountIsBoundedForFieldByFieldInput() throws Exception {
        Authenticator small = Authenticator.builder().resolver(ZoneResolver.builder().build())
                .messageLimits(new MessageLimits(1 << 20, 3, 1000)).build();
        AuthenticationSession s = small.newSession().envelope(Envelope.NONE);
        s.headerField(HeaderField.of("A: 1"));
        s.headerField(HeaderField.of("B: 2"));
        s.headerField(HeaderField.of("C: 3"));
        assertThatThrownBy(() -> s.headerField(HeaderField.of("D: 4")))
                .isInstanceOf(MessageLimitException.class).hasMessageContaining("maxHeaderFields");
    }

    @Test
    void headerCountIsBoundedForRawInput() {
        Authenticator small = Authenticator.builder().resolver(ZoneResolver.builder().build())
                .messageLimits(new MessageLimits(1 << 20, 3, 1000)).build();
        byte[] msg = "A: 1\nB: 2\nC: 3\nD: 4\n\nbody\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> small.authenticate(msg, Envelope.NONE))
                .isInstanceOf(MessageLimitException.class).hasMessageContaining("maxHeaderFields");
    }

    @Test
    void callsOutOfOrderAreRejected() throws Exception {
        AuthenticationSession s = auth.newSession();
        s.headerField(HeaderField.of("From: a@example.com"));
        assertThatThrownBy(() -> s.envelope(Envelope.NONE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.body(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.feed(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        s.endOfHeaders();
        assertThatThrownBy(() -> s.headerField(HeaderField.of("X: y"))).isInstanceOf(IllegalStateException.class);
        s.finish();
        assertThatThrownBy(s::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutEnvelopeSpfIsNone() throws Exception {
        AuthenticationReport r = auth.authenticate("From: a@example.com\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII),
                Envelope.NONE);
        assertThat(r.spf().result()).isEqualTo("none");
        assertThat(r.authservId()).isEqualTo("mx.example.net");
        assertThat(r.authenticationResultsHeader()).startsWith("Authentication-Results: mx.example.net;");
    }

    @Test
    void envelopeParsesAddressLiteralsWithoutDns() {
        assertThat(Envelope.of("192.0.2.1", "mail.example.com", "<a@example.com>").mailFrom()).isEqualTo("a@example.com");
        assertThat(Envelope.of("[IPv6:2001:db8::1]", null, "").clientIp().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThatThrownBy(() -> Envelope.of("mail.example.com", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.of("1.2.3", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Envelope.of("192.0.2.1", null, null).hasSpfInput()).isFalse();
        assertThat(Envelope.of("192.0.2.1", "h.example", null).hasSpfInput()).isTrue();
    }

    @Test
    void authservIdMustBeAToken() {
        assertThatThrownBy(() -> Authenticator.builder().authservId("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Authenticator.builder().authservId("a;b")).isInstanceOf(IllegalArgumentException.class);
    }
}
