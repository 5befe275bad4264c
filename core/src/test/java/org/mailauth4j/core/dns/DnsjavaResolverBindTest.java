package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DnsjavaResolver} against a real DNS server: BIND {@code named} serving
 * src/test/resources/dns/*.zone. Expected values come from the zone files; each answer is also
 * compared with {@link ZoneResolver} reading the same files (BIND being the independent judge).
 */
class DnsjavaResolverBindTest {
    @TempDir
    static Path dir;
    static NamedServer named;
    static DnsjavaResolver dns;
    static ZoneResolver zones;

    @BeforeAll
    static void start() throws Exception {
        named = NamedServer.start(dir);
        dns = DnsjavaResolver.builder().server(named.address).timeout(Duration.ofSeconds(2)).retries(1).build();
        zones = ZoneFileTest.zones();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (named != null) {
            named.stop();
        }
    }

    /** Same status, TTL, detail and records (in any order: BIND rotates record sets). */
    private static <T> DnsAnswer<T> sameAsZone(String name, RecordType<T> type) {
        DnsAnswer<T> real = dns.query(name, type).join();
        DnsAnswer<T> zone = zones.answer(name, type);
        assertThat(real.status()).as(name + " " + type).isEqualTo(zone.status());
        assertThat(real.ttl()).as(name + " " + type + " ttl").isEqualTo(zone.ttl());
        assertThat(real.detail()).as(name + " " + type + " detail").isEqualTo(zone.detail());
        assertThat(real.records()).as(name + " " + type).containsExactlyInAnyOrderElementsOf(zone.records());
        return real;
    }

    @Test
    void multiStringTxt() {
        DnsAnswer<String> a = sameAsZone("example.com", RecordType.TXT);
        assertThat(a).isEqualTo(DnsAnswer.records(List.of("v=spf1 ip4:192.0.2.0/24 include:_spf.example.org -all"), 300));
        assertThat(sameAsZone("escaped.example.com", RecordType.TXT).records())
                .containsExactly("semi;colon \"quoted\" back\\slash caf\u00e9");
        assertThat(sameAsZone("emptytxt.example.com", RecordType.TXT).records()).containsExactly("");
        assertThat(sameAsZone("two.example.com", RecordType.TXT).records()).containsExactlyInAnyOrder("first", "second");
        assertThat(sameAsZone("MiXeD.Example.COM", RecordType.TXT).records()).containsExactly("mixed case owner");
        assertThat(sameAsZone("caf\u00e9.example.com", RecordType.TXT).records()).containsExactly("idn owner");
    }

    @Test
    void truncatedUdpAnswerIsRetriedOverTcp() {
        String big = sameAsZone("big.example.com", RecordType.TXT).records().get(0);
        assertThat(big).hasSize(3000).startsWith("00abcdefghij").endsWith("11" + "abcdefghij".repeat(25).substring(0, 248));
    }

    @Test
    void mxAddressesAndPtr() throws IOException {
        assertThat(sameAsZone("example.com", RecordType.MX).records())
                .containsExactlyInAnyOrder(new MxRecord(10, "mx1.example.com"), new MxRecord(20, "mx2.example.com"));
        assertThat(sameAsZone("nullmx.example.com", RecordType.MX).records()).containsExactly(new MxRecord(0, "."));
        assertThat(sameAsZone("mx1.example.com", RecordType.A).records()).containsExactly(InetAddress.getByName("192.0.2.10"));
        assertThat(sameAsZone("mx1.example.com", RecordType.AAAA).records()).containsExactly(InetAddress.getByName("2001:db8::10"));
        assertThat(dns.ptr(InetAddress.getByName("192.0.2.20")).join().records()).containsExactly("host.example.com");
        assertThat(sameAsZone("10.2.0.192.in-addr.arpa", RecordType.PTR).records())
                .containsExactlyInAnyOrder("mx1.example.com", "mail.example.org");
    }

    @Test
    void nxdomainAndNodataWithSoaNegativeTtl() {
        assertThat(sameAsZone("missing.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(600));
        assertThat(sameAsZone("nodata.example.com", RecordType.A)).isEqualTo(DnsAnswer.noData(600));
        assertThat(sameAsZone("nodata.example.com", RecordType.MX)).isEqualTo(DnsAnswer.noData(600));
        assertThat(sameAsZone("b.ent.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.noData(600));
        assertThat(sameAsZone("missing.example.org", RecordType.A)).isEqualTo(DnsAnswer.nxDomain(900));
        assertThat(sameAsZone("99.2.0.192.in-addr.arpa", RecordType.PTR)).isEqualTo(DnsAnswer.nxDomain(300));
    }

    @Test
    void cnameChains() throws IOException {
        assertThat(sameAsZone("www.example.com", RecordType.A))
                .isEqualTo(DnsAnswer.records(List.of(InetAddress.getByName("192.0.2.20")), 600));
        assertThat(sameAsZone("alias1.example.com", RecordType.TXT).ttl()).isEqualTo(120);
        assertThat(sameAsZone("ext.example.com", RecordType.TXT).records())
                .containsExactly("reached through a CNAME in another zone");
        assertThat(sameAsZone("dangling.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(600));
        // BIND answers a CNAME loop with SERVFAIL; ZoneResolver gives up after 8 hops: both temporary failures.
        assertThat(dns.txt("loop1.example.com").join().isTempFail()).isTrue();
        assertThat(zones.answer("loop1.example.com", RecordType.TXT).isTempFail()).isTrue();
    }

    @Test
    void refusedIsATemporaryFailure() {
        // named is not authoritative for example.net and does not recurse: REFUSED.
        assertThat(dns.txt("example.net").join()).isEqualTo(DnsAnswer.tempFail("REFUSED"));
    }

    @Test
    void recordedAnswersReplayIdentically() throws IOException {
        RecordingResolverTest.assertReplayIdentical(dns, dir.resolve("bind-snapshot.jsonl"));
    }
}
