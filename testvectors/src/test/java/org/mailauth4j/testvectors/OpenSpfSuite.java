package org.mailauth4j.testvectors;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.testing.TestData;

/**
 * The OpenSPF RFC 7208 suite (PROVENANCE.md §1): 16 scenarios, 203 tests. Each scenario's
 * {@code zonedata} becomes an in-memory resolver that answers as the upstream driver does:
 * <ul>
 *   <li>a name with {@code SPF} records but no {@code TXT} record serves the SPF strings as TXT
 *       (RFC 7208 only queries TXT);</li>
 *   <li>a list value is the character-strings of one record, joined without separator;</li>
 *   <li>a bare {@code TIMEOUT} item times out every query type of the name that has no records
 *       listed before it; {@code {TYPE: TIMEOUT}} times out that type only; {@code NONE} is a
 *       placeholder with no record;</li>
 *   <li>a name that is not listed does not exist, except names starting with {@code error.},
 *       which time out.</li>
 * </ul>
 */
final class OpenSpfSuite {
    /**
     * One test.
     *
     * @param acceptable the results the suite accepts, the preferred one first
     * @param explanation the expected explanation of a fail, {@code DEFAULT} for "no exp= used", or null
     */
    record Case(String scenario, String name, String host, String helo, String mailFrom, List<String> acceptable,
            String explanation, DnsResolver dns) {
        @Override
        public String toString() {
            return scenario + " / " + name;
        }
    }

    private static final List<RecordType<?>> TYPES = List.of(RecordType.TXT, RecordType.A, RecordType.AAAA,
            RecordType.MX, RecordType.PTR);

    private OpenSpfSuite() {
    }

    static List<Case> load() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Map<String, Object> scenario : VectorFiles.yamlDocuments(TestData.vector("spf/openspf/rfc7208-tests.yml"))) {
            String description = String.valueOf(scenario.get("description"));
            DnsResolver dns = resolver((Map<?, ?>) scenario.get("zonedata"));
            for (Map.Entry<?, ?> e : ((Map<?, ?>) scenario.get("tests")).entrySet()) {
                Map<?, ?> t = (Map<?, ?>) e.getValue();
                List<String> acceptable = new ArrayList<>();
                if (t.get("result") instanceof List<?> l) {
                    l.forEach(x -> acceptable.add(String.valueOf(x)));
                } else {
                    acceptable.add(String.valueOf(t.get("result")));
                }
                out.add(new Case(description, String.valueOf(e.getKey()), text(t.get("host")), text(t.get("helo")),
                        text(t.get("mailfrom")), acceptable, t.containsKey("explanation") ? text(t.get("explanation")) : null,
                        dns));
            }
        }
        return out;
    }

    /** openspf-exceptions.tsv of the spf module: names of tests it believes wrong. */
    static Set<String> moduleExceptions() throws IOException {
        Set<String> out = new HashSet<>();
        for (String line : Files.readAllLines(VectorFiles.sibling("spf/src/test/resources/openspf-exceptions.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("\t")[0]);
            }
        }
        return out;
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    static DnsResolver resolver(Map<?, ?> zonedata) {
        ZoneResolver.Builder b = ZoneResolver.builder();
        Map<String, List<?>> byName = new LinkedHashMap<>();
        if (zonedata != null) {
            zonedata.forEach((k, v) -> byName.put(String.valueOf(k).toLowerCase(Locale.ROOT), (List<?>) v));
        }
        byName.forEach((name, items) -> addName(b, name, items));
        ZoneResolver zone = b.build();
        return new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                String n = name.toLowerCase(Locale.ROOT);
                if (n.endsWith(".")) {
                    n = n.substring(0, n.length() - 1);
                }
                if (n.startsWith("error.") && !byName.containsKey(n)) {
                    return CompletableFuture.completedFuture(DnsAnswer.tempFail("TIMEOUT"));
                }
                return zone.query(name, type);
            }
        };
    }

    private static void addName(ZoneResolver.Builder b, String name, List<?> items) {
        b.exists(name);
        boolean hasTxt = items.stream().anyMatch(i -> i instanceof Map<?, ?> m && m.containsKey("TXT"));
        Set<String> typesSeen = new HashSet<>();
        for (Object item : items) {
            if ("TIMEOUT".equals(item)) {
                for (RecordType<?> type : TYPES) {
                    if (!typesSeen.contains(type.name())) {
                        b.fail(name, type, "TIMEOUT");
                    }
                }
                return;
            }
            for (Map.Entry<?, ?> r : ((Map<?, ?>) item).entrySet()) {
                String type = String.valueOf(r.getKey());
                Object value = r.getValue();
                if ("NONE".equals(value)) {
                    continue;
                }
                if ("TIMEOUT".equals(value)) {
                    if (!type.equals("SPF")) { // RFC 7208 never queries the SPF type
                        b.fail(name, RecordType.forName(type), "TIMEOUT");
                    }
                    continue;
                }
                switch (type) {
                    case "TXT", "SPF" -> {
                        if (type.equals("TXT") || !hasTxt) {
                            b.txt(name, joined(value));
                            typesSeen.add("TXT");
                        }
                    }
                    case "A", "AAAA" -> {
                        b.address(name, String.valueOf(value));
                        typesSeen.add(type);
                    }
                    case "MX" -> {
                        List<?> mx = (List<?>) value;
                        b.mx(name, ((Number) mx.get(0)).intValue(), String.valueOf(mx.get(1)));
                        typesSeen.add("MX");
                    }
                    case "PTR" -> {
                        b.ptr(name, String.valueOf(value));
                        typesSeen.add("PTR");
                    }
                    case "CNAME" -> b.cname(name, String.valueOf(value));
                    default -> throw new IllegalArgumentException("unknown record type " + type + " at " + name);
                }
            }
        }
    }

    /** A list value is the character-strings of one record: joined with no separator. */
    private static String joined(Object value) {
        if (value instanceof List<?> parts) {
            StringBuilder sb = new StringBuilder();
            parts.forEach(sb::append);
            return sb.toString();
        }
        return String.valueOf(value);
    }
}
