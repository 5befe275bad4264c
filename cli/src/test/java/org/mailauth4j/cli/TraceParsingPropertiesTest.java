package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mailauth4j.core.dns.IpLiteral;

/**
 * Trace fields come from the message, i.e. from whoever sent it: whatever a Received or
 * Return-Path value holds, parsing it answers (an address, a path, a time or nothing) without
 * an exception, and an address it gives is one the value spells, never loopback, unspecified or
 * multicast.
 */
class TraceParsingPropertiesTest {

    @Provide
    Arbitrary<String> traceValues() {
        // the pieces Received and Return-Path values are made of, plus hostile ones
        Arbitrary<String> piece = Arbitraries.of(" ", "from", "by", "with", "id", "for", ";", "(", ")", "((", "\\", "[",
                "]", "[192.0.2.1]", "[1.2.3.999]", "[IPv6:2001:db8::1]", "[IPv6:.::1]", "[127.0.0.1]", "[0.0.0.0]",
                "[224.0.0.1]", "192.0.2.9", "2001:db8::9", ":25", "helo=", "HELO", "host.example", "user@",
                "<", ">", "<>", "@a,@b:", "x@y.example", "Fri, 20 Nov 2026 11:59:00 +0000", "32 Foo 2026",
                "\t", "\r\n ", "é", "\u0000");
        return piece.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void receivedValuesNeverThrowAndGiveOnlyAddressesTheySpell(@ForAll("traceValues") String value) {
        ReceivedFrom f = ReceivedFrom.parse(value);
        if (f != null && f.ip() != null) {
            InetAddress a = f.ip();
            assertThat(a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()).isFalse();
            String text = IpLiteral.format(a);
            assertThat(value.contains(text) || value.toLowerCase(java.util.Locale.ROOT).contains(text)
                    || a.getAddress().length == 16).as(value).isTrue();
        }
        MessageTrace.dateTime(value); // an Instant or null, never an exception
    }

    @Property(tries = 3000)
    void returnPathValuesNeverThrowAndGiveAPathOrNothing(@ForAll("traceValues") String value) {
        String path = MessageTrace.reversePath(value);
        if (path != null && !path.isEmpty()) {
            assertThat(path).contains("@").doesNotContain("<", ">", " ");
            assertThat(path.length()).isLessThanOrEqualTo(256);
        }
    }
}
