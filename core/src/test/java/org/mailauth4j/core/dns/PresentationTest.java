package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** RFC 1035 §5.1 presentation format of TXT data, and the JSON line codec of snapshots. */
class PresentationTest {

    @Property(tries = 300)
    void txtSurvivesFormatAndParse(@ForAll @StringLength(max = 1200) String text) {
        String valid = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String formatted = Presentation.formatTxt(valid);
        assertThat(formatted).matches("[\\x20-\\x7e]*");
        assertThat(Presentation.parseTxt(formatted)).isEqualTo(valid);
    }

    @Property(tries = 300)
    void jsonStringsSurviveQuoteAndParse(@ForAll @StringLength(max = 300) String text) {
        String valid = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        Map<String, Object> m = JsonLine.parseObject("{\"k\":" + JsonLine.quote(valid) + "}");
        assertThat(m).containsEntry("k", valid);
    }

    @Test
    void txtChunksAre255Octets() {
        String s = "x".repeat(600);
        assertThat(Presentation.formatTxt(s)).isEqualTo(
                "\"" + "x".repeat(255) + "\" \"" + "x".repeat(255) + "\" \"" + "x".repeat(90) + "\"");
        assertThat(Presentation.formatTxt("")).isEqualTo("\"\"");
        assertThat(Presentation.formatTxt("a\"b\\c\u00e9")).isEqualTo("\"a\\\"b\\\\c\\195\\169\"");
    }

    @Test
    void txtParsingFollowsRfc1035() {
        assertThat(Presentation.parseTxt("\"v=DKIM1; k=rsa; \" \"p=MIIB\"")).isEqualTo("v=DKIM1; k=rsa; p=MIIB");
        assertThat(Presentation.parseTxt("bare \"quoted part\"\tmore")).isEqualTo("barequoted partmore");
        assertThat(Presentation.parseTxt("\"\\065\\066\\\"\"")).isEqualTo("AB\"");
        assertThat(Presentation.parseTxt("\"caf\u00e9\"")).isEqualTo("caf\u00e9");
        assertThatThrownBy(() -> Presentation.parseTxt("\"" + "y".repeat(256) + "\"")).hasMessageContaining("255");
        assertThatThrownBy(() -> Presentation.parseTxt("\"\\256\"")).hasMessageContaining("above 255");
        assertThatThrownBy(() -> Presentation.parseTxt("   ")).hasMessageContaining("no character-string");
        assertThatThrownBy(() -> Presentation.parseTxt("a\"b")).hasMessageContaining("quote");
    }

    @Test
    void namesAndMx() {
        assertThat(Presentation.parseName("MX.Example.COM.")).isEqualTo("mx.example.com");
        assertThat(Presentation.parseName(".")).isEqualTo(".");
        assertThat(Presentation.parseMx("0 .")).isEqualTo(new MxRecord(0, "."));
        assertThat(Presentation.format(RecordType.MX, new MxRecord(0, "."))).isEqualTo("0 .");
        assertThatThrownBy(() -> Presentation.parseMx("70000 mx.example.")).hasMessageContaining("range");
        assertThat(Presentation.parseName("A\\032b.example.")).isEqualTo("a\\032b.example");
        assertThatThrownBy(() -> Presentation.parseName("a..example")).hasMessageContaining("empty label");
    }

    @Test
    void addressesAreLiteralsOnly() {
        assertThatThrownBy(() -> ZoneResolver.parseIp("localhost")).hasMessageContaining("literal");
        assertThatThrownBy(() -> ZoneResolver.parseIp("1.2.3")).hasMessageContaining("literal");
        assertThatThrownBy(() -> ZoneResolver.parseIp("256.1.1.1")).hasMessageContaining("literal");
        assertThat(Presentation.parseAddress("::ffff:192.0.2.1", RecordType.AAAA).getAddress()).hasSize(16);
    }

    /** Addresses are written as RFC 5952 §4 recommends; both forms read back (RFC 4291 §2.2). */
    @org.junit.jupiter.api.Test
    void addressesAreWrittenInRfc5952Text() throws Exception {
        java.net.InetAddress v6 = java.net.InetAddress.getByAddress(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0x10});
        org.assertj.core.api.Assertions.assertThat(Presentation.format(RecordType.AAAA, v6)).isEqualTo("2001:db8::10");
        org.assertj.core.api.Assertions.assertThat(Presentation.parse(RecordType.AAAA, "2001:db8:0:0:0:0:0:10")).isEqualTo(v6);
        org.assertj.core.api.Assertions.assertThat(Presentation.format(RecordType.A,
                java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}))).isEqualTo("192.0.2.1");
    }
}
