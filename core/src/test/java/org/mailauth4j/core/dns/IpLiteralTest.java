package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.NoNameLookups;

/**
 * {@link IpLiteral}: expected octets from RFC 4291 §2.2 and RFC 5321 §4.1.3, expected text from
 * RFC 5952 §4-5; malformed literals give {@code null} and never a name lookup.
 */
class IpLiteralTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void ipv4IsFourDecimalOctetsUpTo255() {
        assertThat(IpLiteral.octets("192.0.2.1")).isEqualTo(bytes(192, 0, 2, 1));
        assertThat(IpLiteral.octets("255.255.255.255")).isEqualTo(bytes(255, 255, 255, 255));
        assertThat(IpLiteral.octets("0.0.0.0")).isEqualTo(bytes(0, 0, 0, 0));
        // Snum = 1*3DIGIT, a decimal value 0-255 (RFC 5321 §4.1.3): "010" is ten, never octal
        assertThat(IpLiteral.octets("010.001.002.003")).isEqualTo(bytes(10, 1, 2, 3));
        assertThat(IpLiteral.parse("192.0.2.1")).isInstanceOf(Inet4Address.class);
        for (String bad : List.of("192.168.1.300", "1.2.3.999", "256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3",
                "1.2.3.", ".1.2.3", "0001.2.3.4", "1.2.3.4 ", " 1.2.3.4", "0x7f.0.0.1", "127.1", "2130706433",
                "1.2.3.4a", "１.2.3.4", "")) {
            assertThat(IpLiteral.octets(bad)).as(bad).isNull();
            assertThat(IpLiteral.isDottedQuad(bad)).as(bad).isFalse();
        }
        assertThat(IpLiteral.isDottedQuad("192.0.2.1")).isTrue();
        assertThat(IpLiteral.isDottedQuad("2001:db8::1")).isFalse();
        assertThat(IpLiteral.parse(null)).isNull();
    }

    @Test
    void ipv6TextFormsOfRfc4291() {
        byte[] a = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 8, 0x08, 0, 0x20, 0x0c, 0x41, 0x7a);
        // RFC 4291 §2.2 form 1 and its compressed form 2
        assertThat(IpLiteral.octets("2001:DB8:0:0:8:800:200C:417A")).isEqualTo(a);
        assertThat(IpLiteral.octets("2001:db8::8:800:200c:417a")).isEqualTo(a);
        assertThat(IpLiteral.octets("2001:0db8:0000:0000:0008:0800:200c:417a")).isEqualTo(a);
        assertThat(IpLiteral.octets("FF01::101"))
                .isEqualTo(bytes(0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x01));
        assertThat(IpLiteral.octets("::1")).isEqualTo(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
        assertThat(IpLiteral.octets("::")).isEqualTo(new byte[16]);
        assertThat(IpLiteral.octets("1::")).isEqualTo(bytes(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        // form 3: the low 32 bits in dotted IPv4
        assertThat(IpLiteral.octets("::13.1.68.3")).isEqualTo(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 13, 1, 68, 3));
        assertThat(IpLiteral.octets("::FFFF:129.144.52.38"))
                .isEqualTo(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 129, 144, 52, 38));
        assertThat(IpLiteral.octets("0:0:0:0:0:0:13.1.68.3")).isEqualTo(IpLiteral.octets("::13.1.68.3"));
        assertThat(IpLiteral.parse("2001:db8::1")).isInstanceOf(Inet6Address.class);
        // an IPv4-mapped address is the IPv4 address, as InetAddress.getByAddress gives it
        assertThat(IpLiteral.parse("::ffff:192.0.2.1")).isInstanceOf(Inet4Address.class)
                .isEqualTo(IpLiteral.parse("192.0.2.1"));
    }

    @Test
    void malformedIpv6IsNull() {
        for (String bad : List.of(":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::2", "1::2:",
                "12345::1", "g::1", ".::1", "::1%eth0", "fe80::1%1", "[::1]", "::1.2.3", "::1.2.3.256",
                "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "1:2:3:4:5:6:7:8::", "::ffff:1.2.3.4x", "2001:db8:::1",
                "2001:db8::1 ", "1:2:3:4:5:6:7:8:" + "0".repeat(40))) {
            assertThat(IpLiteral.octets(bad)).as(bad).isNull();
        }
    }

    @Test
    void malformedLiteralsNeverReachTheResolver() {
        List<String> hostile = List.of("192.168.1.300", "1.2.3.999", "1.2.3", ".::1", "g::1",
                "1.2.3.4.5", "::1%eth0");
        // control: the JDK itself asks the resolver for some of these (the harness sees it)
        List<String> jdk = NoNameLookups.during(() -> {
            for (String s : List.of("1.2.3.999", ".::1")) {
                assertThatThrownBy(() -> InetAddress.getByName(s)).isInstanceOf(SecurityException.class);
            }
        });
        assertThat(jdk).containsExactly("1.2.3.999", ".::1");
        List<String> ours = NoNameLookups.during(() -> {
            for (String s : hostile) {
                assertThat(IpLiteral.parse(s)).as(s).isNull();
                assertThatThrownBy(() -> ZoneResolver.parseIp(s)).as(s).isInstanceOf(IllegalArgumentException.class);
            }
        });
        assertThat(ours).isEmpty();
    }

    @Test
    void formatIsRfc5952() {
        // §4.1 leading zeros dropped; §4.3 lower case; §4.2.1 "::" as long as possible
        assertThat(IpLiteral.format(IpLiteral.parse("2001:0DB8:0000:0000:0000:0000:0000:0001")))
                .isEqualTo("2001:db8::1");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:0:0:0:0:2:1"))).isEqualTo("2001:db8::2:1");
        // §4.2.2 a single 16-bit 0 field is not shortened
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        // §4.2.3 the longest run, and the first of equal runs
        assertThat(IpLiteral.format(IpLiteral.parse("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpLiteral.format(IpLiteral.parse("::"))).isEqualTo("::");
        assertThat(IpLiteral.format(IpLiteral.parse("::1"))).isEqualTo("::1");
        assertThat(IpLiteral.format(IpLiteral.parse("fe80::"))).isEqualTo("fe80::");
        assertThat(IpLiteral.format(IpLiteral.parse("192.0.2.1"))).isEqualTo("192.0.2.1");
        // §5 IPv4-mapped: dotted quad after ::ffff:
        assertThat(IpLiteral.format(ZoneResolver.ipv6(IpLiteral.octets("::ffff:192.0.2.1"))))
                .isEqualTo("::ffff:192.0.2.1");
    }
}
