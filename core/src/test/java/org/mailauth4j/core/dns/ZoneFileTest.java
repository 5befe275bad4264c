package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading RFC 1035 zone files (src/test/resources/dns/*.zone) into a {@link ZoneResolver}. */
class ZoneFileTest {
    @TempDir
    Path tmp;

    static Path resource(String name) {
        try {
            return Path.of(ZoneFileTest.class.getResource("/dns/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ZoneResolver zones() throws IOException {
        return ZoneResolver.load(resource("example.com.zone"), resource("example.org.zone"),
                resource("2.0.192.in-addr.arpa.zone"));
    }

    @Test
    void multiStringTxtIsJoinedWithRecordTtl() throws IOException {
        DnsAnswer<String> a = zones().answer("example.com", RecordType.TXT);
        assertThat(a.records()).containsExactly("v=spf1 ip4:192.0.2.0/24 include:_spf.example.org -all");
        assertThat(a.ttl()).isEqualTo(300);
    }

    @Test
    void mxAndAddresses() throws IOException {
        ZoneResolver z = zones();
        assertThat(z.answer("example.com", RecordType.MX).records())
                .containsExactlyInAnyOrder(new MxRecord(10, "mx1.example.com"), new MxRecord(20, "mx2.example.com"));
        assertThat(z.answer("example.com", RecordType.MX).ttl()).isEqualTo(3600);
        assertThat(z.answer("mx1.example.com", RecordType.A).records())
                .containsExactly(InetAddress.getByName("192.0.2.10"));
        assertThat(z.answer("mx1.example.com", RecordType.AAAA).records())
                .containsExactly(InetAddress.getByName("2001:db8::10"));
        assertThat(z.answer("nullmx.example.com", RecordType.MX).records()).containsExactly(new MxRecord(0, "."));
    }

    @Test
    void ptrInReverseZone() throws IOException {
        ZoneResolver z = zones();
        assertThat(z.ptr(InetAddress.getByName("192.0.2.20")).join().records()).containsExactly("host.example.com");
        assertThat(z.answer("10.2.0.192.in-addr.arpa", RecordType.PTR).records())
                .containsExactlyInAnyOrder("mx1.example.com", "mail.example.org");
        assertThat(z.answer("99.2.0.192.in-addr.arpa", RecordType.PTR).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
    }

    @Test
    void negativeAnswersUseSoaMinimum() throws IOException {
        ZoneResolver z = zones();
        // SOA TTL 3600, MINIMUM 600 -> 600 (RFC 2308 section 5)
        assertThat(z.answer("missing.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(600));
        assertThat(z.answer("nodata.example.com", RecordType.A)).isEqualTo(DnsAnswer.noData(600));
        assertThat(z.answer("b.ent.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.noData(600));
        assertThat(z.answer("missing.example.org", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(900));
        assertThat(z.answer("missing.2.0.192.in-addr.arpa", RecordType.PTR)).isEqualTo(DnsAnswer.nxDomain(300));
        // outside every zone: the builder default
        assertThat(z.answer("example.net", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(300));
    }

    @Test
    void cnameChainsAreFollowedWithSmallestTtl() throws IOException {
        ZoneResolver z = zones();
        assertThat(z.answer("www.example.com", RecordType.A))
                .isEqualTo(DnsAnswer.records(List.of(InetAddress.getByName("192.0.2.20")), 600));
        DnsAnswer<String> dkim = z.answer("alias1.example.com", RecordType.TXT);
        assertThat(dkim.records()).containsExactly("v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRPAQAB");
        assertThat(dkim.ttl()).isEqualTo(120);
        assertThat(z.answer("ext.example.com", RecordType.TXT).records())
                .containsExactly("reached through a CNAME in another zone");
        assertThat(z.answer("dangling.example.com", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        DnsAnswer<String> loop = z.answer("loop1.example.com", RecordType.TXT);
        assertThat(loop.isTempFail()).isTrue();
    }

    @Test
    void escapesCaseAndIdn() throws IOException {
        ZoneResolver z = zones();
        assertThat(z.answer("escaped.example.com", RecordType.TXT).records())
                .containsExactly("semi;colon \"quoted\" back\\slash caf\u00e9");
        assertThat(z.answer("emptytxt.example.com", RecordType.TXT).records()).containsExactly("");
        assertThat(z.answer("mixed.EXAMPLE.com.", RecordType.TXT).records()).containsExactly("mixed case owner");
        assertThat(z.answer("caf\u00e9.example.com", RecordType.TXT).records()).containsExactly("idn owner");
        assertThat(z.answer("two.example.com", RecordType.TXT).records()).containsExactlyInAnyOrder("first", "second");
        String big = z.answer("big.example.com", RecordType.TXT).records().get(0);
        assertThat(big).hasSize(12 * 250).startsWith("00abcdefghij").contains("11abcdefghij");
    }

    @Test
    void relativeNamesNeedAnOrigin() throws IOException {
        Path f = tmp.resolve("relative.zone");
        Files.writeString(f, "$TTL 60\nhost IN A 192.0.2.1\n");
        assertThatThrownBy(() -> ZoneResolver.fromZoneFile(f)).isInstanceOf(DnsDataException.class)
                .hasMessageContaining("relative.zone");
        ZoneResolver z = ZoneResolver.builder().zoneFile(f, "example.net").build();
        assertThat(z.answer("host.example.net", RecordType.A))
                .isEqualTo(DnsAnswer.records(List.of(InetAddress.getByName("192.0.2.1")), 60));
    }

    @Test
    void wildcardOwnersInZoneFiles() throws IOException {
        Path f = tmp.resolve("wild.zone");
        Files.writeString(f, "$ORIGIN example.net.\n$TTL 60\n*     IN TXT \"v=spf1 -all\"\nwww   IN A   192.0.2.1\n");
        ZoneResolver z = ZoneResolver.fromZoneFile(f);
        assertThat(z.answer("anything.example.net", RecordType.TXT)).isEqualTo(DnsAnswer.records(List.of("v=spf1 -all"), 60));
        assertThat(z.answer("www.example.net", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NODATA);
        assertThat(z.answer("a.www.example.net", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
    }

    @Test
    void hostileZoneFilesGiveClearErrors() throws IOException {
        Path inc = tmp.resolve("include.zone");
        Files.writeString(inc, "$ORIGIN example.net.\n$INCLUDE /etc/passwd\n");
        assertThatThrownBy(() -> ZoneResolver.fromZoneFile(inc)).isInstanceOf(DnsDataException.class)
                .hasMessageContaining("include.zone");
        Path gen = tmp.resolve("generate.zone");
        Files.writeString(gen, "$ORIGIN example.net.\n$TTL 60\n$GENERATE 1-1000000 host$ A 192.0.2.1\n");
        assertThatThrownBy(() -> ZoneResolver.fromZoneFile(gen)).isInstanceOf(DnsDataException.class)
                .hasMessageContaining("$GENERATE");
        Path bad = tmp.resolve("bad.zone");
        Files.writeString(bad, "$ORIGIN example.net.\n$TTL 60\nok IN A 192.0.2.1\nbad IN A 999.1.1.1\n");
        assertThatThrownBy(() -> ZoneResolver.fromZoneFile(bad)).isInstanceOf(DnsDataException.class)
                .hasMessageContaining("bad.zone").hasMessageContaining("4");
    }
}
