package org.mailauth4j.core.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers from data held in memory — built with {@link #builder()}, or loaded from zone files and
 * snapshot files — as an authoritative server would: a name absent from the data is NXDOMAIN, a
 * name present with other types only (or only below it, RFC 8020 empty non-terminal) is NODATA,
 * CNAMEs are followed (at most 8 hops), and failures recorded in the data ({@code TIMEOUT},
 * {@code SERVFAIL}) are answered as {@link DnsAnswer.Status#TEMPFAIL}. Answers complete at once.
 */
public final class ZoneResolver implements DnsResolver {
    static final int MAX_CNAME_HOPS = 8;

    private final Map<String, Map<String, List<Object>>> records;
    private final Map<String, String> cnames;
    private final Map<String, String> failures;
    private final Set<String> existing;
    private final long ttl;

    private ZoneResolver(Builder b) {
        this.records = copy(b.records);
        this.cnames = Map.copyOf(b.cnames);
        this.failures = Map.copyOf(b.failures);
        this.ttl = b.ttl;
        Set<String> names = new HashSet<>();
        for (String n : b.records.keySet()) {
            addWithAncestors(names, n);
        }
        for (String n : b.cnames.keySet()) {
            addWithAncestors(names, n);
        }
        for (String k : b.failures.keySet()) {
            addWithAncestors(names, k.substring(0, k.indexOf('/')));
        }
        this.existing = Set.copyOf(names);
    }

    private static Map<String, Map<String, List<Object>>> copy(Map<String, Map<String, List<Object>>> in) {
        Map<String, Map<String, List<Object>>> out = new HashMap<>();
        in.forEach((name, byType) -> {
            Map<String, List<Object>> m = new HashMap<>();
            byType.forEach((t, l) -> m.put(t, List.copyOf(l)));
            out.put(name, Map.copyOf(m));
        });
        return Map.copyOf(out);
    }

    private static void addWithAncestors(Set<String> names, String n) {
        String s = n;
        while (true) {
            names.add(s);
            int dot = s.indexOf('.');
            if (dot < 0) {
                return;
            }
            s = s.substring(dot + 1);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
        return CompletableFuture.completedFuture(answer(name, type));
    }

    /** The answer, computed synchronously. */
    public <T> DnsAnswer<T> answer(String name, RecordType<T> type) {
        String problem = DnsNames.problem(name);
        if (problem != null) {
            return DnsAnswer.invalidName(problem);
        }
        String n = DnsNames.canonical(name);
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            String fail = failures.get(n + "/" + type.name());
            if (fail == null) {
                fail = failures.get(n + "/*");
            }
            if (fail != null) {
                return DnsAnswer.tempFail(fail);
            }
            Map<String, List<Object>> byType = records.get(n);
            List<Object> list = byType == null ? null : byType.get(type.name());
            if (list != null && !list.isEmpty()) {
                List<T> out = new ArrayList<>(list.size());
                for (Object o : list) {
                    out.add(type.javaType().cast(o));
                }
                return DnsAnswer.records(out, ttl);
            }
            String target = cnames.get(n);
            if (target == null) {
                return existing.contains(n) ? DnsAnswer.noData(ttl) : DnsAnswer.nxDomain(ttl);
            }
            n = target;
        }
        return DnsAnswer.tempFail("SERVFAIL: CNAME chain longer than " + MAX_CNAME_HOPS);
    }

    /** Builds a {@link ZoneResolver}; names are case-insensitive, with or without a trailing dot. */
    public static final class Builder {
        private final Map<String, Map<String, List<Object>>> records = new HashMap<>();
        private final Map<String, String> cnames = new HashMap<>();
        private final Map<String, String> failures = new HashMap<>();
        private long ttl = 300;

        private Builder() {
        }

        private static String key(String name) {
            String n = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
            String c = DnsNames.canonical(n);
            return c != null ? c : n.toLowerCase(Locale.ROOT);
        }

        /** Adds a record of any supported type. */
        public <T> Builder add(String name, RecordType<T> type, T value) {
            records.computeIfAbsent(key(name), k -> new HashMap<>())
                    .computeIfAbsent(type.name(), k -> new ArrayList<>()).add(value);
            return this;
        }

        /** A TXT record; its character-strings already joined. */
        public Builder txt(String name, String text) {
            return add(name, RecordType.TXT, text);
        }

        /** An A or AAAA record, chosen by the address form. */
        public Builder address(String name, String ip) {
            InetAddress a = parseIp(ip);
            return add(name, a.getAddress().length == 4 ? RecordType.A : RecordType.AAAA, a);
        }

        public Builder mx(String name, int preference, String exchange) {
            return add(name, RecordType.MX, new MxRecord(preference, key(exchange)));
        }

        public Builder ptr(String name, String target) {
            return add(name, RecordType.PTR, key(target));
        }

        public Builder cname(String name, String target) {
            cnames.put(key(name), key(target));
            return this;
        }

        /**
         * Makes queries for {@code name} fail temporarily with {@code detail} (e.g. "TIMEOUT",
         * "SERVFAIL"); {@code type == null} means every type.
         */
        public Builder fail(String name, RecordType<?> type, String detail) {
            failures.put(key(name) + "/" + (type == null ? "*" : type.name()), detail);
            return this;
        }

        /** Declares that {@code name} exists (so other types answer NODATA rather than NXDOMAIN). */
        public Builder exists(String name) {
            records.computeIfAbsent(key(name), k -> new HashMap<>());
            return this;
        }

        /** The TTL given to every answer (default 300 s). */
        public Builder ttl(long seconds) {
            this.ttl = seconds;
            return this;
        }

        public ZoneResolver build() {
            return new ZoneResolver(this);
        }
    }

    /** Parses a literal IPv4 or IPv6 address without any DNS lookup. */
    static InetAddress parseIp(String ip) {
        String s = ip.trim();
        boolean literal = !s.isEmpty() && (s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')));
        if (!literal) {
            throw new IllegalArgumentException("not an IP address literal: " + ip);
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + ip, e);
        }
    }
}
