package org.mailauth4j.core.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Real DNS through dnsjava's asynchronous API: stub queries (recursion desired) to the system's
 * resolvers ({@code /etc/resolv.conf} and the like) or to given servers, over UDP with EDNS(0)
 * (RFC 6891, 1232-octet payload) and TCP when an answer is truncated (RFC 7766). No thread waits:
 * sockets are served by dnsjava's selector thread and answers are interpreted on the
 * {@linkplain Builder#executor executor}.
 *
 * <p>Each attempt has its own {@linkplain Builder#timeout timeout}; after a timeout or an I/O error
 * the query is sent again, to the next server, up to {@linkplain Builder#retries retries} more
 * times. SERVFAIL and REFUSED also move on to the next server when there is one. The outcome:
 * <ul>
 *   <li>NOERROR with records of the type (after following CNAMEs in the answer, RFC 1034 §3.6.2,
 *       at most {@value ZoneResolver#MAX_CNAME_HOPS} hops; a chain whose target is not answered is
 *       queried again at the target): {@link DnsAnswer.Status#RECORDS}, TTL = the smallest
 *       along the chain;</li>
 *   <li>NXDOMAIN (for the last name of the chain, RFC 6604): {@link DnsAnswer.Status#NXDOMAIN};
 *       NOERROR without records: {@link DnsAnswer.Status#NODATA}; both with the negative TTL
 *       min(SOA TTL, SOA MINIMUM) of the authority section, 0 without a SOA (RFC 2308 §3, §5);</li>
 *   <li>SERVFAIL, REFUSED, any other rcode: TEMPFAIL with the rcode's name; no answer in time:
 *       TEMPFAIL "TIMEOUT".</li>
 * </ul>
 */
public final class DnsjavaResolver implements DnsResolver {
    private final List<SimpleResolver> servers;
    private final Duration timeout;
    private final int attempts;
    private final Executor executor;

    private DnsjavaResolver(Builder b) {
        List<InetSocketAddress> addrs = b.servers.isEmpty() ? systemServers() : b.servers;
        List<SimpleResolver> rs = new ArrayList<>();
        for (InetSocketAddress a : addrs) {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(b.timeout);
            if (b.ednsPayload > 0) {
                r.setEDNS(0, b.ednsPayload, 0, List.of());
            } else {
                r.setEDNS(-1, 0, 0, List.of());
            }
            rs.add(r);
        }
        this.servers = List.copyOf(rs);
        this.timeout = b.timeout;
        this.attempts = b.retries + 1;
        this.executor = b.executor;
    }

    private static List<InetSocketAddress> systemServers() {
        List<InetSocketAddress> s = ResolverConfig.getCurrentConfig().servers();
        if (s.isEmpty()) {
            return List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), SimpleResolver.DEFAULT_PORT));
        }
        return s;
    }

    /** A resolver using the system's name servers and default settings. */
    public static DnsjavaResolver system() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The servers queried, in order. */
    public List<InetSocketAddress> servers() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (SimpleResolver r : servers) {
            out.add(r.getAddress());
        }
        return out;
    }

    @Override
    public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
        String problem = DnsNames.problem(name);
        if (problem != null) {
            return CompletableFuture.completedFuture(DnsAnswer.invalidName(problem));
        }
        Name qname;
        try {
            qname = Name.fromString(DnsNames.canonical(name) + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(DnsAnswer.invalidName(e.getMessage()));
        }
        return lookup(qname, type, ZoneResolver.MAX_CNAME_HOPS, Long.MAX_VALUE);
    }

    private <T> CompletableFuture<DnsAnswer<T>> lookup(Name qname, RecordType<T> type, int hopsLeft, long chainTtl) {
        Message query = Message.newQuery(Record.newRecord(qname, type.code(), DClass.IN));
        return exchange(query, 0).thenCompose(outcome -> {
            if (outcome.failure != null) {
                return CompletableFuture.completedFuture(DnsAnswer.<T>tempFail(outcome.failure));
            }
            try {
                return interpret(outcome.response, qname, type, hopsLeft, chainTtl);
            } catch (RuntimeException e) {
                // A DNS problem is an answer, never an exceptional completion.
                return CompletableFuture.completedFuture(DnsAnswer.<T>tempFail("resolver error: " + e));
            }
        });
    }

    /** A response, or why there is none. */
    private record Outcome(Message response, String failure) {
    }

    /** Sends {@code query}, attempt {@code attempt} (0-based), moving on to the next server on failure. */
    private CompletableFuture<Outcome> exchange(Message query, int attempt) {
        SimpleResolver server = servers.get(attempt % servers.size());
        CompletableFuture<Message> sent;
        try {
            sent = server.sendAsync(query, executor).toCompletableFuture().copy();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .handle((response, error) -> {
                    Outcome o;
                    if (error != null) {
                        o = new Outcome(null, describe(error));
                    } else {
                        int rcode = response.getRcode();
                        o = rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN
                                ? new Outcome(response, null)
                                : new Outcome(null, Rcode.string(rcode));
                    }
                    boolean retry = o.failure != null && attempt + 1 < attempts
                            && (error != null || servers.size() > 1);
                    return retry ? exchange(query, attempt + 1) : CompletableFuture.completedFuture(o);
                })
                .thenCompose(f -> f);
    }

    private static String describe(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof TimeoutException || e instanceof java.net.SocketTimeoutException) {
            return "TIMEOUT";
        }
        if (e instanceof IOException) {
            return "network error: " + e.getMessage();
        }
        return "resolver error: " + e;
    }

    private <T> CompletableFuture<DnsAnswer<T>> interpret(Message response, Name qname, RecordType<T> type,
            int hopsLeft, long chainTtl) {
        List<Record> answer = response.getSection(Section.ANSWER);
        Name current = qname;
        long ttl = chainTtl;
        int hops = 0;
        while (true) {
            List<T> found = new ArrayList<>();
            long setTtl = Long.MAX_VALUE;
            CNAMERecord cname = null;
            for (Record r : answer) {
                if (r.getDClass() != DClass.IN || !r.getName().equals(current)) {
                    continue;
                }
                if (r.getType() == type.code()) {
                    found.add(type.javaType().cast(convert(r)));
                    setTtl = Math.min(setTtl, r.getTTL());
                } else if (r.getType() == Type.CNAME) {
                    cname = (CNAMERecord) r;
                }
            }
            if (!found.isEmpty()) {
                return done(DnsAnswer.records(found, Math.min(ttl, setTtl)));
            }
            if (cname == null) {
                break;
            }
            if (++hops > hopsLeft) {
                return done(DnsAnswer.tempFail("SERVFAIL: CNAME chain longer than " + ZoneResolver.MAX_CNAME_HOPS));
            }
            ttl = Math.min(ttl, cname.getTTL());
            current = cname.getTarget();
        }
        long soa = negativeTtl(response);
        long negative = soa < 0 ? 0 : Math.min(ttl, soa);
        if (response.getRcode() == Rcode.NXDOMAIN) {
            return done(DnsAnswer.nxDomain(negative));
        }
        if (hops > 0 && soa < 0) {
            // The answer stops at a CNAME whose target it says nothing about: ask for the target.
            return lookup(current, type, hopsLeft - hops, ttl);
        }
        return done(DnsAnswer.noData(negative));
    }

    private static <T> CompletableFuture<DnsAnswer<T>> done(DnsAnswer<T> a) {
        return CompletableFuture.completedFuture(a);
    }

    /** min(SOA TTL, SOA MINIMUM) from the authority section (RFC 2308 §5), or -1 without a SOA. */
    private static long negativeTtl(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) {
                return Math.min(soa.getTTL(), soa.getMinimum());
            }
        }
        return -1;
    }

    private static Object convert(Record r) {
        try {
            if (r instanceof TXTRecord txt) {
                return Presentation.txtFromBytes(txt.getStringsAsByteArrays());
            }
            if (r instanceof ARecord a) {
                return InetAddress.getByAddress(a.getAddress().getAddress());
            }
            if (r instanceof AAAARecord a) {
                return ZoneResolver.ipv6(a.getAddress().getAddress());
            }
            if (r instanceof MXRecord mx) {
                return new MxRecord(mx.getPriority(), ZoneFileLoader.hostName(mx.getTarget()));
            }
            if (r instanceof PTRRecord ptr) {
                return ZoneFileLoader.hostName(ptr.getTarget());
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // not reached: the octets come from the record
        }
        throw new IllegalStateException("unexpected record " + r);
    }

    /** Settings of a {@link DnsjavaResolver}. */
    public static final class Builder {
        private final List<InetSocketAddress> servers = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(3);
        private int retries = 2;
        private int ednsPayload = 1232;
        private Executor executor = ForkJoinPool.commonPool();

        private Builder() {
        }

        /** Adds a name server (a recursive resolver); without any, the system's are used. */
        public Builder server(InetSocketAddress address) {
            servers.add(Objects.requireNonNull(address));
            return this;
        }

        /** Adds a name server on port 53. */
        public Builder server(InetAddress address) {
            return server(new InetSocketAddress(address, SimpleResolver.DEFAULT_PORT));
        }

        /** How long one attempt waits for an answer (default 3 s). */
        public Builder timeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + d);
            }
            this.timeout = d;
            return this;
        }

        /** How many more attempts after the first (default 2). */
        public Builder retries(int n) {
            if (n < 0 || n > 10) {
                throw new IllegalArgumentException("retries must be 0..10: " + n);
            }
            this.retries = n;
            return this;
        }

        /** The EDNS(0) UDP payload size advertised (default 1232); 0 sends no EDNS (512-octet UDP answers). */
        public Builder ednsPayloadSize(int octets) {
            if (octets != 0 && (octets < 512 || octets > 65535)) {
                throw new IllegalArgumentException("EDNS payload size must be 0 or 512..65535: " + octets);
            }
            this.ednsPayload = octets;
            return this;
        }

        /** Where answers are parsed and interpreted (default the common pool). */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e);
            return this;
        }

        public DnsjavaResolver build() {
            return new DnsjavaResolver(this);
        }
    }
}
