package org.mailauth4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.NoNameLookups;

/** {@link Envelope#parseIp}: RFC 5321 §4.1.3 address literals, strictly, never a name lookup. */
class EnvelopeTest {

    @Test
    void addressLiteralsWithOrWithoutBrackets() throws Exception {
        assertThat(Envelope.parseIp("192.0.2.1")).isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}));
        assertThat(Envelope.parseIp("[192.0.2.1]")).isEqualTo(Envelope.parseIp("192.0.2.1"));
        assertThat(Envelope.parseIp(" [IPv6:2001:db8::1] ")).isEqualTo(Envelope.parseIp("2001:DB8:0:0:0:0:0:1"));
        assertThat(Envelope.parseIp("ipv6:::1").getAddress()).isEqualTo(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        assertThat(Envelope.of("192.0.2.1", "h.example", "<>").mailFrom()).isEmpty();
    }

    @Test
    void malformedLiteralsAreRejectedWithoutALookup() {
        List<String> bad = List.of("[192.168.1.300]", "[1.2.3.999]", "1.2.3.999", "1.2.3", "[IPv6:1.2.3.4]", ".::1",
                "[IPv6:.::1]", "::1%lo", "[" + "1.".repeat(40) + "1]", "host.example", "", "[]");
        List<String> lookups = NoNameLookups.during(() -> {
            for (String s : bad) {
                assertThatThrownBy(() -> Envelope.parseIp(s)).as(s).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("not an IP");
                assertThatThrownBy(() -> Envelope.of(s, null, null)).as(s).isInstanceOf(IllegalArgumentException.class);
            }
        });
        assertThat(lookups).isEmpty();
    }
}
