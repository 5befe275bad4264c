package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;

class SpfEvaluatorTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static SpfOutcome check(DnsResolver dns, String ip, String helo, String mailFrom) throws Exception {
        return SpfEvaluator.builder().resolver(dns).receiver("mx.example.org").build()
                .check(ip(ip), helo, mailFrom).get(5, TimeUnit.SECONDS);
    }

    @Test
    void passReportsMatchedTermTraceAndCounts() throws Exception {
        ZoneResolver dns = ZoneResolver.builder()
                .txt("example.com", "v=spf1 ip4:198.51.100.0/24 include:_spf.example.net -all")
                .txt("_spf.example.net", "v=spf1 a:mail.example.net ~all")
                .address("mail.example.net", "192.0.2.10")
                .build();
        SpfOutcome o = check(dns, "192.0.2.10", "mail.example.net", "alice@example.com");
        assertThat(o.result()).isEqualTo(SpfResult.PASS);
        assertThat(o.matchedTerm()).isEqualTo("include:_spf.example.net");
        assertThat(o.matchedDomain()).isEqualTo("example.com");
        assertThat(o.identity()).isEqualTo(SpfOutcome.Identity.MAILFROM);
        assertThat(o.sender()).isEqualTo("alice@example.com");
        assertThat(o.domain()).isEqualTo("example.com");
        assertThat(o.dnsLookups()).isEqualTo(2); // include + a
        assertThat(o.voidLookups()).isZero();
        assertThat(o.explanation()).isNull();
        assertThat(o.trace()).extracting(SpfOutcome.Step::term).contains(
                "v=spf1 ip4:198.51.100.0/24 include:_spf.example.net -all", "ip4:198.51.100.0/24",
                "include:_spf.example.net", "a:mail.example.net");
        assertThat(o.trace()).anySatisfy(s -> {
            assertThat(s.depth()).isEqualTo(1);
            assertThat(s.domain()).isEqualTo("_spf.example.net");
            assertThat(s.outcome()).isEqualTo("match: pass");
        });
    }

    @Test
    void failCarriesDefaultExplanationAndExpOverrides() throws Exception {
        ZoneResolver dns = ZoneResolver.builder()
                .txt("plain.example", "v=spf1 -all")
                .txt("exp.example", "v=spf1 -all exp=why.exp.example")
                .txt("why.exp.example", "%{i} is not one of %{d}'s servers")
                .build();
        SpfOutcome plain = check(dns, "192.0.2.1", "h.example", "a@plain.example");
        assertThat(plain.result()).isEqualTo(SpfResult.FAIL);
        assertThat(plain.explanation()).isEqualTo("plain.example does not designate 192.0.2.1 as permitted sender");
        SpfOutcome exp = check(dns, "192.0.2.1", "h.example", "a@exp.example");
        assertThat(exp.explanation()).isEqualTo("192.0.2.1 is not one of exp.example's servers");
        SpfOutcome custom = SpfEvaluator.builder().resolver(dns).defaultExplanation("See https://ex/why?s=%{S}")
                .build().check(ip("192.0.2.1"), "h", "a b@plain.example").get(5, TimeUnit.SECONDS);
        assertThat(custom.explanation()).isEqualTo("See https://ex/why?s=a%20b%40plain.example");
    }

    /** RFC 7208 §2.4 / §4.3: empty MAIL FROM checks the HELO name with sender postmaster@helo. */
    @Test
    void emptyMailFromChecksHelo() throws Exception {
        ZoneResolver dns = ZoneResolver.builder()
                .txt("mail.example.org", "v=spf1 exists:%{l}.%{o}.x.example -all")
                .address("postmaster.mail.example.org.x.example", "127.0.0.2")
                .build();
        for (String mf : new String[] {"", "<>", null}) {
            SpfOutcome o = check(dns, "192.0.2.1", "mail.example.org", mf);
            assertThat(o.result()).isEqualTo(SpfResult.PASS);
            assertThat(o.identity()).isEqualTo(SpfOutcome.Identity.HELO);
            assertThat(o.sender()).isEqualTo("postmaster@mail.example.org");
        }
        SpfOutcome helo = SpfEvaluator.builder().resolver(dns).build().checkHelo(ip("192.0.2.1"), "mail.example.org").join();
        assertThat(helo.result()).isEqualTo(SpfResult.PASS);
        assertThat(ReceivedSpf.resInfo(helo).property("smtp", "helo")).isEqualTo("mail.example.org");
    }

    /** RFC 7208 §4.3: malformed or single-label domains give none without any lookup. */
    @Test
    void invalidDomainsGiveNone() throws Exception {
        AtomicInteger queries = new AtomicInteger();
        DnsResolver dns = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                queries.incrementAndGet();
                return CompletableFuture.completedFuture(DnsAnswer.nxDomain(0));
            }
        };
        for (String helo : new String[] {"localhost", "[192.0.2.1]", "a..example.com", "x".repeat(64) + ".example", "", "192.0.2.1"}) {
            SpfOutcome o = check(dns, "192.0.2.1", helo, "");
            assertThat(o.result()).as(helo).isEqualTo(SpfResult.NONE);
            assertThat(o.problem()).as(helo).isNotBlank();
        }
        assertThat(queries.get()).isZero();
    }

    /** The bare check_host(): domain and sender given separately (RFC 7208 §4.1). */
    @Test
    void checkHostWithExplicitDomainAndSender() throws Exception {
        ZoneResolver dns = ZoneResolver.builder()
                .txt("example.net", "v=spf1 exists:%{l}.%{o}.%{d}.x.example -all")
                .address("bob.example.com.example.net.x.example", "127.0.0.2")
                .build();
        SpfEvaluator spf = SpfEvaluator.builder().resolver(dns).build();
        SpfOutcome o = spf.checkHost(ip("192.0.2.1"), "example.net", "bob@example.com", "h.example").join();
        assertThat(o.result()).isEqualTo(SpfResult.PASS);
        assertThat(o.domain()).isEqualTo("example.net");
        assertThat(o.sender()).isEqualTo("bob@example.com");
        assertThat(spf.checkHost(ip("192.0.2.1"), "example.net", "example.com", null).join().sender())
                .isEqualTo("postmaster@example.com");
    }

    /** RFC 7208 §5 (last paragraph of §5): an IPv4-mapped IPv6 client is evaluated as IPv4. */
    @Test
    void ipv4MappedClientIsIpv4() throws Exception {
        ZoneResolver dns = ZoneResolver.builder().txt("example.com", "v=spf1 ip6:::/0 ip4:192.0.2.0/24 -all").build();
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 7});
        SpfOutcome o = SpfEvaluator.builder().resolver(dns).build().check(mapped, "h.example", "a@example.com").join();
        assertThat(o.result()).isEqualTo(SpfResult.PASS);
        assertThat(o.matchedTerm()).isEqualTo("ip4:192.0.2.0/24");
        assertThat(o.ip()).isInstanceOf(Inet4Address.class);
    }

    /** RFC 7208 §4.6.4: the 10-term limit counts across include and redirect. */
    @Test
    void lookupLimitIsGlobal() throws Exception {
        ZoneResolver.Builder b = ZoneResolver.builder();
        // example.com -> include:l1 (1) -> l1 has 4 a-terms (5) -> redirect=l2 (6) -> l2 has 4 a (10) -> exists (11)
        b.txt("example.com", "v=spf1 include:l1.example.com ip4:192.0.2.99 -all");
        b.txt("l1.example.com", "v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com redirect=l2.example.com");
        b.txt("l2.example.com", "v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com exists:h.example.com");
        b.address("h.example.com", "198.51.100.1");
        SpfOutcome o = check(b.build(), "192.0.2.99", "h", "x@example.com");
        assertThat(o.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(o.problem()).contains("more than 10 DNS-querying terms");
        assertThat(o.dnsLookups()).isEqualTo(11);

        SpfOutcome relaxed = SpfEvaluator.builder().resolver(b.build()).limits(new SpfLimits(20, 2, 10, 10)).build()
                .check(ip("192.0.2.99"), "h", "x@example.com").join();
        assertThat(relaxed.result()).isEqualTo(SpfResult.PASS);
        assertThat(relaxed.dnsLookups()).isEqualTo(11);
    }

    /** RFC 7208 §4.6.4: the third void lookup is a permerror; the exp lookup never counts. */
    @Test
    void voidLookupLimit() throws Exception {
        ZoneResolver dns = ZoneResolver.builder()
                .txt("two.example", "v=spf1 a:n1.example mx:n2.example -all exp=n4.example")
                .txt("three.example", "v=spf1 a:n1.example mx:n2.example exists:n3.example -all")
                .build();
        SpfOutcome two = check(dns, "192.0.2.1", "h", "a@two.example");
        assertThat(two.result()).isEqualTo(SpfResult.FAIL);
        assertThat(two.voidLookups()).isEqualTo(2);
        SpfOutcome three = check(dns, "192.0.2.1", "h", "a@three.example");
        assertThat(three.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(three.problem()).contains("void lookups");
        assertThat(three.voidLookups()).isEqualTo(3);
    }

    /** The addresses of MX hosts are looked up in parallel; the answer order still decides. */
    @Test
    void mxHostLookupsRunInParallel() throws Exception {
        List<CompletableFuture<DnsAnswer<InetAddress>>> pending = new ArrayList<>();
        ZoneResolver zone = ZoneResolver.builder()
                .txt("example.com", "v=spf1 mx -all")
                .mx("example.com", 10, "mx1.example.com").mx("example.com", 20, "mx2.example.com")
                .mx("example.com", 30, "mx3.example.com")
                .build();
        DnsResolver dns = new DnsResolver() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                if (type == RecordType.A) {
                    CompletableFuture<DnsAnswer<InetAddress>> f = new CompletableFuture<>();
                    synchronized (pending) {
                        pending.add(f);
                    }
                    return (CompletableFuture<DnsAnswer<T>>) (CompletableFuture<?>) f;
                }
                return zone.query(name, type);
            }
        };
        CompletableFuture<SpfOutcome> result = SpfEvaluator.builder().resolver(dns).build()
                .check(ip("192.0.2.3"), "h", "a@example.com");
        // all three lookups are outstanding at once: nobody waited for the first
        assertThat(pending).hasSize(3);
        assertThat(result).isNotDone();
        pending.get(2).complete(DnsAnswer.records(List.of(ip("192.0.2.3")), 60));
        pending.get(1).complete(DnsAnswer.tempFail("SERVFAIL"));
        assertThat(result).isNotDone();
        pending.get(0).complete(DnsAnswer.nxDomain(60));
        // in answer order mx2's failure comes before mx3's match, as sequential evaluation would see it
        SpfOutcome o = result.get(5, TimeUnit.SECONDS);
        assertThat(o.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(o.problem()).contains("mx2.example.com");
    }

    /** A resolver that never answers: the deadline gives temperror and no thread waits. */
    @Test
    void deadlineGivesTemperror() throws Exception {
        DnsResolver silent = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return new CompletableFuture<>();
            }
        };
        CompletableFuture<SpfOutcome> f = SpfEvaluator.builder().resolver(silent).timeout(Duration.ofMillis(200)).build()
                .check(ip("192.0.2.1"), "h", "a@example.com");
        assertThat(f).isNotDone(); // returned at once
        SpfOutcome o = f.get(5, TimeUnit.SECONDS);
        assertThat(o.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(o.problem()).contains("no result within");
    }

    /** The deadline is read from the injected clock between lookups. */
    @Test
    void deadlineFollowsInjectedClock() throws Exception {
        ZoneResolver dns = ZoneResolver.builder()
                .txt("example.com", "v=spf1 a:x.example.com a:y.example.com -all")
                .build();
        Clock jumping = new Clock() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.EPOCH.plusSeconds(calls.getAndIncrement() * 30L);
            }
        };
        SpfOutcome o = SpfEvaluator.builder().resolver(dns).clock(jumping).build()
                .check(ip("192.0.2.1"), "h", "a@example.com").join();
        assertThat(o.result()).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void brokenResolverIsTemperrorNotACrash() throws Exception {
        DnsResolver broken = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                if (type == RecordType.TXT) {
                    return CompletableFuture.failedFuture(new IllegalStateException("boom"));
                }
                throw new IllegalStateException("boom");
            }
        };
        SpfOutcome o = check(broken, "192.0.2.1", "h", "a@example.com");
        assertThat(o.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(o.problem()).contains("boom");
    }

    @Test
    void hostileAnswersStayBounded() throws Exception {
        ZoneResolver.Builder b = ZoneResolver.builder()
                .txt("example.com", "v=spf1 a:many.example.com ptr -all " + "ip4:10.0.0.1 ".repeat(2000));
        for (int k = 0; k < 5000; k++) {
            b.address("many.example.com", "198.51." + (k >> 8) + "." + (k & 255));
        }
        for (int k = 0; k < 500; k++) {
            b.ptr("1.2.0.192.in-addr.arpa", "p" + k + ".example.com");
        }
        SpfOutcome o = check(b.build(), "192.0.2.1", "h", "a@example.com");
        assertThat(o.result()).isEqualTo(SpfResult.FAIL);
        // only the first 10 PTR names could be checked, and none of them is under example.com with the address
        assertThat(o.trace()).anySatisfy(s -> assertThat(s.term()).isEqualTo("ptr"));
    }

    @Test
    void recordsAreParsedOnceAndCached() throws Exception {
        ZoneResolver dns = ZoneResolver.builder().txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all").build();
        SpfEvaluator spf = SpfEvaluator.builder().resolver(dns).build();
        for (int k = 0; k < 3; k++) {
            assertThat(spf.check(ip("192.0.2.5"), "h", "a@example.com").join().result()).isEqualTo(SpfResult.PASS);
            assertThat(spf.check(ip("198.51.100.5"), "h", "a@example.com").join().result()).isEqualTo(SpfResult.FAIL);
        }
    }

    /** RFC 7208 §9.1 example field, and the §9.2 / RFC 8601 resinfo. */
    @Test
    void receivedSpfAndAuthenticationResults() throws Exception {
        ZoneResolver dns = ZoneResolver.builder().txt("example.com", "v=spf1 ip4:192.0.2.1 -all").build();
        SpfOutcome o = SpfEvaluator.builder().resolver(dns).receiver("mybox.example.org").build()
                .check(ip("192.0.2.1"), "foo.example.com", "myname@example.com").join();
        String v = ReceivedSpf.value(o);
        assertThat(v).startsWith("pass (mybox.example.org: domain of myname@example.com designates 192.0.2.1 as"
                + " permitted sender) client-ip=192.0.2.1; ");
        assertThat(v).contains("envelope-from=\"myname@example.com\"; ", "helo=foo.example.com; ",
                "receiver=mybox.example.org; ", "identity=mailfrom; ", "mechanism=\"ip4:192.0.2.1\"");
        String field = new String(ReceivedSpf.header(o).raw(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(field).startsWith("Received-SPF: pass (").endsWith("\r\n");
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
        assertThat(field.replace("\r\n", "")).isEqualTo("Received-SPF: " + v);
        assertThat(field.split("\r\n")).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        ResInfo ri = ReceivedSpf.resInfo(o);
        assertThat(ri.method()).isEqualTo("spf");
        assertThat(ri.result()).isEqualTo("pass");
        assertThat(ri.property("smtp", "mailfrom")).isEqualTo("myname@example.com");
    }

    @Test
    void permerrorFieldNamesTheProblem() throws Exception {
        ZoneResolver dns = ZoneResolver.builder().txt("example.com", "v=spf1 a:foo-bar -all").build();
        SpfOutcome o = check(dns, "192.0.2.1", "h.example", "x@example.com");
        assertThat(o.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(ReceivedSpf.value(o)).contains("problem=\"syntax error in the record of example.com:");
    }
}
