package org.mailauth4j.dmarc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.mailauth4j.core.address.AuthorDomain;
import org.mailauth4j.core.address.Mailbox;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.spf.SpfResult;

/**
 * Evaluates DMARC for one message — the Mail Receiver actions of RFC 9989 §5.3:
 * <ol>
 *   <li>§5.3.1 the Author Domain must be a single domain (the foundation's {@link AuthorDomain});
 *       anything else is {@code permerror} and never a pass (§11.5, security default);</li>
 *   <li>§5.3.2 / §4.10.1 policy discovery (DNS Tree Walk; PSL in RFC 7489 mode); no record →
 *       {@code none}; an unusable record → {@code permerror};</li>
 *   <li>§5.3.4 / §4.10.2 Identifier Alignment of the SPF pass (§4.4.2) and of every DKIM pass
 *       (§4.4.1), strict or relaxed ({@code aspf}, {@code adkim});</li>
 *   <li>§5.3.5 pass if one aligns, fail otherwise; §5.3.6 a DNS failure that leaves the answer open
 *       gives {@code temperror};</li>
 *   <li>the policy in force: {@code p} at the Author Domain, {@code sp} for an existing subdomain,
 *       {@code np} for a non-existent one (§4.7, §3.2.13: NXDOMAIN for A, AAAA and MX); the
 *       disposition after {@code t=y} (§4.7; RFC 9989 mode only) and, in RFC 7489 mode,
 *       {@code pct} (RFC 7489 §6.6.4).</li>
 * </ol>
 * DNS lookups are asynchronous; the tree walks of one evaluation are shared (each domain is walked
 * once). Instances are immutable and thread-safe.
 */
public final class DmarcEvaluator {
    private final DnsResolver resolver;
    private final DmarcMode mode;
    private final PublicSuffixList psl;
    private final DoubleSupplier sampler;
    private final Duration timeout;
    private final int maxAuthorDomains;

    private DmarcEvaluator(Builder b) {
        this.resolver = Objects.requireNonNull(b.resolver, "resolver");
        this.mode = b.mode;
        this.psl = b.psl;
        this.sampler = b.sampler;
        this.timeout = b.timeout;
        this.maxAuthorDomains = b.maxAuthorDomains;
    }

    public static Builder builder() {
        return new Builder();
    }

    public DmarcMode mode() {
        return mode;
    }

    /** Evaluates DMARC for {@code input}. The future never completes exceptionally. */
    public CompletableFuture<DmarcOutcome> evaluate(DmarcInput input) {
        AuthorDomain author = input.author();
        String domain = singleDomain(author);
        if (domain == null && (author.status() == AuthorDomain.Status.MULTIPLE_FIELDS
                || author.status() == AuthorDomain.Status.MULTIPLE_MAILBOXES) && maxAuthorDomains > 1
                && author.domains().size() > 1 && everyMailboxHasADomain(author)) {
            return evaluateEach(input, author);
        }
        if (domain == null) {
            return CompletableFuture.completedFuture(new DmarcOutcome(DmarcResult.PERMERROR, null, null, null, null,
                    null, null, DmarcPolicy.NONE, false, false, false, false, null,
                    "no single Author Domain (" + author.status() + ": " + author.detail() + ")", null, List.of(),
                    mode));
        }
        return evaluateSingle(input, domain);
    }

    /**
     * The one Author Domain (RFC 9989 §5.3.1: exactly one domain extracted): the single mailbox's
     * domain, or the common domain of several mailboxes in one From field when every one of them
     * has that same DNS domain. {@code null} otherwise.
     */
    static String singleDomain(AuthorDomain a) {
        if (a.status() == AuthorDomain.Status.SINGLE) {
            return a.domain();
        }
        if (a.status() == AuthorDomain.Status.MULTIPLE_MAILBOXES && a.domains().size() == 1
                && everyMailboxHasADomain(a)) {
            return a.domains().get(0);
        }
        return null;
    }

    private static boolean everyMailboxHasADomain(AuthorDomain a) {
        for (Mailbox m : a.mailboxes()) {
            if (m.asciiDomain() == null) {
                return false;
            }
        }
        return !a.mailboxes().isEmpty();
    }

    private CompletableFuture<DmarcOutcome> evaluateSingle(DmarcInput input, String authorDomain) {
        DiscoverySession session = new DiscoverySession(resolver, mode, psl);
        CompletableFuture<DmarcOutcome> f;
        try {
            f = session.discover(authorDomain, false).thenCompose(d -> evaluate(input, authorDomain, session, d));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> error(DmarcResult.TEMPERROR, authorDomain, session,
                        (e instanceof java.util.concurrent.TimeoutException
                                || e.getCause() instanceof java.util.concurrent.TimeoutException)
                                ? "evaluation timed out after " + timeout.toMillis() + " ms"
                                : "evaluation failed: " + e));
    }

    /**
     * Several Author Domains (only when {@link Builder#maxAuthorDomains} allows it): each is
     * evaluated on its own and the most severe outcome stands — a fail with the strictest
     * disposition first, then temperror, permerror, none; pass only when every domain passes
     * (RFC 9989 §5.3.1 "MAY go forward", §11.5; RFC 7489 §6.6.1).
     */
    private CompletableFuture<DmarcOutcome> evaluateEach(DmarcInput input, AuthorDomain author) {
        if (author.domains().size() > maxAuthorDomains) {
            return CompletableFuture.completedFuture(new DmarcOutcome(DmarcResult.PERMERROR, null, null, null, null,
                    null, null, DmarcPolicy.NONE, false, false, false, false, null,
                    author.domains().size() + " Author Domains, more than the " + maxAuthorDomains
                            + " evaluated: evaluation incomplete (" + author.detail() + ")",
                    null, List.of(), mode));
        }
        List<CompletableFuture<DmarcOutcome>> each = new ArrayList<>();
        for (String d : author.domains()) {
            each.add(evaluateSingle(input, d));
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            DmarcOutcome worst = null;
            List<TreeWalk> walks = new ArrayList<>();
            for (CompletableFuture<DmarcOutcome> f : each) {
                DmarcOutcome o = f.join();
                walks.addAll(o.walks());
                if (worst == null || severity(o) > severity(worst)) {
                    worst = o;
                }
            }
            return new DmarcOutcome(worst.result(), worst.authorDomain(), worst.policyDomain(),
                    worst.organizationalDomain(), worst.record(), worst.policy(), worst.policySource(),
                    worst.disposition(), worst.testingMode(), worst.sampledOut(), worst.spfAligned(),
                    worst.dkimAligned(), worst.alignedDkimDomain(), author.domains().size()
                            + " Author Domains evaluated, the most severe outcome stands: " + worst.reason(),
                    worst.discovery(), walks, mode);
        });
    }

    private static int severity(DmarcOutcome o) {
        return switch (o.result()) {
            case PASS -> 0;
            case NONE -> 1;
            case PERMERROR -> 2;
            case TEMPERROR -> 3;
            case FAIL -> 4 + o.disposition().ordinal();
        };
    }

    private DmarcOutcome error(DmarcResult result, String author, DiscoverySession s, String reason) {
        return new DmarcOutcome(result, author, null, null, null, null, null, DmarcPolicy.NONE, false, false, false,
                false, null, reason, null, s.walksSoFar(), mode);
    }

    private CompletableFuture<DmarcOutcome> evaluate(DmarcInput in, String author, DiscoverySession s,
            PolicyDiscovery d) {
        switch (d.status()) {
            case TEMPFAIL:
                return CompletableFuture.completedFuture(new DmarcOutcome(DmarcResult.TEMPERROR, author, null,
                        d.organizationalDomain(), null, null, null, DmarcPolicy.NONE, false, false, false, false, null,
                        d.detail(), d, s.walksSoFar(), mode));
            case NONE:
                return CompletableFuture.completedFuture(new DmarcOutcome(DmarcResult.NONE, author, null,
                        d.organizationalDomain(), null, null, null, DmarcPolicy.NONE, false, false, false, false, null,
                        d.detail(), d, s.walksSoFar(), mode));
            default:
                break;
        }
        DmarcRecord record = d.record();
        if (!record.usable(mode)) {
            return CompletableFuture.completedFuture(new DmarcOutcome(DmarcResult.PERMERROR, author, d.policyDomain(),
                    d.organizationalDomain(), record, null, null, DmarcPolicy.NONE, false, false, false, false, null,
                    "policy record at " + d.policyDomain() + " is unusable ("
                            + (record.problems().isEmpty() ? "no p tag" : String.join("; ", record.problems()))
                            + ") and has no valid rua: no DMARC processing (RFC 9989 section 4.10.1)",
                    d, s.walksSoFar(), mode));
        }

        CompletableFuture<Aligned> spf = spfAlignment(in, author, record.aspf(), s);
        List<CompletableFuture<Aligned>> dkim = new ArrayList<>();
        for (DkimCheck c : in.dkim()) {
            if (c.result() == DkimResult.PASS) {
                dkim.add(aligned(c.domain(), author, record.adkim(), s));
            }
        }
        CompletableFuture<Existence> existence = d.atAuthorDomain() || record.nonExistentPolicy() == null
                ? CompletableFuture.completedFuture(Existence.NOT_NEEDED)
                : existence(author);
        List<CompletableFuture<?>> all = new ArrayList<>(dkim);
        all.add(spf);
        all.add(existence);
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> decide(in, author, s, d, record, spf.join(), dkim, existence.join(),
                        knownOrganizationalDomain(d, author, s)));
    }

    /** The Author Domain's Organizational Domain when it is already known (no extra DNS work), or null. */
    private static String knownOrganizationalDomain(PolicyDiscovery d, String author, DiscoverySession s) {
        if (d.organizationalDomain() != null) {
            return d.organizationalDomain();
        }
        for (TreeWalk w : s.walksSoFar()) {
            if (w.start().equals(author)) {
                return w.organizationalDomain();
            }
        }
        return null;
    }

    private DmarcOutcome decide(DmarcInput in, String author, DiscoverySession s, PolicyDiscovery d,
            DmarcRecord record, Aligned spf, List<CompletableFuture<Aligned>> dkimFutures, Existence existence,
            String org) {
        boolean spfAligned = spf.state == Tri.YES;
        boolean unknown = spf.state == Tri.UNKNOWN;
        List<String> notes = new ArrayList<>();
        if (unknown) {
            notes.add("SPF alignment unknown: " + spf.note);
        }
        String dkimDomain = null;
        for (CompletableFuture<Aligned> f : dkimFutures) {
            Aligned a = f.join();
            if (a.state == Tri.YES && dkimDomain == null) {
                dkimDomain = a.domain;
            } else if (a.state == Tri.UNKNOWN) {
                unknown = true;
                notes.add("DKIM alignment of " + a.domain + " unknown: " + a.note);
            }
        }
        boolean dkimAligned = dkimDomain != null;

        // The policy in force (§4.10.1).
        DmarcOutcome.PolicySource source;
        DmarcPolicy policy;
        if (d.atAuthorDomain()) {
            source = DmarcOutcome.PolicySource.P;
            policy = record.policy(mode);
        } else if (existence == Existence.NON_EXISTENT) {
            source = DmarcOutcome.PolicySource.NP;
            policy = record.nonExistentSubdomainPolicy(mode);
        } else {
            source = DmarcOutcome.PolicySource.SP;
            policy = record.subdomainPolicy(mode);
        }

        DmarcResult result;
        String reason;
        if (spfAligned || dkimAligned) {
            result = DmarcResult.PASS;
            reason = (spfAligned && dkimAligned ? "SPF and DKIM (" + dkimDomain + ") aligned"
                    : spfAligned ? "SPF aligned" : "DKIM (" + dkimDomain + ") aligned")
                    + " with " + author;
        } else if (unknown) {
            result = DmarcResult.TEMPERROR;
            reason = "no identifier aligned for certain; " + String.join("; ", notes);
        } else if (existence == Existence.UNKNOWN
                && record.nonExistentSubdomainPolicy(mode) != record.subdomainPolicy(mode)) {
            result = DmarcResult.TEMPERROR;
            reason = "no identifier aligned, and whether " + author
                    + " exists (np or sp) is unknown: temporary DNS failure";
        } else {
            result = DmarcResult.FAIL;
            reason = failReason(in, author, record);
        }

        DmarcPolicy disposition = DmarcPolicy.NONE;
        boolean testing = false;
        boolean sampledOut = false;
        if (result == DmarcResult.FAIL) {
            disposition = policy;
            // t is an RFC 9989 tag; RFC 7489 §6.3: "Unknown tags MUST be ignored".
            if (mode == DmarcMode.RFC9989 && record.testing() && disposition != DmarcPolicy.NONE) {
                disposition = disposition.oneLevelBelow();
                testing = true;
            }
            if (mode == DmarcMode.RFC7489 && record.pctOrDefault() < 100 && disposition != DmarcPolicy.NONE
                    && sampler.getAsDouble() * 100 >= record.pctOrDefault()) {
                disposition = disposition.oneLevelBelow();
                sampledOut = true;
            }
        }
        String where = " (policy " + policy.word() + " from " + source.name().toLowerCase(java.util.Locale.ROOT)
                + " at " + d.policyDomain() + (d.fromPublicSuffixDomain() ? ", a Public Suffix Domain" : "")
                + (testing ? "; t=y: lowered to " + disposition.word() : "")
                + (sampledOut ? "; pct=" + record.pct() + ": sampled out, lowered to " + disposition.word() : "")
                + ")";
        return new DmarcOutcome(result, author, d.policyDomain(), org, record, policy, source, disposition, testing,
                sampledOut, spfAligned, dkimAligned, dkimDomain, reason + where, d, s.walksSoFar(), mode);
    }

    private String failReason(DmarcInput in, String author, DmarcRecord record) {
        List<String> parts = new ArrayList<>();
        if (in.spfResult() != SpfResult.PASS) {
            parts.add("SPF " + in.spfResult().word());
        } else {
            parts.add("SPF pass for " + in.spfDomain() + " not aligned ("
                    + record.aspf().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        List<String> passes = new ArrayList<>();
        for (DkimCheck c : in.dkim()) {
            if (c.result() == DkimResult.PASS) {
                passes.add(c.domain());
            }
        }
        if (in.dkim().isEmpty()) {
            parts.add("no DKIM signature");
        } else if (passes.isEmpty()) {
            parts.add("no DKIM pass");
        } else {
            parts.add("DKIM pass for " + String.join(", ", passes) + " not aligned ("
                    + record.adkim().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return "no identifier aligned with " + author + ": " + String.join("; ", parts);
    }

    private enum Tri { YES, NO, UNKNOWN }

    private record Aligned(String domain, Tri state, String note) {
    }

    enum Existence { NOT_NEEDED, EXISTS, NON_EXISTENT, UNKNOWN }

    private CompletableFuture<Aligned> spfAlignment(DmarcInput in, String author, Alignment mode, DiscoverySession s) {
        if (in.spfResult() != SpfResult.PASS || in.spfDomain() == null || in.spfDomain().isEmpty()) {
            return CompletableFuture.completedFuture(new Aligned(in.spfDomain(), Tri.NO, "no SPF pass"));
        }
        return aligned(in.spfDomain(), author, mode, s);
    }

    /** Identifier Alignment (RFC 9989 §3.2.10, §4.4, §4.10.2). */
    private CompletableFuture<Aligned> aligned(String identifier, String author, Alignment alignment,
            DiscoverySession s) {
        String id = DnsNames.canonical(identifier);
        if (id == null) {
            return CompletableFuture.completedFuture(new Aligned(identifier, Tri.NO, "not a domain name"));
        }
        if (id.equals(author)) {
            return CompletableFuture.completedFuture(new Aligned(id, Tri.YES, "identical"));
        }
        if (alignment == Alignment.STRICT || !shareLastLabel(id, author)) {
            return CompletableFuture.completedFuture(new Aligned(id, Tri.NO, "not identical"));
        }
        CompletableFuture<String> a = s.organizationalDomain(author);
        CompletableFuture<String> b = s.organizationalDomain(id);
        return a.thenCombine(b, (oa, ob) -> {
            if (oa == null || ob == null) {
                return new Aligned(id, Tri.UNKNOWN, "temporary DNS failure in a tree walk");
            }
            return oa.equals(ob) ? new Aligned(id, Tri.YES, "same Organizational Domain " + oa)
                    : new Aligned(id, Tri.NO, "Organizational Domains " + ob + " and " + oa + " differ");
        });
    }

    /** An Organizational Domain is a suffix of its name, so names with different TLDs never align. */
    private static boolean shareLastLabel(String a, String b) {
        return a.substring(a.lastIndexOf('.') + 1).equals(b.substring(b.lastIndexOf('.') + 1));
    }

    /**
     * Whether the Author Domain exists, asked with A, AAAA and MX queries. Any record or a NODATA
     * answer shows that it exists (RFC 9989 Appendix A.4: "if any RR exists for a domain, then the
     * domain exists"). In RFC 9989 mode one NXDOMAIN answer shows that it does not, even when
     * another query failed temporarily (§3.2.13: the meaning of RFC 8020, an NXDOMAIN response
     * code means the name does not exist); in RFC 7489 mode (np of RFC 9091) all three must
     * answer NXDOMAIN. RFC 9091's own definition is broader (NXDOMAIN or NODATA for A, AAAA and
     * MX); both modes keep NODATA as "exists" because RFC 9989 replaced that definition and the
     * RFC 7489-era peers, OpenDMARC 1.4.2 and mailauth, treat such a domain as existing too
     * (interop scenario {@code rfc7489-np-nodata}).
     */
    private CompletableFuture<Existence> existence(String author) {
        CompletableFuture<? extends DnsAnswer<?>> a = safe(() -> resolver.a(author));
        CompletableFuture<? extends DnsAnswer<?>> aaaa = safe(() -> resolver.aaaa(author));
        CompletableFuture<? extends DnsAnswer<?>> mx = safe(() -> resolver.mx(author));
        return CompletableFuture.allOf(a, aaaa, mx).thenApply(v -> existence(mode,
                List.of(a.join(), aaaa.join(), mx.join())));
    }

    /** The existence verdict from the A, AAAA and MX answers (see {@link #existence(String)}). */
    static Existence existence(DmarcMode mode, List<? extends DnsAnswer<?>> answers) {
        boolean tempfail = false;
        boolean nxdomain = false;
        for (DnsAnswer<?> x : answers) {
            if (x.hasRecords() || x.status() == DnsAnswer.Status.NODATA) {
                return Existence.EXISTS;
            }
            tempfail |= x.isTempFail();
            nxdomain |= x.status() == DnsAnswer.Status.NXDOMAIN;
        }
        if (mode == DmarcMode.RFC9989 && nxdomain) {
            return Existence.NON_EXISTENT;
        }
        return tempfail ? Existence.UNKNOWN : Existence.NON_EXISTENT;
    }

    private static <T> CompletableFuture<DnsAnswer<T>> safe(java.util.function.Supplier<CompletableFuture<DnsAnswer<T>>> q) {
        try {
            return q.get().exceptionally(e -> DnsAnswer.tempFail("resolver failed: " + e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(DnsAnswer.tempFail("resolver failed: " + e));
        }
    }

    /** Builds a {@link DmarcEvaluator}. */
    public static final class Builder {
        private DnsResolver resolver;
        private DmarcMode mode = DmarcMode.RFC9989;
        private PublicSuffixList psl = PublicSuffixList.bundled();
        private DoubleSupplier sampler = () -> ThreadLocalRandom.current().nextDouble();
        private Duration timeout = Duration.ofSeconds(30);
        private int maxAuthorDomains = 1;

        private Builder() {
        }

        /**
         * Security default 1: a message whose From fields name more than one domain yields
         * permerror and never pass. A larger value evaluates up to that many Author Domains each
         * on its own and keeps the most severe outcome (RFC 9989 §11.5); more domains than this
         * still yield permerror (the evaluation would be incomplete).
         */
        public Builder maxAuthorDomains(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be at least 1");
            }
            this.maxAuthorDomains = max;
            return this;
        }

        /** The DNS resolver (required). */
        public Builder resolver(DnsResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        /** RFC 9989 (default) or RFC 7489. */
        public Builder mode(DmarcMode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /** The Public Suffix List for RFC 7489 mode (default: {@link PublicSuffixList#bundled()}). */
        public Builder publicSuffixList(PublicSuffixList psl) {
            this.psl = Objects.requireNonNull(psl);
            return this;
        }

        /**
         * The source of uniform numbers in [0, 1) for RFC 7489 {@code pct} sampling (default:
         * {@link ThreadLocalRandom}); a message is subject to the policy when {@code 100 * x < pct}.
         */
        public Builder pctSampler(DoubleSupplier sampler) {
            this.sampler = Objects.requireNonNull(sampler);
            return this;
        }

        /** The longest one evaluation may take; then the result is temperror (default 30 s). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        public DmarcEvaluator build() {
            return new DmarcEvaluator(this);
        }
    }
}
