package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any answers recorded by {@link RecordingResolver} replay identically from their snapshot. */
class SnapshotRoundTripTest {

    record Query(String name, RecordType<?> type, DnsAnswer<?> answer) {
    }

    @Property(tries = 100)
    void recordedAnswersReplayIdentically(@ForAll("queries") List<Query> queries) throws Exception {
        Map<String, DnsAnswer<?>> table = new HashMap<>();
        for (Query q : queries) {
            table.putIfAbsent(q.name + " " + q.type, q.answer);
        }
        DnsResolver scripted = new DnsResolver() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return CompletableFuture.completedFuture((DnsAnswer<T>) table.get(name + " " + type));
            }
        };
        RecordingResolver rec = new RecordingResolver(scripted);
        List<DnsAnswer<?>> original = new ArrayList<>();
        for (Query q : queries) {
            original.add(rec.query(q.name, q.type).join());
        }
        ZoneResolver replay = rec.replay();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            assertThat((Object) replay.answer(q.name, q.type)).as(q.name + " " + q.type).isEqualTo(original.get(i));
        }
    }

    @Provide
    Arbitrary<List<Query>> queries() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> name = label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l) + ".example");
        Arbitrary<String> smallName = Arbitraries.of("a.example", "b.example", "c.a.example");
        Arbitrary<String> anyName = Arbitraries.oneOf(name, smallName);
        Arbitrary<RecordType<?>> type = Arbitraries.of(RecordType.TXT, RecordType.A, RecordType.AAAA, RecordType.MX, RecordType.PTR);
        return Combinators.combine(anyName, type, Arbitraries.integers().between(0, 5), Arbitraries.longs().between(0, Integer.MAX_VALUE),
                        Arbitraries.randomValue(r -> r.nextLong()))
                .as((n, t, kind, ttl, seed) -> new Query(n, t, answer(t, kind, ttl, new java.util.Random(seed))))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    private static DnsAnswer<?> answer(RecordType<?> type, int kind, long ttl, java.util.Random r) {
        return switch (kind) {
            case 0 -> DnsAnswer.nxDomain(ttl);
            case 1 -> DnsAnswer.noData(ttl);
            case 2 -> DnsAnswer.tempFail(List.of("TIMEOUT", "SERVFAIL", "REFUSED", "", "odd \"detail\"\n\u00e9").get(r.nextInt(5)));
            default -> {
                List<Object> recs = new ArrayList<>();
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    recs.add(value(type, r));
                }
                yield DnsAnswer.records(recs, ttl);
            }
        };
    }

    private static Object value(RecordType<?> type, java.util.Random r) {
        try {
            if (type == RecordType.TXT) {
                StringBuilder sb = new StringBuilder();
                int len = r.nextInt(r.nextBoolean() ? 20 : 700);
                for (int i = 0; i < len; i++) {
                    sb.appendCodePoint(r.nextInt(10) < 8 ? 0x20 + r.nextInt(0x5f) : r.nextInt(0x3000));
                }
                // as if decoded from the wire: unpaired surrogates cannot occur
                return new String(sb.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
            if (type == RecordType.A) {
                byte[] b = new byte[4];
                r.nextBytes(b);
                return InetAddress.getByAddress(b);
            }
            if (type == RecordType.AAAA) {
                byte[] b = new byte[16];
                r.nextBytes(b);
                if (r.nextInt(4) == 0) { // IPv4-mapped
                    java.util.Arrays.fill(b, 0, 10, (byte) 0);
                    b[10] = (byte) 0xff;
                    b[11] = (byte) 0xff;
                }
                return ZoneResolver.ipv6(b);
            }
            String host = "h" + r.nextInt(1000) + ".example";
            if (type == RecordType.MX) {
                return new MxRecord(r.nextInt(65536), r.nextInt(10) == 0 ? "." : host);
            }
            return host;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
