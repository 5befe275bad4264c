package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RecordingResolver}: record, write a snapshot, replay it through {@link ZoneResolver}. */
class RecordingResolverTest {
    @TempDir
    Path tmp;

    /** Queries over the test zones: records of every type, CNAMEs, negative answers, failures. */
    static final List<Object[]> QUERIES = List.of(
            new Object[] {"example.com", RecordType.TXT}, new Object[] {"example.com", RecordType.MX},
            new Object[] {"Example.COM.", RecordType.A}, new Object[] {"mx1.example.com", RecordType.A},
            new Object[] {"mx1.example.com", RecordType.AAAA}, new Object[] {"www.example.com", RecordType.A},
            new Object[] {"alias1.example.com", RecordType.TXT}, new Object[] {"ext.example.com", RecordType.TXT},
            new Object[] {"escaped.example.com", RecordType.TXT}, new Object[] {"emptytxt.example.com", RecordType.TXT},
            new Object[] {"two.example.com", RecordType.TXT}, new Object[] {"big.example.com", RecordType.TXT},
            new Object[] {"caf\u00e9.example.com", RecordType.TXT}, new Object[] {"nullmx.example.com", RecordType.MX},
            new Object[] {"20.2.0.192.in-addr.arpa", RecordType.PTR}, new Object[] {"10.2.0.192.in-addr.arpa", RecordType.PTR},
            new Object[] {"missing.example.com", RecordType.TXT}, new Object[] {"missing.example.com", RecordType.A},
            new Object[] {"nodata.example.com", RecordType.A}, new Object[] {"b.ent.example.com", RecordType.MX},
            new Object[] {"dangling.example.com", RecordType.TXT}, new Object[] {"loop1.example.com", RecordType.TXT},
            new Object[] {"example.net", RecordType.TXT}, new Object[] {"bad..name", RecordType.TXT});

    /** Records {@link #QUERIES} through {@code resolver}, writes {@code file}, replays it: answers must be identical. */
    static void assertReplayIdentical(DnsResolver resolver, Path file) throws IOException {
        RecordingResolver rec = new RecordingResolver(resolver,
                Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
        List<DnsAnswer<?>> original = new ArrayList<>();
        for (Object[] q : QUERIES) {
            original.add(rec.query((String) q[0], (RecordType<?>) q[1]).join());
        }
        rec.writeTo(file);
        ZoneResolver replay = ZoneResolver.fromSnapshot(file);
        assertThat(replay.capturedAt()).contains(Instant.parse("2026-11-23T12:00:00Z"));
        for (int i = 0; i < QUERIES.size(); i++) {
            Object[] q = QUERIES.get(i);
            assertThat((Object) replay.answer((String) q[0], (RecordType<?>) q[1]))
                    .as("replay of %s %s", q[0], q[1]).isEqualTo(original.get(i));
        }
        assertThat(rec.size()).isEqualTo(QUERIES.size() - 1); // bad..name is not recorded
    }

    @Test
    void replayOfZoneAnswersIsIdentical() throws IOException {
        ZoneResolver z = ZoneResolver.builder()
                .zoneFile(ZoneFileTest.resource("example.com.zone"))
                .zoneFile(ZoneFileTest.resource("example.org.zone"))
                .zoneFile(ZoneFileTest.resource("2.0.192.in-addr.arpa.zone"))
                .fail("example.net", RecordType.TXT, "REFUSED")
                .build();
        assertReplayIdentical(z, tmp.resolve("zone.jsonl"));
    }

    @Test
    void failuresAreRecordedAndTheFileIsDeterministic() throws IOException {
        ZoneResolver z = ZoneResolver.builder()
                .txt("b.example", "v=spf1 -all")
                .address("a.example", "192.0.2.1")
                .fail("slow.example", null, "TIMEOUT")
                .fail("down.example", RecordType.MX, "SERVFAIL")
                .build();
        RecordingResolver rec = new RecordingResolver(z, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        List<CompletableFuture<?>> fs = new ArrayList<>();
        fs.add(rec.txt("slow.example"));
        fs.add(rec.mx("down.example"));
        fs.add(rec.txt("b.example"));
        fs.add(rec.a("A.example"));
        fs.add(rec.aaaa("a.example"));
        fs.add(rec.txt("none.example"));
        fs.forEach(CompletableFuture::join);
        StringWriter w = new StringWriter();
        rec.writeTo(w);
        assertThat(w.toString()).isEqualTo(String.join("\n",
                "{\"snapshot\":1,\"capturedAt\":\"2026-01-02T03:04:05Z\"}",
                "{\"name\":\"a.example\",\"type\":\"A\",\"status\":\"NOERROR\",\"ttl\":300,\"records\":[\"192.0.2.1\"]}",
                "{\"name\":\"a.example\",\"type\":\"AAAA\",\"status\":\"NODATA\",\"ttl\":300}",
                "{\"name\":\"b.example\",\"type\":\"TXT\",\"status\":\"NOERROR\",\"ttl\":300,\"records\":[\"\\\"v=spf1 -all\\\"\"]}",
                "{\"name\":\"down.example\",\"type\":\"MX\",\"status\":\"SERVFAIL\"}",
                "{\"name\":\"none.example\",\"type\":\"TXT\",\"status\":\"NXDOMAIN\",\"ttl\":300}",
                "{\"name\":\"slow.example\",\"type\":\"TXT\",\"status\":\"TIMEOUT\"}",
                ""));
        ZoneResolver replay = rec.replay();
        assertThat(replay.answer("slow.example", RecordType.TXT)).isEqualTo(DnsAnswer.tempFail("TIMEOUT"));
        assertThat(replay.answer("down.example", RecordType.MX)).isEqualTo(DnsAnswer.tempFail("SERVFAIL"));
        assertThat(replay.answer("a.example", RecordType.A).records()).containsExactly(InetAddress.getByName("192.0.2.1"));
        Path f = tmp.resolve("s.jsonl");
        rec.writeTo(f);
        assertThat(Files.readString(f)).isEqualTo(w.toString());
    }
    /**
     * Answers from any delegate must give a readable snapshot: a TTL outside 0..2147483647 (RFC
     * 2181 §8; e.g. Long.MAX_VALUE for "unknown", or a negative value) is written clamped instead of
     * producing a line the reader refuses, which would make the whole archive unreadable.
     */
    @Test
    void outOfRangeTtlsFromADelegateStillGiveAReadableSnapshot() throws IOException {
        DnsResolver odd = new DnsResolver() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                DnsAnswer<?> a = switch (name) {
                    case "forever.example" -> DnsAnswer.records(List.of("v=spf1 -all"), Long.MAX_VALUE);
                    case "big.example" -> DnsAnswer.records(List.of("x"), 3_000_000_000L);
                    default -> DnsAnswer.nxDomain(-5);
                };
                return CompletableFuture.completedFuture((DnsAnswer<T>) a);
            }
        };
        RecordingResolver rec = new RecordingResolver(odd);
        rec.txt("forever.example").join();
        rec.txt("big.example").join();
        rec.txt("gone.example").join();
        Path file = tmp.resolve("odd.jsonl");
        rec.writeTo(file);
        ZoneResolver replay = ZoneResolver.fromSnapshot(file);
        assertThat(replay.answer("forever.example", RecordType.TXT)).isEqualTo(DnsAnswer.records(List.of("v=spf1 -all"), 2147483647L));
        assertThat(replay.answer("big.example", RecordType.TXT)).isEqualTo(DnsAnswer.records(List.of("x"), 2147483647L));
        assertThat(replay.answer("gone.example", RecordType.TXT)).isEqualTo(DnsAnswer.nxDomain(0));
    }
}
