package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading DNS snapshot files (JSON Lines) into a {@link ZoneResolver}. */
class SnapshotFileTest {
    @TempDir
    Path tmp;

    private Path write(String name, String... lines) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void readsTheDocumentedExample() throws IOException {
        Path f = write("snap.jsonl",
                "{\"snapshot\":1,\"capturedAt\":\"2026-11-23T12:00:00Z\"}",
                "{\"name\":\"sel._domainkey.example.com\",\"type\":\"TXT\",\"status\":\"NOERROR\",\"ttl\":300,"
                        + "\"records\":[\"\\\"v=DKIM1; k=rsa; \\\" \\\"p=MIIB...\\\"\"]}",
                "{\"name\":\"Example.COM.\",\"type\":\"MX\",\"status\":\"NOERROR\",\"ttl\":60,"
                        + "\"records\":[\"10 mx.example.com.\",\"20 MX2.example.com\"]}",
                "{\"name\":\"mx.example.com\",\"type\":\"A\",\"status\":\"NOERROR\",\"ttl\":30,\"records\":[\"192.0.2.1\"]}",
                "{\"name\":\"mx.example.com\",\"type\":\"AAAA\",\"status\":\"NODATA\",\"ttl\":45}",
                "{\"name\":\"1.2.0.192.in-addr.arpa\",\"type\":\"PTR\",\"status\":\"NOERROR\",\"ttl\":10,\"records\":[\"mx.example.com.\"]}",
                "{\"name\":\"gone.example.com\",\"type\":\"TXT\",\"status\":\"NXDOMAIN\",\"ttl\":900}",
                "{\"name\":\"slow.example.com\",\"type\":\"TXT\",\"status\":\"TIMEOUT\"}",
                "{\"name\":\"broken.example.com\",\"type\":\"A\",\"status\":\"SERVFAIL\",\"detail\":\"REFUSED\"}",
                "{\"name\":\"www.example.com\",\"type\":\"CNAME\",\"status\":\"NOERROR\",\"ttl\":20,\"records\":[\"mx.example.com.\"]}",
                "{\"name\":\"extra.example.com\",\"type\":\"TXT\",\"status\":\"NOERROR\",\"records\":[\"unquoted words\"],"
                        + "\"comment\":{\"nested\":[1,2.5,true,null]}}");
        ZoneResolver z = ZoneResolver.fromSnapshot(f);
        assertThat(z.capturedAt()).contains(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(z.answer("sel._domainkey.example.com", RecordType.TXT))
                .isEqualTo(DnsAnswer.records(List.of("v=DKIM1; k=rsa; p=MIIB..."), 300));
        assertThat(z.answer("example.com", RecordType.MX))
                .isEqualTo(DnsAnswer.records(List.of(new MxRecord(10, "mx.example.com"), new MxRecord(20, "mx2.example.com")), 60));
        assertThat(z.answer("MX.example.com", RecordType.A))
                .isEqualTo(DnsAnswer.records(List.of(InetAddress.getByName("192.0.2.1")), 30));
        assertThat(z.answer("mx.example.com", RecordType.AAAA)).isEqualTo(DnsAnswer.noData(45));
        assertThat(z.answer("1.2.0.192.in-addr.arpa", RecordType.PTR).records()).containsExactly("mx.example.com");
        assertThat(z.answer("gone.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(900));
        // An NXDOMAIN line makes the whole name NXDOMAIN.
        assertThat(z.answer("gone.example.com", RecordType.A)).isEqualTo(DnsAnswer.nxDomain(900));
        assertThat(z.answer("slow.example.com", RecordType.TXT)).isEqualTo(DnsAnswer.tempFail("TIMEOUT"));
        assertThat(z.answer("slow.example.com", RecordType.A).status()).isEqualTo(DnsAnswer.Status.NODATA);
        assertThat(z.answer("broken.example.com", RecordType.A)).isEqualTo(DnsAnswer.tempFail("REFUSED"));
        assertThat(z.answer("www.example.com", RecordType.A))
                .isEqualTo(DnsAnswer.records(List.of(InetAddress.getByName("192.0.2.1")), 20));
        assertThat(z.answer("extra.example.com", RecordType.TXT).records()).containsExactly("unquotedwords");
        // names absent from the snapshot
        assertThat(z.answer("other.example.org", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NXDOMAIN);
        assertThat(z.answer("in-addr.arpa", RecordType.TXT).status()).isEqualTo(DnsAnswer.Status.NODATA);
    }

    @Test
    void loadDetectsSnapshotsByContentAndMergesWithZoneFiles() throws IOException {
        Path snap = write("snapshot.txt",
                "{\"name\":\"example.com\",\"type\":\"TXT\",\"status\":\"TIMEOUT\"}",
                "{\"name\":\"new.example.com\",\"type\":\"A\",\"status\":\"NOERROR\",\"ttl\":5,\"records\":[\"192.0.2.99\"]}");
        ZoneResolver z = ZoneResolver.load(List.of(ZoneFileTest.resource("example.com.zone"), snap));
        assertThat(z.answer("example.com", RecordType.TXT)).isEqualTo(DnsAnswer.tempFail("TIMEOUT"));
        assertThat(z.answer("example.com", RecordType.MX).records()).hasSize(2);
        assertThat(z.answer("new.example.com", RecordType.A).ttl()).isEqualTo(5);
        assertThat(z.answer("host.example.com", RecordType.A).records()).hasSize(1);
    }

    @Test
    void aWildlyLongTtlIsRefusedAndAMissingOneGetsTheDefault() throws IOException {
        Path ok = write("ok.jsonl", "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"NOERROR\",\"records\":[\"\\\"x\\\"\"]}");
        assertThat(ZoneResolver.builder().ttl(42).snapshot(ok).build().answer("a.example", RecordType.TXT).ttl()).isEqualTo(42);
        Path bad = write("bad.jsonl", "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"NODATA\",\"ttl\":2147483648}");
        assertThatThrownBy(() -> ZoneResolver.fromSnapshot(bad)).hasMessageContaining("bad.jsonl:1").hasMessageContaining("ttl");
    }

    private void assertError(String expected, String... lines) throws IOException {
        Path f = write("err.jsonl", lines);
        assertThatThrownBy(() -> ZoneResolver.fromSnapshot(f)).isInstanceOf(DnsDataException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(((DnsDataException) e).line()).isEqualTo(lines.length));
    }

    @Test
    void malformedLinesNameTheLine() throws IOException {
        String ok = "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"NODATA\"}";
        assertError("err.jsonl:2: invalid JSON", ok, "{\"name\":\"a.example\",");
        assertError("missing \"status\"", ok, "{\"name\":\"b.example\",\"type\":\"TXT\"}");
        assertError("unsupported type \"SRV\"", "{\"name\":\"a.example\",\"type\":\"SRV\",\"status\":\"NODATA\"}");
        assertError("unknown status \"REFUSED\"", "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"REFUSED\"}");
        assertError("second answer for a.example TXT (first on line 1)", ok, ok);
        assertError("\"records\" given with status NXDOMAIN",
                "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"NXDOMAIN\",\"records\":[\"\\\"x\\\"\"]}");
        assertError("needs a non-empty \"records\"", "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"NOERROR\"}");
        assertError("bad A record", "{\"name\":\"a.example\",\"type\":\"A\",\"status\":\"NOERROR\",\"records\":[\"example.com\"]}");
        assertError("bad AAAA record", "{\"name\":\"a.example\",\"type\":\"AAAA\",\"status\":\"NOERROR\",\"records\":[\"192.0.2.1\"]}");
        assertError("bad MX record", "{\"name\":\"a.example\",\"type\":\"MX\",\"status\":\"NOERROR\",\"records\":[\"mx.example.com\"]}");
        assertError("bad TXT record", "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"NOERROR\",\"records\":[\"\\\"open\"]}");
        assertError("exactly one record",
                "{\"name\":\"a.example\",\"type\":\"CNAME\",\"status\":\"NOERROR\",\"records\":[\"b.example.\",\"c.example.\"]}");
        assertError("invalid name", "{\"name\":\"a..example\",\"type\":\"TXT\",\"status\":\"NODATA\"}");
        assertError("label longer than 63", "{\"name\":\"" + "x".repeat(64) + ".example\",\"type\":\"TXT\",\"status\":\"NODATA\"}");
        assertError("header must be the first line", ok, "{\"snapshot\":1}");
        assertError("unsupported snapshot version 2", "{\"snapshot\":2}");
        assertError("capturedAt", "{\"snapshot\":1,\"capturedAt\":\"yesterday\"}");
        assertError("duplicate member \"type\"", "{\"name\":\"a.example\",\"type\":\"TXT\",\"type\":\"A\",\"status\":\"NODATA\"}");
        assertError("nested deeper", "{\"name\":\"a.example\",\"type\":\"TXT\",\"status\":\"NODATA\",\"x\":"
                + "[".repeat(100) + "]".repeat(100) + "}");
        assertError("expected a JSON object", "[1,2]");
    }

    @Test
    void overlongLinesAndBadUtf8AreRefusedBeforeTheyAreHeld() throws IOException {
        Path big = tmp.resolve("big.jsonl");
        Files.writeString(big, "{\"name\":\"" + "a".repeat(SnapshotFile.MAX_LINE + 10));
        assertThatThrownBy(() -> ZoneResolver.fromSnapshot(big)).hasMessageContaining("big.jsonl:1: line longer than");
        Path latin = tmp.resolve("latin.jsonl");
        Files.write(latin, "{\"name\":\"caf\u00e9.example\",\"type\":\"TXT\",\"status\":\"NODATA\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ZoneResolver.fromSnapshot(latin)).hasMessageContaining("latin.jsonl:1: not valid UTF-8");
    }
}
