package org.mailauth4j.core.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers from data held in memory — built with {@link #builder()}, or loaded from RFC 1035 zone
 * files, DNS snapshot files and "name TXT-value" lines — as an authoritative server would:
 * <ul>
 *   <li>a name absent from all the data is NXDOMAIN; a name present with other types only (or
 *       only with names below it, an empty non-terminal, RFC 8020) is NODATA;</li>
 *   <li>CNAMEs are followed (at most {@value #MAX_CNAME_HOPS} hops, RFC 1034 §3.6.2);</li>
 *   <li>wildcards ({@code *.example.com}) answer for names that do not exist, below their closest
 *       existing ancestor only (RFC 4592 §3.3.1): records of the type asked, else NODATA; a
 *       wildcard CNAME is followed;</li>
 *   <li>answers stated by a snapshot win: recorded failures ({@code TIMEOUT}, {@code SERVFAIL})
 *       are answered as {@link DnsAnswer.Status#TEMPFAIL} — zone files cannot say that a query
 *       timed out, snapshots can — and a recorded NXDOMAIN or NODATA for (name, type) is answered
 *       as recorded; a recorded NXDOMAIN also makes every other type of that name NXDOMAIN,
 *       unless records of that type are stated (so that every recorded answer replays exactly);</li>
 *   <li>TTLs come from the data: a record set's TTL, the smallest TTL along a CNAME chain, and for
 *       NXDOMAIN/NODATA the SOA of the enclosing zone, min(SOA TTL, SOA MINIMUM) (RFC 2308 §5);
 *       data without a TTL gets the builder's {@linkplain Builder#ttl default} (300 s).</li>
 * </ul>
 * Several files can be merged into one resolver; their records add up. Answers complete at once.
 * The snapshot format is described in the project README and in {@code SnapshotFile}.
 */
public final class ZoneResolver implements DnsResolver {
    static final int MAX_CNAME_HOPS = 8;

    private final Map<String, Map<String, RecordSet>> records;
    private final Map<String, Target> cnames;
    private final Map<String, String> failures;
    private final Map<String, Negative> negatives;
    private final Map<String, Long> nxNames;
    private final Map<String, Long> soaNegativeTtl;
    private final Set<String> existing;
    /** Owner names {@code *.<parent>} that have data (RFC 4592). */
    private final Set<String> wildcards;
    private final long ttl;
    private final Instant capturedAt;
    private final boolean unrecordedIsTempFail;

    private record RecordSet(List<Object> values, long ttl) {
    }

    private record Target(String name, long ttl) {
    }

    private record Negative(boolean nxDomain, long ttl) {
    }

    private ZoneResolver(Builder b) {
        this.ttl = b.ttl;
        Map<String, Map<String, RecordSet>> recs = new HashMap<>();
        b.records.forEach((name, byType) -> {
            Map<String, RecordSet> m = new HashMap<>();
            byType.forEach((t, set) -> m.put(t, new RecordSet(List.copyOf(set.values), orDefault(set.ttl))));
            recs.put(name, Map.copyOf(m));
        });
        this.records = Map.copyOf(recs);
        Map<String, Target> cn = new HashMap<>();
        b.cnames.forEach((name, t) -> cn.put(name, new Target(t.target, orDefault(t.ttl))));
        this.cnames = Map.copyOf(cn);
        this.failures = Map.copyOf(b.failures);
        Map<String, Negative> neg = new HashMap<>();
        b.negatives.forEach((k, n) -> neg.put(k, new Negative(n.nxDomain, orDefault(n.ttl))));
        this.negatives = Map.copyOf(neg);
        Map<String, Long> nx = new HashMap<>();
        b.nxNames.forEach((k, v) -> nx.put(k, orDefault(v)));
        this.nxNames = Map.copyOf(nx);
        this.soaNegativeTtl = Map.copyOf(b.soaNegativeTtl);
        this.capturedAt = b.capturedAt;
        this.unrecordedIsTempFail = b.unrecordedIsTempFail;
        Set<String> names = new HashSet<>();
        for (String n : b.records.keySet()) {
            addWithAncestors(names, n);
        }
        for (String n : b.cnames.keySet()) {
            addWithAncestors(names, n);
        }
        for (String k : b.failures.keySet()) {
            addWithAncestors(names, k.substring(0, k.lastIndexOf('/')));
        }
        b.negatives.forEach((k, n) -> {
            if (!n.nxDomain) {
                addWithAncestors(names, k.substring(0, k.lastIndexOf('/')));
            }
        });
        this.existing = Set.copyOf(names);
        Set<String> w = new HashSet<>();
        for (String n : names) {
            if (n.startsWith("*.") && (records.containsKey(n) || cnames.containsKey(n))) {
                w.add(n);
            }
        }
        this.wildcards = Set.copyOf(w);
    }

    private long orDefault(long t) {
        return t < 0 ? ttl : t;
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

    /**
     * Loads and merges zone files and snapshot files: a file whose name ends in {@code .jsonl},
     * or whose first non-blank character is <code>{</code>, is a snapshot; any other is a zone
     * file (absolute names, or an {@code $ORIGIN} line).
     *
     * @throws DnsDataException naming the file and line when a file is malformed
     */
    public static ZoneResolver load(List<Path> files) throws IOException {
        Builder b = builder();
        for (Path f : files) {
            b.load(f);
        }
        return b.build();
    }

    /** Like {@link #load(List)}. */
    public static ZoneResolver load(Path... files) throws IOException {
        return load(List.of(files));
    }

    /** Loads one RFC 1035 zone file (dnsjava {@code Master}; {@code $INCLUDE} and {@code $GENERATE} are refused). */
    public static ZoneResolver fromZoneFile(Path file) throws IOException {
        return builder().zoneFile(file).build();
    }

    /** Loads one DNS snapshot file (JSON Lines, see the README). */
    public static ZoneResolver fromSnapshot(Path file) throws IOException {
        return builder().snapshot(file).build();
    }

    /** When the first loaded snapshot that says so was captured. */
    public Optional<Instant> capturedAt() {
        return Optional.ofNullable(capturedAt);
    }

    @Override
    public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
        return CompletableFuture.completedFuture(answer(name, type));
    }

    /** The answer, computed synchronously. */
    public <T> DnsAnswer<T> answer(String name, RecordType<T> type) {
        String n = DnsNames.canonical(name); // null exactly when DnsNames.problem names a problem
        if (n == null) {
            return DnsAnswer.invalidName(DnsNames.problem(name));
        }
        long chainTtl = Long.MAX_VALUE;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            if (!failures.isEmpty() || !negatives.isEmpty()) {
                String key = n + "/" + type.name();
                String fail = failures.get(key);
                if (fail == null) {
                    fail = failures.get(n + "/*");
                }
                if (fail != null) {
                    return DnsAnswer.tempFail(fail);
                }
                Negative neg = negatives.get(key);
                if (neg != null) {
                    long t = Math.min(chainTtl, neg.ttl);
                    return neg.nxDomain ? DnsAnswer.nxDomain(t) : DnsAnswer.noData(t);
                }
            }
            // a name that does not exist may be answered from a wildcard's data (RFC 4592 §3.3.1)
            String wildcard = existing.contains(n) || nxNames.containsKey(n) ? null : wildcardFor(n);
            String owner = wildcard != null ? wildcard : n;
            Map<String, RecordSet> byType = records.get(owner);
            RecordSet set = byType == null ? null : byType.get(type.name());
            if (set != null && !set.values.isEmpty()) {
                List<T> out = new ArrayList<>(set.values.size());
                for (Object o : set.values) {
                    out.add(type.javaType().cast(o));
                }
                return DnsAnswer.records(out, Math.min(chainTtl, set.ttl));
            }
            Long nx = nxNames.get(n);
            if (nx != null) {
                return DnsAnswer.nxDomain(Math.min(chainTtl, nx));
            }
            Target target = cnames.get(owner);
            if (target == null && wildcard != null) {
                return DnsAnswer.noData(Math.min(chainTtl, negativeTtl(n))); // the wildcard lacks this type
            }
            if (target == null && unrecordedIsTempFail) {
                return DnsAnswer.tempFail("not recorded: " + n + " " + type.name() + " is not in the snapshot");
            }
            if (target == null) {
                long t = Math.min(chainTtl, negativeTtl(n));
                return existing.contains(n) ? DnsAnswer.noData(t) : DnsAnswer.nxDomain(t);
            }
            chainTtl = Math.min(chainTtl, target.ttl);
            n = target.name;
        }
        return DnsAnswer.tempFail("SERVFAIL: CNAME chain longer than " + MAX_CNAME_HOPS);
    }

    /**
     * The wildcard that answers for {@code name}, which does not exist in the data: {@code *.}
     * followed by the closest encloser (the longest existing ancestor of {@code name}), when that
     * wildcard has records or a CNAME; otherwise null (RFC 4592 §3.3.1: a wildcard is used only at
     * the closest encloser, so a name below an existing non-wildcard name is not covered by a
     * wildcard further up).
     */
    private String wildcardFor(String name) {
        if (wildcards.isEmpty()) {
            return null;
        }
        String s = name;
        while (true) {
            int dot = s.indexOf('.');
            if (dot < 0) {
                return null;
            }
            s = s.substring(dot + 1);
            if (existing.contains(s)) {
                String w = "*." + s;
                return wildcards.contains(w) ? w : null;
            }
        }
    }

    /** RFC 2308 §5: the negative TTL from the SOA of the closest enclosing zone, else the default. */
    private long negativeTtl(String name) {
        if (soaNegativeTtl.isEmpty()) {
            return ttl;
        }
        String s = name;
        while (true) {
            Long t = soaNegativeTtl.get(s);
            if (t != null) {
                return t;
            }
            int dot = s.indexOf('.');
            if (dot < 0) {
                return ttl;
            }
            s = s.substring(dot + 1);
        }
    }

    /**
     * Builds a {@link ZoneResolver}; names are case-insensitive, with or without a trailing dot.
     * Data from several calls and files is merged.
     */
    public static final class Builder {
        private static final class Set0 {
            final List<Object> values = new ArrayList<>();
            long ttl = -1;
        }

        private record CnameData(String target, long ttl) {
        }

        private record NegativeData(boolean nxDomain, long ttl) {
        }

        private final Map<String, Map<String, Set0>> records = new HashMap<>();
        private final Map<String, CnameData> cnames = new HashMap<>();
        private final Map<String, String> failures = new HashMap<>();
        private final Map<String, NegativeData> negatives = new HashMap<>();
        private final Map<String, Long> nxNames = new HashMap<>();
        private final Map<String, Long> soaNegativeTtl = new HashMap<>();
        private Instant capturedAt;
        private long ttl = 300;
        private boolean unrecordedIsTempFail;

        private Builder() {
        }

        static String key(String name) {
            String n = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
            String c = DnsNames.canonical(n);
            return c != null ? c : n.toLowerCase(Locale.ROOT);
        }

        /** Adds a record of any supported type. */
        public <T> Builder add(String name, RecordType<T> type, T value) {
            return add(name, type, value, -1);
        }

        /** Adds a record with its own TTL; a record set's TTL is the smallest of its records'. */
        <T> Builder add(String name, RecordType<T> type, T value, long recordTtl) {
            Set0 set = records.computeIfAbsent(key(name), k -> new HashMap<>())
                    .computeIfAbsent(type.name(), k -> new Set0());
            set.values.add(type.javaType().cast(value));
            if (recordTtl >= 0) {
                set.ttl = set.ttl < 0 ? recordTtl : Math.min(set.ttl, recordTtl);
            }
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
            return cname(name, target, -1);
        }

        Builder cname(String name, String target, long cnameTtl) {
            cnames.put(key(name), new CnameData(key(target), cnameTtl));
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

        /** Like {@link #fail(String, RecordType, String)} with a type name; "*" means every type. */
        Builder failType(String name, String typeName, String detail) {
            failures.put(key(name) + "/" + typeName, detail);
            return this;
        }

        /** Declares that {@code name} exists (so other types answer NODATA rather than NXDOMAIN). */
        public Builder exists(String name) {
            records.computeIfAbsent(key(name), k -> new HashMap<>());
            return this;
        }

        /**
         * Declares that {@code name} does not exist: every type answers NXDOMAIN, except types with
         * records stated for this name, and CNAMEs at it are not followed.
         */
        public Builder nxDomain(String name) {
            nxNames.putIfAbsent(key(name), -1L);
            return this;
        }

        /** A recorded negative answer for (name, type); an NXDOMAIN also makes the whole name NXDOMAIN. */
        Builder negative(String name, String typeName, boolean nxDomain, long negativeTtl) {
            String k = key(name);
            negatives.put(k + "/" + typeName, new NegativeData(nxDomain, negativeTtl));
            if (nxDomain) {
                nxNames.putIfAbsent(k, negativeTtl);
            }
            return this;
        }

        /** The negative TTL for names at and below {@code apex}, from its SOA (RFC 2308 §5). */
        Builder soa(String apex, long negativeTtl) {
            soaNegativeTtl.put(key(apex), negativeTtl);
            return this;
        }

        Builder capturedAt(Instant at) {
            if (capturedAt == null) {
                capturedAt = at;
            }
            return this;
        }

        /** The TTL given to answers whose data carries none, and to negative answers without a SOA (default 300 s). */
        public Builder ttl(long seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("negative TTL: " + seconds);
            }
            this.ttl = seconds;
            return this;
        }

        /**
         * Adds a zone file or a snapshot file, told apart as in {@link ZoneResolver#load(List)}.
         *
         * @throws DnsDataException naming the file and line when the file is malformed
         */
        public Builder load(Path file) throws IOException {
            if (SnapshotFile.looksLikeSnapshot(file)) {
                return snapshot(file);
            }
            return zoneFile(file);
        }

        /** Adds the records of an RFC 1035 zone file whose names are absolute or set by {@code $ORIGIN}. */
        public Builder zoneFile(Path file) throws IOException {
            return zoneFile(file, null);
        }

        /** Adds the records of an RFC 1035 zone file; relative names are relative to {@code origin}. */
        public Builder zoneFile(Path file, String origin) throws IOException {
            ZoneFileLoader.load(file, origin, ttl, this);
            return this;
        }

        /** Adds the answers of a DNS snapshot file (JSON Lines; format in the README). */
        public Builder snapshot(Path file) throws IOException {
            SnapshotFile.read(file, this);
            return this;
        }

        /**
         * Adds TXT records from lines of the form {@code <name> <TXT value>} (the format of the DKIM
         * test vectors' {@code dns.txt} and {@code FAKE_DNS.dat}): the name ends at the first white
         * space, the value is the rest of the line, trimmed and taken literally. Blank lines and
         * lines starting with {@code #} are skipped. Special values: {@code NXDOMAIN} (the name does
         * not exist), {@code ""} (an empty TXT record), {@code ~~Query timed out~~} (the TXT query
         * times out: TEMPFAIL "TIMEOUT") and other {@code ~~text~~} (the TXT query fails: TEMPFAIL
         * "SERVFAIL" for {@code ~~SERVFAIL~~}, else the text). A name listed several times has
         * several TXT records.
         *
         * @throws DnsDataException naming the line when a line has a name but no value, or an invalid name
         */
        public Builder txtLines(Path file) throws IOException {
            TxtLinesLoader.load(file, this);
            return this;
        }

        /** Like {@link #txtLines(Path)}, for text already in memory (e.g. the records block of a test message). */
        public Builder txtLines(String text) {
            try (BufferedReader r = new BufferedReader(new StringReader(text))) {
                TxtLinesLoader.load(r, "text", this);
            } catch (DnsDataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // not reached for a StringReader
            }
            return this;
        }

        /**
         * For replaying archives: a (name, type) that the loaded data says nothing about — no
         * records, no NXDOMAIN/NODATA/failure line, no CNAME — answers TEMPFAIL "not recorded"
         * instead of NXDOMAIN/NODATA. Without it, a verifier that asks something the recording did
         * not (another version, another policy) gets a fabricated "does not exist" and may turn a
         * policy into "none"; with it, the gap shows as temperror.
         */
        public Builder unrecordedIsTempFail() {
            this.unrecordedIsTempFail = true;
            return this;
        }

        public ZoneResolver build() {
            return new ZoneResolver(this);
        }
    }

    /** Parses a literal IPv4 or IPv6 address without any DNS lookup ({@link IpLiteral}). */
    static InetAddress parseIp(String ip) {
        InetAddress a = IpLiteral.parse(ip.trim());
        if (a == null) {
            throw new IllegalArgumentException("not an IP address literal: " + ip);
        }
        return a;
    }

    /** An IPv6 address from 16 octets, kept as IPv6 even when it is IPv4-mapped. */
    static InetAddress ipv6(byte[] octets) {
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not 16 octets", e);
        }
    }
}
