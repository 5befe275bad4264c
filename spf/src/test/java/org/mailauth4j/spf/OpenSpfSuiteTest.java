package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.testing.TestData;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenSPF RFC 7208 suite ({@code ../shared/testvectors/spf/openspf/rfc7208-tests.yml}), all
 * 203 tests unmodified, one dynamic test each. Driver conventions are those of the upstream
 * harness as described in the vectors' PROVENANCE.md: SPF-type records are served as TXT when a
 * name lists no TXT; {@code TIMEOUT} times out every query type of the name that has no records
 * listed before it; {@code {TXT: TIMEOUT}} times out only that type; {@code NONE} is a placeholder;
 * unlisted names starting with {@code error.} time out; the default explanation is the literal
 * {@code DEFAULT}. A result list means any of its results is acceptable.
 */
class OpenSpfSuiteTest {
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final List<String> FAILED = new ArrayList<>();

    @TestFactory
    List<DynamicTest> rfc7208Suite() throws IOException {
        Path file = TestData.vector("spf/openspf/rfc7208-tests.yml");
        Map<String, String> exceptions = loadExceptions();
        List<DynamicTest> tests = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml(options).loadAll(in)) {
                if (!(doc instanceof Map<?, ?> scenario)) {
                    continue;
                }
                String description = String.valueOf(scenario.get("description"));
                DnsResolver dns = zone((Map<?, ?>) scenario.get("zonedata"));
                Map<?, ?> cases = (Map<?, ?>) scenario.get("tests");
                for (Map.Entry<?, ?> e : cases.entrySet()) {
                    String name = String.valueOf(e.getKey());
                    Map<?, ?> t = (Map<?, ?>) e.getValue();
                    tests.add(DynamicTest.dynamicTest(description + " / " + name,
                            () -> runCase(name, t, dns, exceptions)));
                }
            }
        }
        assertThat(tests).as("tests in the suite").hasSize(203);
        return tests;
    }

    @AfterAll
    static void report() {
        System.out.println("OpenSPF rfc7208-tests.yml: " + PASSED.get() + "/" + RUN.get() + " passed"
                + (FAILED.isEmpty() ? "" : "; failed: " + FAILED));
    }

    private static Map<String, String> loadExceptions() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = OpenSpfSuiteTest.class.getResourceAsStream("/openspf-exceptions.tsv")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                out.put(cols[0], cols.length > 1 ? cols[1] : "");
            }
        }
        return out;
    }

    private static void runCase(String name, Map<?, ?> t, DnsResolver dns, Map<String, String> exceptions)
            throws Exception {
        RUN.incrementAndGet();
        SpfEvaluator spf = SpfEvaluator.builder().resolver(dns).defaultExplanation("DEFAULT")
                .receiver("receiver.example.org")
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        InetAddress ip = InetAddress.getByName(String.valueOf(t.get("host")));
        String helo = String.valueOf(t.get("helo"));
        String mailFrom = String.valueOf(t.get("mailfrom"));
        SpfOutcome o = spf.check(ip, helo, mailFrom).get(10, TimeUnit.SECONDS);
        Object expected = t.get("result");
        List<String> acceptable = new ArrayList<>();
        if (expected instanceof List<?> l) {
            l.forEach(x -> acceptable.add(String.valueOf(x)));
        } else {
            acceptable.add(String.valueOf(expected));
        }
        String explanation = t.containsKey("explanation") ? String.valueOf(t.get("explanation")) : null;
        boolean ok = acceptable.contains(o.result().word())
                && (explanation == null || explanation.equals(o.explanation()));
        if (exceptions.containsKey(name)) {
            // listed as believed wrong, with the RFC text in openspf-exceptions.tsv: must still not pass silently
            assertThat(ok).as(name + " is listed as an exception but passes; remove it from the list").isFalse();
            return;
        }
        if (ok) {
            PASSED.incrementAndGet();
        } else {
            synchronized (FAILED) {
                FAILED.add(name);
            }
        }
        assertThat(o.result().word()).as(name + "\n" + o.traceText()).isIn(acceptable);
        if (explanation != null) {
            assertThat(o.explanation()).as(name + " explanation\n" + o.traceText()).isEqualTo(explanation);
        }
    }

    /** The scenario's zone data as an in-memory resolver, following the upstream driver. */
    static DnsResolver zone(Map<?, ?> zonedata) {
        ZoneResolver.Builder b = ZoneResolver.builder();
        Map<String, List<Object>> byName = new LinkedHashMap<>();
        zonedata.forEach((k, v) -> byName.put(String.valueOf(k).toLowerCase(Locale.ROOT), new ArrayList<>((List<?>) v)));
        for (Map.Entry<String, List<Object>> e : byName.entrySet()) {
            String name = e.getKey();
            b.exists(name);
            boolean hasTxt = false;
            for (Object item : e.getValue()) {
                if (item instanceof Map<?, ?> m && m.containsKey("TXT")) {
                    hasTxt = true;
                }
            }
            Set<String> typesWithRecords = new HashSet<>();
            for (Object item : e.getValue()) {
                if ("TIMEOUT".equals(item)) {
                    // every type without records listed before it times out
                    for (RecordType<?> type : List.of(RecordType.TXT, RecordType.A, RecordType.AAAA, RecordType.MX,
                            RecordType.PTR)) {
                        if (!typesWithRecords.contains(type.name())) {
                            b.fail(name, type, "TIMEOUT");
                        }
                    }
                    break;
                }
                Map<?, ?> m = (Map<?, ?>) item;
                for (Map.Entry<?, ?> r : m.entrySet()) {
                    String type = String.valueOf(r.getKey());
                    Object value = r.getValue();
                    if ("NONE".equals(value)) {
                        continue;
                    }
                    if ("TIMEOUT".equals(value)) {
                        b.fail(name, RecordType.forName(type), "TIMEOUT");
                        continue;
                    }
                    switch (type) {
                        case "TXT", "SPF" -> {
                            if (type.equals("TXT") || !hasTxt) {
                                b.txt(name, text(value));
                                typesWithRecords.add("TXT");
                            }
                        }
                        case "A", "AAAA" -> {
                            b.address(name, String.valueOf(value));
                            typesWithRecords.add(type);
                        }
                        case "MX" -> {
                            List<?> mx = (List<?>) value;
                            b.mx(name, ((Number) mx.get(0)).intValue(), String.valueOf(mx.get(1)));
                            typesWithRecords.add("MX");
                        }
                        case "PTR" -> {
                            b.ptr(name, String.valueOf(value));
                            typesWithRecords.add("PTR");
                        }
                        case "CNAME" -> b.cname(name, String.valueOf(value));
                        default -> throw new IllegalArgumentException("unknown record type " + type);
                    }
                }
            }
        }
        ZoneResolver zone = b.build();
        return new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                String n = name.toLowerCase(Locale.ROOT);
                if (n.startsWith("error.") && !byName.containsKey(n)) {
                    return CompletableFuture.completedFuture(DnsAnswer.tempFail("TIMEOUT"));
                }
                return zone.query(name, type);
            }
        };
    }

    private static String text(Object value) {
        if (value instanceof List<?> parts) {
            StringBuilder sb = new StringBuilder();
            parts.forEach(sb::append);
            return sb.toString();
        }
        return String.valueOf(value);
    }
}
