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
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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

    /** One test of the suite with the resolver of its scenario. */
    record Case(String scenario, String name, Map<?, ?> test, DnsResolver dns) {
        List<String> acceptable() {
            Object expected = test.get("result");
            List<String> out = new ArrayList<>();
            if (expected instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else {
                out.add(String.valueOf(expected));
            }
            return out;
        }

        String explanation() {
            return test.containsKey("explanation") ? String.valueOf(test.get("explanation")) : null;
        }
    }

    static List<Case> loadSuite() throws IOException {
        Path file = TestData.vector("spf/openspf/rfc7208-tests.yml");
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(in)) {
                if (!(doc instanceof Map<?, ?> scenario)) {
                    continue;
                }
                String description = String.valueOf(scenario.get("description"));
                DnsResolver dns = zone((Map<?, ?>) scenario.get("zonedata"));
                for (Map.Entry<?, ?> e : ((Map<?, ?>) scenario.get("tests")).entrySet()) {
                    cases.add(new Case(description, String.valueOf(e.getKey()), (Map<?, ?>) e.getValue(), dns));
                }
            }
        }
        return cases;
    }

    @TestFactory
    List<DynamicTest> rfc7208Suite() throws IOException {
        Map<String, String> exceptions = loadExceptions();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : loadSuite()) {
            tests.add(DynamicTest.dynamicTest(c.scenario() + " / " + c.name(), () -> runCase(c, exceptions)));
        }
        assertThat(tests).as("tests in the suite").hasSize(203);
        return tests;
    }

    /**
     * The whole suite again through a resolver that answers later on other threads, all 203
     * checks started at once on one shared evaluator: the results must not change.
     */
    @Test
    void sameResultsWithAsynchronousResolverAndConcurrentChecks() throws Exception {
        Map<String, String> exceptions = loadExceptions();
        List<Case> cases = loadSuite();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Random random = new Random(42);
            List<CompletableFuture<SpfOutcome>> running = new ArrayList<>();
            Map<DnsResolver, SpfEvaluator> evaluators = new HashMap<>();
            for (Case c : cases) {
                SpfEvaluator spf = evaluators.computeIfAbsent(c.dns(), dns -> SpfEvaluator.builder()
                        .resolver(delayed(dns, pool, random.nextLong())).defaultExplanation("DEFAULT").build());
                running.add(spf.check(InetAddress.getByName(String.valueOf(c.test().get("host"))),
                        String.valueOf(c.test().get("helo")), String.valueOf(c.test().get("mailfrom"))));
            }
            int agreed = 0;
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get(k);
                SpfOutcome o = running.get(k).get(30, TimeUnit.SECONDS);
                boolean ok = c.acceptable().contains(o.result().word())
                        && (c.explanation() == null || c.explanation().equals(o.explanation()));
                if (ok != exceptions.containsKey(c.name())) {
                    agreed++;
                } else {
                    assertThat(ok).as(c.name() + " (asynchronous)\n" + o.traceText()).isEqualTo(!exceptions.containsKey(c.name()));
                }
            }
            assertThat(agreed).isEqualTo(203);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Answers from {@code dns}, each completed on {@code pool} after 0–2 ms. */
    private static DnsResolver delayed(DnsResolver dns, ExecutorService pool, long seed) {
        Random r = new Random(seed);
        return new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                long delay;
                synchronized (r) {
                    delay = r.nextInt(2000);
                }
                return dns.query(name, type).thenApplyAsync(a -> a,
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MICROSECONDS, pool));
            }
        };
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

    private static void runCase(Case c, Map<String, String> exceptions) throws Exception {
        RUN.incrementAndGet();
        String name = c.name();
        SpfEvaluator spf = SpfEvaluator.builder().resolver(c.dns()).defaultExplanation("DEFAULT")
                .receiver("receiver.example.org")
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        InetAddress ip = InetAddress.getByName(String.valueOf(c.test().get("host")));
        SpfOutcome o = spf.check(ip, String.valueOf(c.test().get("helo")), String.valueOf(c.test().get("mailfrom")))
                .get(10, TimeUnit.SECONDS);
        List<String> acceptable = c.acceptable();
        String explanation = c.explanation();
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
