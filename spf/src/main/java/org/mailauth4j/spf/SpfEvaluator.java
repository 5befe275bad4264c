package org.mailauth4j.spf;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.MxRecord;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.text.Ascii;

/**
 * The SPF {@code check_host()} function (RFC 7208 §4–§6), asynchronous: no thread ever waits for
 * DNS. One evaluator is immutable and thread-safe; build it once and share it.
 *
 * <pre>{@code
 * SpfEvaluator spf = SpfEvaluator.builder().resolver(dns).receiver("mx.example.org").build();
 * SpfOutcome o = spf.check(clientIp, "mail.example.com", "alice@example.com").join();
 * o.result();      // SpfResult.PASS, FAIL, ...
 * o.traceText();   // why
 * }</pre>
 *
 * <p>What it implements, by section: record lookup and selection (§4.4, §4.5), identity checks
 * (§2.3, §4.3), term evaluation order (§4.6, §4.7), every mechanism (§5.1–§5.7), redirect and exp
 * (§6.1, §6.2), macros (§7, see {@code MacroExpander}), the processing limits (§4.6.4: 10
 * DNS-querying terms counted across include and redirect, 2 void lookups, 10 MX names, 10 PTR
 * names) and an overall deadline giving temperror (§4.6.4, §11.1). Lookups that do not depend on
 * each other (the addresses of the MX hosts, of the PTR names) run in parallel; their results are
 * then read in answer order, so the outcome is the same as sequential evaluation.
 */
public final class SpfEvaluator {
    /**
     * The parsed-record cache is bounded in entries and in characters of record text: the
     * records fetched are chosen by the sender (macros such as {@code include:%{i}.zone} name a
     * new record per client), a TXT answer can hold 64 KB, and a parsed record is several times
     * larger than its text. Records longer than {@link #MAX_CACHED_TEXT} characters (real ones
     * are a few hundred) are parsed each time instead of being kept.
     */
    private static final int RECORD_CACHE_SIZE = 4096;
    static final int MAX_CACHED_TEXT = 2048;
    static final int MAX_CACHED_CHARS = 1 << 20;

    private final DnsResolver resolver;
    private final String receiver;
    private final MacroString defaultExplanation;
    private final Clock clock;
    private final Duration timeout;
    private final long timeoutMillis;
    private final SpfLimits limits;
    /** Parsed records by TXT text: an {@link SpfRecord} or the {@link SpfSyntaxException}. */
    private final ConcurrentHashMap<String, Object> records = new ConcurrentHashMap<>();
    /** Characters of record text in {@link #records}, guarded by {@code records} for writers. */
    private long cachedChars;

    private SpfEvaluator(Builder b) {
        this.resolver = Objects.requireNonNull(b.resolver, "resolver");
        this.receiver = b.receiver;
        this.defaultExplanation = b.defaultExplanation;
        this.clock = b.clock;
        this.timeout = b.timeout;
        this.timeoutMillis = b.timeout.toMillis();
        this.limits = b.limits;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the MAIL FROM identity (RFC 7208 §2.4); when {@code mailFrom} is empty or
     * {@code <>}, checks the HELO identity with sender {@code postmaster@<helo>} instead.
     *
     * @param ip the SMTP client address
     * @param helo the HELO/EHLO name (may be {@code null} when a MAIL FROM is given)
     * @param mailFrom the MAIL FROM address, with or without angle brackets
     */
    public CompletableFuture<SpfOutcome> check(InetAddress ip, String helo, String mailFrom) {
        String mf = mailFrom == null ? "" : mailFrom.trim();
        if (mf.startsWith("<") && mf.endsWith(">")) {
            mf = mf.substring(1, mf.length() - 1);
        }
        if (mf.isEmpty()) {
            return checkHelo(ip, helo);
        }
        int at = mf.lastIndexOf('@');
        String local = at < 0 ? "" : mf.substring(0, at);
        String domain = at < 0 ? mf : mf.substring(at + 1);
        return start(ip, helo, local, domain, mf, SpfOutcome.Identity.MAILFROM);
    }

    /** Checks the HELO identity (RFC 7208 §2.3): domain {@code helo}, sender {@code postmaster@helo}. */
    public CompletableFuture<SpfOutcome> checkHelo(InetAddress ip, String helo) {
        return start(ip, helo, "postmaster", helo == null ? "" : helo.trim(), null, SpfOutcome.Identity.HELO);
    }

    /**
     * The bare {@code check_host(<ip>, <domain>, <sender>)} of RFC 7208 §4, reported as the MAIL
     * FROM identity.
     *
     * @param sender {@code local@domain}; a missing local-part becomes {@code postmaster}
     * @param helo the HELO name for {@code %{h}}, or {@code null}
     */
    public CompletableFuture<SpfOutcome> checkHost(InetAddress ip, String domain, String sender, String helo) {
        Objects.requireNonNull(ip, "ip");
        String s = sender == null ? "" : sender;
        int at = s.lastIndexOf('@');
        String local = at < 0 ? "" : s.substring(0, at);
        String senderDomain = at < 0 ? (s.isEmpty() ? domain : s) : s.substring(at + 1);
        Run run = new Run(IpAddresses.normalize(ip), helo, local.isEmpty() ? "postmaster" : local, senderDomain,
                null, SpfOutcome.Identity.MAILFROM);
        return run.start(domain);
    }

    /**
     * @param given the sender as the caller wrote it ({@code local@domain}), reused as the
     *     outcome's sender when it is exactly that, or {@code null}
     */
    private CompletableFuture<SpfOutcome> start(InetAddress ip, String helo, String local, String domain,
            String given, SpfOutcome.Identity identity) {
        Objects.requireNonNull(ip, "ip");
        String d = domain.length() > 1 && domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        // §4.3: a sender without local-part is postmaster@domain
        String sender = given != null && !local.isEmpty() && d == domain ? given : null;
        Run run = new Run(IpAddresses.normalize(ip), helo, local.isEmpty() ? "postmaster" : local, d, sender, identity);
        return run.start(d);
    }

    /**
     * Why {@code domain} cannot be checked (RFC 7208 §4.3: malformed, e.g. a label over 63
     * octets or an empty label, or not a multi-label name; the result is none), or {@code null}.
     */
    static String identityDomainProblem(String domain) {
        if (domain == null || domain.isEmpty()) {
            return "no domain to check";
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.startsWith("[")) {
            return "\"" + domain + "\" is an address literal, not a domain";
        }
        for (int k = 0; k < d.length(); k++) {
            char c = d.charAt(k);
            if (c <= 0x20 || c == 0x7f) {
                return "\"" + domain + "\" contains a space or control character";
            }
        }
        if (d.endsWith(".")) { // "a.." or "example.com..": one trailing dot was the root, the next ends an empty label
            return "malformed domain \"" + domain + "\": empty label";
        }
        String p = DnsNames.problem(d); // one pass for plain names
        if (p != null) {
            return "malformed domain \"" + domain + "\": " + p;
        }
        if (d.indexOf('.') < 0) {
            return "\"" + domain + "\" is not a fully qualified domain name";
        }
        boolean numeric = true;
        for (int k = d.lastIndexOf('.') + 1; k < d.length() && numeric; k++) {
            numeric = d.charAt(k) >= '0' && d.charAt(k) <= '9';
        }
        if (numeric) {
            return "\"" + domain + "\" is an IP address, not a domain";
        }
        return null;
    }

    private Object parsedRecord(String text) {
        Object cached = records.get(text);
        if (cached != null) {
            return cached;
        }
        Object parsed;
        try {
            parsed = SpfRecordParser.parse(text);
        } catch (SpfSyntaxException e) {
            parsed = e;
        }
        if (text.length() <= MAX_CACHED_TEXT) {
            synchronized (records) {
                if (records.size() >= RECORD_CACHE_SIZE || cachedChars + text.length() > MAX_CACHED_CHARS) {
                    records.clear();
                    cachedChars = 0;
                }
                if (records.putIfAbsent(text, parsed) == null) {
                    cachedChars += text.length();
                }
            }
        }
        return parsed;
    }

    /** What a (possibly nested) check_host() produced before errors: a result and where it came from. */
    private record HostResult(SpfResult result, SpfRecord.Mechanism matched, String domain, SpfRecord record,
            String problem) {
    }

    /** Answers of {@code include} and the like that are known at once, shared by every check. */
    private static final CompletableFuture<Boolean> MATCH = CompletableFuture.completedFuture(true);
    private static final CompletableFuture<Boolean> NO_MATCH = CompletableFuture.completedFuture(false);
    /** Trace texts by result, made once: "match: pass", "no match (included result fail)". */
    private static final String[] MATCH_TEXT = new String[SpfResult.values().length];
    private static final String[] INCLUDED_TEXT = new String[SpfResult.values().length];

    static {
        for (SpfResult r : SpfResult.values()) {
            MATCH_TEXT[r.ordinal()] = "match: " + r.word();
            INCLUDED_TEXT[r.ordinal()] = "no match (included result " + r.word() + ")";
        }
    }

    /**
     * Whether {@code f} has completed normally, so its value can be read at once. Answers that are
     * already there (recorded DNS, a cache) are then used on the calling thread without building a
     * chain of dependent futures; an incomplete future is never waited for.
     */
    private static boolean hasValue(CompletableFuture<?> f) {
        return f.isDone() && !f.isCompletedExceptionally();
    }

    /**
     * {@code test} applied to a DNS answer: at once, without building a future, when the answer is
     * already there ({@code query()} never fails), else when it arrives.
     */
    private static <T> CompletableFuture<Boolean> matchOnAnswer(CompletableFuture<T> answer, Predicate<T> test) {
        if (answer.isDone()) {
            return test.test(answer.join()) ? MATCH : NO_MATCH;
        }
        return answer.thenApply(test::test);
    }

    /**
     * The state of one evaluation: counters, trace, macro values, deadline. Evaluation code may
     * throw {@link SpfAbort} at once or return a future failed with it; {@link #start} treats
     * both alike.
     */
    private final class Run {
        final InetAddress ip;
        final byte[] ipBytes;
        final boolean v4;
        final RecordType<InetAddress> addressType;
        final String helo;
        final String local;
        final String senderDomain;
        final SpfOutcome.Identity identity;
        /** When the check started, in the clock's milliseconds: {@code %{t}} and the deadline. */
        final long startMillis;
        final long deadlineMillis;
        /** The trace so far: {@code steps[0 .. stepCount)}, guarded by {@code this}. */
        private SpfOutcome.Step[] steps = new SpfOutcome.Step[4];
        private int stepCount;
        /** {@code local@senderDomain}, made when first needed (a String: safe to publish racily). */
        private String sender;
        /** The macro values, made on first use (most records have no macros); immutable. */
        private MacroExpander.Context macros;
        int lookups;
        int voids;
        volatile boolean finished;
        CompletableFuture<List<String>> validatedNames;

        Run(InetAddress ip, String helo, String local, String senderDomain, String sender,
                SpfOutcome.Identity identity) {
            this.ip = ip;
            this.ipBytes = ip.getAddress();
            this.v4 = IpAddresses.isV4(ip);
            this.addressType = v4 ? RecordType.A : RecordType.AAAA;
            this.helo = helo;
            this.local = local;
            this.senderDomain = senderDomain;
            this.sender = sender;
            this.identity = identity;
            this.startMillis = clock.millis();
            this.deadlineMillis = startMillis > Long.MAX_VALUE - timeoutMillis ? Long.MAX_VALUE : startMillis + timeoutMillis;
        }

        String sender() {
            String s = sender;
            if (s == null) {
                s = local + "@" + senderDomain;
                sender = s;
            }
            return s;
        }

        MacroExpander.Context macros() {
            MacroExpander.Context c = macros;
            if (c == null) {
                c = new MacroExpander.Context(local, senderDomain, helo, ip, receiver,
                        Math.floorDiv(startMillis, 1000L));
                macros = c;
            }
            return c;
        }

        CompletableFuture<SpfOutcome> start(String domain) {
            String problem = identityDomainProblem(domain);
            if (problem != null) {
                step(0, String.valueOf(domain), "(identity)", "none: " + problem);
                return CompletableFuture.completedFuture(outcome(SpfResult.NONE, domain, null, null, problem));
            }
            String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
            CompletableFuture<HostResult> main;
            try {
                // d passed identityDomainProblem, which checks all that checkHost() would
                main = lookUpRecord(d, 0);
            } catch (Throwable e) {
                main = CompletableFuture.failedFuture(e);
            }
            if (main.isDone()) {
                finished = true;
                if (!main.isCompletedExceptionally()) {
                    return finish(d, main.join(), null);
                }
                return main.handle((hr, error) -> finish(d, hr, error)).thenCompose(f -> f);
            }
            return main.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((hr, error) -> {
                finished = true;
                return finish(d, hr, error);
            }).thenCompose(f -> f);
        }

        /** The outcome of the top check_host(): errors become results; a fail gets its explanation (§6.2). */
        private CompletableFuture<SpfOutcome> finish(String d, HostResult hr, Throwable error) {
            if (error != null) {
                Throwable e = unwrap(error);
                if (e instanceof SpfAbort a) {
                    return CompletableFuture.completedFuture(outcome(a.result, d, null, null, a.getMessage()));
                }
                if (e instanceof TimeoutException) {
                    step(0, d, "(deadline)", "temperror: no result within " + timeout);
                    return CompletableFuture.completedFuture(outcome(SpfResult.TEMPERROR, d, null, null,
                            "no result within " + timeout + " (RFC 7208 section 4.6.4)"));
                }
                return CompletableFuture.completedFuture(outcome(SpfResult.TEMPERROR, d, null, null,
                        "internal error: " + e));
            }
            if (hr.result() != SpfResult.FAIL) {
                return CompletableFuture.completedFuture(outcome(hr.result(), d, hr, null, hr.problem()));
            }
            CompletableFuture<String> explanation = explain(hr);
            if (hasValue(explanation)) {
                String text = explanation.join();
                if (text == null) {
                    CompletableFuture<String> byDefault = defaultExplanation(hr);
                    if (!hasValue(byDefault)) {
                        return byDefault.exceptionally(x -> null)
                                .thenApply(t -> outcome(SpfResult.FAIL, d, hr, t, null));
                    }
                    text = byDefault.join();
                }
                return CompletableFuture.completedFuture(outcome(SpfResult.FAIL, d, hr, text, null));
            }
            long left = Math.max(1, deadlineMillis - clock.millis());
            return explanation
                    .completeOnTimeout(null, left, TimeUnit.MILLISECONDS)
                    .exceptionally(x -> null)
                    .thenCompose(text -> text != null ? CompletableFuture.completedFuture(text) : defaultExplanation(hr))
                    .exceptionally(x -> null)
                    .thenApply(text -> outcome(SpfResult.FAIL, d, hr, text, null));
        }

        SpfOutcome outcome(SpfResult result, String domain, HostResult hr, String explanation, String problem) {
            synchronized (this) {
                SpfRecord.Mechanism m = hr == null ? null : hr.matched();
                return new SpfOutcome(result, identity, ip, helo, sender(), domain, receiver,
                        explanation, m == null ? null : m.toString(), m == null ? null : hr.domain(), problem,
                        lookups, voids, traceSoFar());
            }
        }

        synchronized void step(int depth, String domain, String term, String outcome) {
            addStep(new SpfOutcome.Step(depth, domain, term, outcome, lookups, voids));
        }

        /** Appends to the trace; the caller holds the lock. */
        private void addStep(SpfOutcome.Step step) {
            if (stepCount == steps.length) {
                steps = Arrays.copyOf(steps, stepCount + (stepCount >> 1) + 1);
            }
            steps[stepCount++] = step;
        }

        /** The trace as an immutable list (which {@link SpfOutcome} keeps as is); the caller holds the lock. */
        private List<SpfOutcome.Step> traceSoFar() {
            return switch (stepCount) {
                case 0 -> List.of();
                case 1 -> List.of(steps[0]);
                case 2 -> List.of(steps[0], steps[1]);
                default -> List.of(stepCount == steps.length ? steps : Arrays.copyOf(steps, stepCount));
            };
        }

        SpfAbort abort(int depth, String domain, String term, SpfResult result, String problem) {
            step(depth, domain, term, result.word() + ": " + problem);
            return new SpfAbort(result, problem);
        }

        /** §4.6.4: counts a DNS-querying term; the 11th is a permerror. */
        void countTerm(int depth, String domain, SpfRecord.Term term) {
            int n;
            synchronized (this) {
                n = ++lookups;
            }
            if (n > limits.dnsTerms()) {
                throw abort(depth, domain, term.toString(), SpfResult.PERMERROR,
                        "more than " + limits.dnsTerms() + " DNS-querying terms (RFC 7208 section 4.6.4)");
            }
        }

        /** §4.6.4: counts a void lookup (NXDOMAIN or no records); the 3rd is a permerror. */
        void countVoid(int depth, String domain, SpfRecord.Term term, String name) {
            int n;
            synchronized (this) {
                n = ++voids;
            }
            if (n > limits.voidLookups()) {
                throw abort(depth, domain, term.toString(), SpfResult.PERMERROR,
                        "more than " + limits.voidLookups() + " void lookups, the last for " + name
                                + " (RFC 7208 section 4.6.4)");
            }
        }

        <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type, boolean bounded) {
            if (bounded && (finished || clock.millis() > deadlineMillis)) {
                throw new SpfAbort(SpfResult.TEMPERROR, "no result within " + timeout + " (RFC 7208 section 4.6.4)");
            }
            CompletableFuture<DnsAnswer<T>> f;
            try {
                f = resolver.query(name, type);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(DnsAnswer.tempFail("resolver error: " + e));
            }
            if (f == null) {
                return CompletableFuture.completedFuture(DnsAnswer.tempFail("resolver returned no answer"));
            }
            if (hasValue(f) && f.getNow(null) != null) {
                return f; // answered already: nothing to guard against
            }
            return f.handle((a, e) -> e != null || a == null
                    ? DnsAnswer.<T>tempFail("resolver error: " + (e == null ? "no answer" : unwrap(e)))
                    : a);
        }

        /** The check_host() function for one domain (§4.4 – §4.7). */
        CompletableFuture<HostResult> checkHost(String domain, int depth) {
            String problem = DnsNames.problem(domain);
            if (problem != null || domain.indexOf('.') < 0) {
                String why = "malformed domain \"" + domain + "\"" + (problem == null ? "" : ": " + problem);
                step(depth, domain, "(record lookup)", "none: " + why);
                return CompletableFuture.completedFuture(new HostResult(SpfResult.NONE, null, domain, null, why));
            }
            return lookUpRecord(domain, depth);
        }

        /** check_host() for a domain already known to be a valid multi-label name: §4.4 lookup onwards. */
        CompletableFuture<HostResult> lookUpRecord(String domain, int depth) {
            CompletableFuture<DnsAnswer<String>> f = query(domain, RecordType.TXT, true);
            if (f.isDone()) { // query() never fails
                return selectRecord(f.join(), domain, depth);
            }
            return f.thenCompose(answer -> selectRecord(answer, domain, depth));
        }

        /** §4.5: the one {@code v=spf1} record among the TXT records, parsed, then evaluated. */
        CompletableFuture<HostResult> selectRecord(DnsAnswer<String> answer, String domain, int depth) {
            if (answer.isTempFail()) {
                throw abort(depth, domain, "(TXT lookup)", SpfResult.TEMPERROR,
                        "DNS failure looking up TXT " + domain + ": " + answer.detail());
            }
            String found = null;
            int count = 0;
            List<String> txts = answer.records();
            for (int k = 0; k < txts.size(); k++) {
                String txt = txts.get(k);
                if (SpfRecord.isSpfRecord(txt)) {
                    found = txt;
                    count++;
                }
            }
            if (count == 0) {
                String why = "no SPF record at " + domain + switch (answer.status()) {
                    case NXDOMAIN -> ": the domain does not exist";
                    case RECORDS -> ": no v=spf1 record among " + answer.records().size() + " TXT records";
                    default -> ": no TXT records";
                };
                step(depth, domain, "(TXT lookup)", "none: " + why);
                return CompletableFuture.completedFuture(new HostResult(SpfResult.NONE, null, domain, null, why));
            }
            if (count > 1) {
                throw abort(depth, domain, "(TXT lookup)", SpfResult.PERMERROR,
                        count + " SPF records at " + domain + " (RFC 7208 section 4.5)");
            }
            Object parsed = parsedRecord(found);
            if (parsed instanceof SpfSyntaxException e) {
                throw abort(depth, domain, found, SpfResult.PERMERROR,
                        "syntax error in the record of " + domain + ": " + e.getMessage());
            }
            SpfRecord record = (SpfRecord) parsed;
            step(depth, domain, record.toString(), "record");
            return evaluate(record, domain, depth, 0);
        }

        /** §4.6.2, §4.7: mechanisms left to right from {@code index}, then redirect, else neutral. */
        CompletableFuture<HostResult> evaluate(SpfRecord record, String domain, int depth, int index) {
            List<SpfRecord.Mechanism> mechs = record.mechanisms();
            for (int k = skipNetworks(mechs, index, domain, depth); k < mechs.size();
                    k = skipNetworks(mechs, k + 1, domain, depth)) {
                SpfRecord.Mechanism m = mechs.get(k);
                switch (m.kind()) {
                    case ALL, IP4, IP6 -> { // ip4/ip6 here match: skipNetworks() passed the others
                        return matched(m, domain, depth, record);
                    }
                    default -> {
                        countTerm(depth, domain, m);
                        CompletableFuture<Boolean> match = matchDns(m, domain, depth);
                        if (!hasValue(match)) {
                            int next = k + 1;
                            return match.thenCompose(yes -> yes
                                    ? matched(m, domain, depth, record)
                                    : evaluate(record, domain, depth, next));
                        }
                        if (match.join()) {
                            return matched(m, domain, depth, record);
                        }
                    }
                }
            }
            SpfRecord.Modifier redirect = record.redirect();
            if (redirect == null) {
                step(depth, domain, "(end of record)", "no mechanism matched: neutral");
                return CompletableFuture.completedFuture(new HostResult(SpfResult.NEUTRAL, null, domain, record, null));
            }
            // §6.1: redirect counts as a DNS-querying term; no record there is a permerror
            countTerm(depth, domain, redirect);
            MacroString spec = redirect.macro();
            if (!spec.usesP()) {
                return redirectTo(redirect, targetNow(spec, domain), domain, depth);
            }
            return target(spec, domain).thenCompose(target -> redirectTo(redirect, target, domain, depth));
        }

        CompletableFuture<HostResult> redirectTo(SpfRecord.Modifier redirect, String target, String domain, int depth) {
            step(depth, domain, redirect.toString(), "redirect to " + target);
            CompletableFuture<HostResult> result = checkHost(target, depth + 1);
            if (hasValue(result)) {
                redirected(result.join(), redirect, domain, depth);
                return result;
            }
            return result.thenApply(hr -> redirected(hr, redirect, domain, depth));
        }

        HostResult redirected(HostResult hr, SpfRecord.Modifier redirect, String domain, int depth) {
            if (hr.result() == SpfResult.NONE) {
                throw abort(depth, domain, redirect.toString(), SpfResult.PERMERROR,
                        "redirect target has no SPF record: " + hr.problem() + " (RFC 7208 section 6.1)");
            }
            return hr;
        }

        /**
         * From {@code k}: the ip4/ip6 mechanisms that do not match the client, each recorded as
         * "no match" (one lock for the run of them: records of large providers are mostly
         * these); returns the index of the first other or matching mechanism.
         */
        synchronized int skipNetworks(List<SpfRecord.Mechanism> mechs, int k, String domain, int depth) {
            int i = k;
            for (; i < mechs.size(); i++) {
                SpfRecord.Mechanism m = mechs.get(i);
                SpfRecord.Kind kind = m.kind();
                if ((kind != SpfRecord.Kind.IP4 && kind != SpfRecord.Kind.IP6) || matchesNetwork(m)) {
                    break;
                }
                addStep(new SpfOutcome.Step(depth, domain, m.toString(), "no match", lookups, voids));
            }
            return i;
        }

        CompletableFuture<HostResult> matched(SpfRecord.Mechanism m, String domain, int depth, SpfRecord record) {
            SpfResult result = m.qualifier().result();
            step(depth, domain, m.toString(), MATCH_TEXT[result.ordinal()]);
            return CompletableFuture.completedFuture(new HostResult(result, m, domain, record, null));
        }

        /** §5.6 ip4/ip6; an IPv4 client never matches ip6 and vice versa (§5, IPv4-mapped rule). */
        boolean matchesNetwork(SpfRecord.Mechanism m) {
            byte[] net = m.address();
            if (m.kind() == SpfRecord.Kind.IP4) {
                return v4 && IpAddresses.matches(ipBytes, net, m.cidr4() < 0 ? 32 : m.cidr4());
            }
            return !v4 && IpAddresses.matches(ipBytes, net, m.cidr6() < 0 ? 128 : m.cidr6());
        }

        boolean matchesAddress(InetAddress a, SpfRecord.Mechanism m) {
            byte[] b = a.getAddress();
            if (v4) {
                return b.length == 4 && IpAddresses.matches(ipBytes, b, m.cidr4() < 0 ? 32 : m.cidr4());
            }
            return b.length == 16 && IpAddresses.matches(ipBytes, b, m.cidr6() < 0 ? 128 : m.cidr6());
        }

        /** The expanded, truncated target name of a domain-spec (§4.8, §7.3). */
        CompletableFuture<String> target(MacroString spec, String domain) {
            if (spec == null || !spec.usesP()) {
                return CompletableFuture.completedFuture(targetNow(spec, domain));
            }
            return validatedName(domain).thenApply(p ->
                    MacroExpander.truncateDomain(MacroExpander.expand(spec, macros(), domain, p)));
        }

        /** {@link #target} of a domain-spec without {@code %{p}}: nothing to look up first. */
        String targetNow(MacroString spec, String domain) {
            if (spec == null) {
                return domain;
            }
            if (spec.isLiteral()) {
                return spec.literalDomain();
            }
            return MacroExpander.truncateDomain(MacroExpander.expand(spec, macros(), domain, null));
        }

        CompletableFuture<Boolean> matchDns(SpfRecord.Mechanism m, String domain, int depth) {
            MacroString spec = m.domainMacro();
            if (spec == null || !spec.usesP()) {
                return matchTarget(m, targetNow(spec, domain), domain, depth);
            }
            return target(spec, domain).thenCompose(target -> matchTarget(m, target, domain, depth));
        }

        CompletableFuture<Boolean> matchTarget(SpfRecord.Mechanism m, String target, String domain, int depth) {
            return switch (m.kind()) {
                case INCLUDE -> include(m, target, domain, depth);
                case A -> a(m, target, domain, depth);
                case MX -> mx(m, target, domain, depth);
                case PTR -> ptr(m, target, domain, depth);
                case EXISTS -> exists(m, target, domain, depth);
                default -> throw new IllegalStateException(m.toString());
            };
        }

        /** §5.2: pass matches; fail, softfail, neutral do not; temperror/permerror propagate; none is permerror. */
        CompletableFuture<Boolean> include(SpfRecord.Mechanism m, String target, String domain, int depth) {
            step(depth, domain, m.toString(), "include " + target);
            CompletableFuture<HostResult> result = checkHost(target, depth + 1);
            if (hasValue(result)) {
                return included(result.join(), m, domain, depth) ? MATCH : NO_MATCH;
            }
            return result.thenApply(hr -> included(hr, m, domain, depth));
        }

        boolean included(HostResult hr, SpfRecord.Mechanism m, String domain, int depth) {
            return switch (hr.result()) {
                case PASS -> true;
                case FAIL, SOFTFAIL, NEUTRAL -> {
                    step(depth, domain, m.toString(), INCLUDED_TEXT[hr.result().ordinal()]);
                    yield false;
                }
                case NONE -> throw abort(depth, domain, m.toString(), SpfResult.PERMERROR,
                        "included domain has no SPF record: " + hr.problem() + " (RFC 7208 section 5.2)");
                default -> throw new SpfAbort(hr.result(), hr.problem());
            };
        }

        /** An invalid target name: treated like a name that does not exist (RFC 7208 §4.3, §4.8). */
        boolean invalidTarget(SpfRecord.Mechanism m, String target, String domain, int depth) {
            String problem = DnsNames.problem(target);
            if (problem == null) {
                return false;
            }
            countVoid(depth, domain, m, target);
            step(depth, domain, m.toString(), "no match: invalid name \"" + target + "\": " + problem);
            return true;
        }

        /** §5.3 a: the client address against the target's A (IPv4) or AAAA (IPv6) records. */
        CompletableFuture<Boolean> a(SpfRecord.Mechanism m, String target, String domain, int depth) {
            if (invalidTarget(m, target, domain, depth)) {
                return NO_MATCH;
            }
            return matchOnAnswer(query(target, addressType, true), ans -> aMatches(ans, m, target, domain, depth));
        }

        boolean aMatches(DnsAnswer<InetAddress> ans, SpfRecord.Mechanism m, String target, String domain, int depth) {
            if (ans.isTempFail()) {
                throw abort(depth, domain, m.toString(), SpfResult.TEMPERROR,
                        "DNS failure looking up " + addressType + " " + target + ": " + ans.detail());
            }
            if (!ans.hasRecords()) {
                countVoid(depth, domain, m, target);
                step(depth, domain, m.toString(), "no match: " + addressType + " " + target + " " + describe(ans) + " (void)");
                return false;
            }
            List<InetAddress> addresses = ans.records();
            for (int k = 0; k < addresses.size(); k++) {
                if (matchesAddress(addresses.get(k), m)) {
                    return true;
                }
            }
            step(depth, domain, m.toString(), "no match: " + target + " has " + addresses.size() + " other address(es)");
            return false;
        }

        /**
         * §5.4 mx: more than 10 MX names is a permerror (§4.6.4); the address lookups of the MX
         * hosts run in parallel and are read in answer order.
         */
        CompletableFuture<Boolean> mx(SpfRecord.Mechanism m, String target, String domain, int depth) {
            if (invalidTarget(m, target, domain, depth)) {
                return CompletableFuture.completedFuture(false);
            }
            return query(target, RecordType.MX, true).thenCompose(ans -> {
                if (ans.isTempFail()) {
                    throw abort(depth, domain, m.toString(), SpfResult.TEMPERROR,
                            "DNS failure looking up MX " + target + ": " + ans.detail());
                }
                if (!ans.hasRecords()) {
                    countVoid(depth, domain, m, target);
                    step(depth, domain, m.toString(), "no match: MX " + target + " " + describe(ans) + " (void)");
                    return CompletableFuture.completedFuture(false);
                }
                List<MxRecord> mxs = ans.records();
                if (mxs.size() > limits.mxNames()) {
                    throw abort(depth, domain, m.toString(), SpfResult.PERMERROR,
                            target + " has " + mxs.size() + " MX records, more than " + limits.mxNames()
                                    + " (RFC 7208 section 4.6.4)");
                }
                List<CompletableFuture<DnsAnswer<InetAddress>>> lookups = new ArrayList<>(mxs.size());
                for (MxRecord mx : mxs) {
                    String host = mx.exchange();
                    if (host == null || host.isEmpty() || host.equals(".") || DnsNames.problem(host) != null) {
                        lookups.add(null); // null MX (RFC 7505) or unusable name: no addresses
                    } else {
                        lookups.add(query(host, addressType, true));
                    }
                }
                return allOf(lookups).thenApply(x -> {
                    for (int k = 0; k < lookups.size(); k++) {
                        CompletableFuture<DnsAnswer<InetAddress>> f = lookups.get(k);
                        if (f == null) {
                            continue;
                        }
                        DnsAnswer<InetAddress> a = f.join();
                        if (a.isTempFail()) {
                            throw abort(depth, domain, m.toString(), SpfResult.TEMPERROR, "DNS failure looking up "
                                    + addressType + " " + mxs.get(k).exchange() + ": " + a.detail());
                        }
                        for (InetAddress addr : a.records()) {
                            if (matchesAddress(addr, m)) {
                                return true;
                            }
                        }
                    }
                    step(depth, domain, m.toString(), "no match: none of " + mxs.size() + " MX host(s) has the address");
                    return false;
                });
            });
        }

        /**
         * §5.5 ptr: the first 10 PTR names (§4.6.4) that are the target or below it are validated
         * by forward lookup, in parallel; DNS errors make a name or the mechanism not match.
         */
        CompletableFuture<Boolean> ptr(SpfRecord.Mechanism m, String target, String domain, int depth) {
            return query(DnsNames.reverseName(ip), RecordType.PTR, true).thenCompose(ans -> {
                if (ans.isTempFail()) {
                    step(depth, domain, m.toString(), "no match: PTR lookup failed: " + ans.detail());
                    return CompletableFuture.completedFuture(false);
                }
                if (!ans.hasRecords()) {
                    countVoid(depth, domain, m, DnsNames.reverseName(ip));
                    step(depth, domain, m.toString(), "no match: PTR " + describe(ans) + " (void)");
                    return CompletableFuture.completedFuture(false);
                }
                List<String> names = ans.records();
                int n = Math.min(names.size(), limits.ptrNames());
                String t = Ascii.toLowerCase(stripDot(target));
                List<CompletableFuture<Boolean>> checks = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    String name = Ascii.toLowerCase(stripDot(names.get(k)));
                    if (isSameOrBelow(name, t)) {
                        checks.add(validates(name, true));
                    }
                }
                return allOf(checks).thenApply(x -> {
                    for (CompletableFuture<Boolean> c : checks) {
                        if (c.join()) {
                            return true;
                        }
                    }
                    step(depth, domain, m.toString(), "no match: no validated PTR name in " + t);
                    return false;
                });
            });
        }

        /** Whether {@code name} has an address record equal to the client's (§5.5 validation). */
        CompletableFuture<Boolean> validates(String name, boolean bounded) {
            if (DnsNames.problem(name) != null) {
                return CompletableFuture.completedFuture(false);
            }
            return query(name, addressType, bounded).thenApply(a -> {
                for (InetAddress addr : a.records()) {
                    if (java.util.Arrays.equals(addr.getAddress(), ipBytes)) {
                        return true;
                    }
                }
                return false;
            });
        }

        /** §5.7 exists: an A query (always A, even for IPv6 clients); any answer matches. */
        CompletableFuture<Boolean> exists(SpfRecord.Mechanism m, String target, String domain, int depth) {
            if (invalidTarget(m, target, domain, depth)) {
                return NO_MATCH;
            }
            return matchOnAnswer(query(target, RecordType.A, true), ans -> exists(ans, m, target, domain, depth));
        }

        boolean exists(DnsAnswer<InetAddress> ans, SpfRecord.Mechanism m, String target, String domain, int depth) {
            if (ans.isTempFail()) {
                throw abort(depth, domain, m.toString(), SpfResult.TEMPERROR,
                        "DNS failure looking up A " + target + ": " + ans.detail());
            }
            if (!ans.hasRecords()) {
                countVoid(depth, domain, m, target);
                step(depth, domain, m.toString(), "no match: A " + target + " " + describe(ans) + " (void)");
                return false;
            }
            return true;
        }

        /**
         * §7.3 {@code %{p}}: the validated names of the client (first 10 PTR names, §4.6.4),
         * looked up once per check. As §7.3 orders it: {@code domain} itself if it is validated,
         * else a validated subdomain of it, else any validated name, "unknown" when there is
         * none. DNS errors are not errors here.
         */
        CompletableFuture<String> validatedName(String domain) {
            CompletableFuture<List<String>> names;
            synchronized (this) {
                if (validatedNames == null) {
                    validatedNames = lookupValidatedNames();
                }
                names = validatedNames;
            }
            String d = Ascii.toLowerCase(stripDot(domain));
            return names.thenApply(list -> {
                if (list.contains(d)) {
                    return d;
                }
                for (String n : list) {
                    if (isSameOrBelow(n, d)) {
                        return n;
                    }
                }
                return list.isEmpty() ? "unknown" : list.get(0);
            });
        }

        private CompletableFuture<List<String>> lookupValidatedNames() {
            return query(DnsNames.reverseName(ip), RecordType.PTR, false).thenCompose(ans -> {
                List<String> names = ans.records();
                int n = Math.min(names.size(), limits.ptrNames());
                List<String> candidates = new ArrayList<>(n);
                List<CompletableFuture<Boolean>> checks = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    String name = Ascii.toLowerCase(stripDot(names.get(k)));
                    candidates.add(name);
                    checks.add(validates(name, false));
                }
                return allOf(checks).thenApply(x -> {
                    List<String> out = new ArrayList<>();
                    for (int k = 0; k < checks.size(); k++) {
                        if (checks.get(k).join()) {
                            out.add(candidates.get(k));
                        }
                    }
                    return out;
                });
            }).exceptionally(e -> List.of());
        }

        /**
         * §6.2: the explanation of a fail — the single TXT record at the expanded exp= target,
         * macro-expanded; any problem means "no exp" (then the default). Not counted in the limits.
         */
        CompletableFuture<String> explain(HostResult hr) {
            SpfRecord.Modifier exp = hr.record() == null ? null : hr.record().explanation();
            if (exp == null) {
                return CompletableFuture.completedFuture(null);
            }
            String domain = hr.domain();
            return target(exp.macro(), domain).thenCompose(target -> {
                if (DnsNames.problem(target) != null) {
                    step(0, domain, exp.toString(), "ignored: invalid name \"" + target + "\"");
                    return CompletableFuture.completedFuture((String) null);
                }
                return query(target, RecordType.TXT, false).thenCompose(ans -> {
                    if (ans.records().size() != 1) {
                        step(0, domain, exp.toString(), "ignored: TXT " + target + " " + describe(ans));
                        return CompletableFuture.completedFuture((String) null);
                    }
                    MacroString text;
                    try {
                        text = MacroExpander.parse(ans.records().get(0), true);
                    } catch (SpfSyntaxException e) {
                        step(0, domain, exp.toString(), "ignored: bad explanation string: " + e.getMessage());
                        return CompletableFuture.completedFuture((String) null);
                    }
                    return expandText(text, domain).thenApply(s -> {
                        step(0, domain, exp.toString(), "explanation \"" + s + "\"");
                        return s;
                    });
                });
            });
        }

        CompletableFuture<String> defaultExplanation(HostResult hr) {
            if (defaultExplanation == null) {
                return CompletableFuture.completedFuture(null);
            }
            return expandText(defaultExplanation, hr.domain());
        }

        CompletableFuture<String> expandText(MacroString text, String domain) {
            if (!text.usesP()) {
                return CompletableFuture.completedFuture(MacroExpander.expand(text, macros(), domain, null));
            }
            return validatedName(domain).thenApply(p -> MacroExpander.expand(text, macros(), domain, p));
        }
    }

    private static <T> CompletableFuture<Void> allOf(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> present = new ArrayList<>(futures.size());
        for (CompletableFuture<T> f : futures) {
            if (f != null) {
                present.add(f);
            }
        }
        return CompletableFuture.allOf(present.toArray(new CompletableFuture<?>[0]));
    }

    private static String describe(DnsAnswer<?> a) {
        return switch (a.status()) {
            case RECORDS -> "has " + a.records().size() + " record(s)";
            case NXDOMAIN -> "does not exist (NXDOMAIN)";
            case NODATA -> "has no records (NODATA)";
            case TEMPFAIL -> "failed: " + a.detail();
            case INVALID_NAME -> "is not a valid name: " + a.detail();
        };
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean isSameOrBelow(String name, String domain) {
        return name.equals(domain)
                || (name.length() > domain.length() && name.endsWith(domain)
                        && name.charAt(name.length() - domain.length() - 1) == '.');
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Builds an {@link SpfEvaluator}; only the resolver is required. */
    public static final class Builder {
        private DnsResolver resolver;
        private String receiver = "unknown";
        private MacroString defaultExplanation;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(20);
        private SpfLimits limits = SpfLimits.RFC7208;

        private Builder() {
            try {
                defaultExplanation = MacroExpander.parse("%{d} does not designate %{c} as permitted sender", true);
            } catch (SpfSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Where DNS answers come from (required). */
        public Builder resolver(DnsResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver);
            return this;
        }

        /** The receiving host's name: {@code %{r}} and the Received-SPF {@code receiver=} (default "unknown"). */
        public Builder receiver(String receiver) {
            this.receiver = Objects.requireNonNull(receiver);
            return this;
        }

        /**
         * The explanation of a fail when the record has no usable {@code exp=} (RFC 7208 §6.2): an
         * explain-string, macros allowed (default {@code "%{d} does not designate %{c} as permitted
         * sender"}); {@code null} for none.
         *
         * @throws IllegalArgumentException when the text is not a valid explain-string (§7.1)
         */
        public Builder defaultExplanation(String text) {
            if (text == null) {
                this.defaultExplanation = null;
                return this;
            }
            try {
                this.defaultExplanation = MacroExpander.parse(text, true);
            } catch (SpfSyntaxException e) {
                throw new IllegalArgumentException("invalid default explanation: " + e.getMessage(), e);
            }
            return this;
        }

        /** The clock for the deadline and {@code %{t}} (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Overall deadline of one check; past it the result is temperror (default 20 s, RFC 7208 §4.6.4). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Processing limits (default {@link SpfLimits#RFC7208}). */
        public Builder limits(SpfLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public SpfEvaluator build() {
            return new SpfEvaluator(this);
        }
    }
}
