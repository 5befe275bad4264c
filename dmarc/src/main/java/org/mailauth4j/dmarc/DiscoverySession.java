package org.mailauth4j.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;

/**
 * DNS work for one evaluation: record lookups, tree walks (RFC 9989 §4.10) and Organizational
 * Domains, each done once and shared (the Author Domain's walk serves policy discovery and
 * alignment; identifiers in the same organization reuse lookups). A temporary failure is kept as
 * such and never turns into "no policy" (§5.3.6).
 */
final class DiscoverySession {
    private final DnsResolver resolver;
    private final DmarcMode mode;
    private final PublicSuffixList psl;
    private final Map<String, CompletableFuture<RecordLookup>> lookups = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<TreeWalk>> walks =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final List<RecordLookup> order = java.util.Collections.synchronizedList(new ArrayList<>());

    DiscoverySession(DnsResolver resolver, DmarcMode mode, PublicSuffixList psl) {
        this.resolver = resolver;
        this.mode = mode;
        this.psl = psl;
    }

    DmarcMode mode() {
        return mode;
    }

    /** Every lookup completed so far, in completion order. */
    List<RecordLookup> lookupsSoFar() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /** Every tree walk completed so far. */
    List<TreeWalk> walksSoFar() {
        List<TreeWalk> out = new ArrayList<>();
        synchronized (walks) {
            for (CompletableFuture<TreeWalk> f : walks.values()) {
                if (f.isDone() && !f.isCompletedExceptionally()) {
                    out.add(f.join());
                }
            }
        }
        return out;
    }

    /** {@code TXT _dmarc.<domain>}, filtered per RFC 9989 §4.10 steps 2 and 6. */
    CompletableFuture<RecordLookup> lookup(String domain) {
        return lookups.computeIfAbsent(domain, d -> query(d).thenApply(l -> {
            order.add(l);
            return l;
        }));
    }

    private CompletableFuture<RecordLookup> query(String domain) {
        CompletableFuture<DnsAnswer<String>> f;
        try {
            f = resolver.txt("_dmarc." + domain);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    new RecordLookup(domain, RecordLookup.Status.TEMPFAIL, null, "resolver failed: " + e));
        }
        return f.handle((answer, error) -> {
            if (error != null) {
                return new RecordLookup(domain, RecordLookup.Status.TEMPFAIL, null, "resolver failed: " + error);
            }
            return switch (answer.status()) {
                case TEMPFAIL -> new RecordLookup(domain, RecordLookup.Status.TEMPFAIL, null, answer.detail());
                case NXDOMAIN, NODATA -> new RecordLookup(domain, RecordLookup.Status.NONE, null,
                        answer.status().toString());
                case INVALID_NAME -> new RecordLookup(domain, RecordLookup.Status.NONE, null,
                        "invalid name: " + answer.detail());
                case RECORDS -> fromRecords(domain, answer.records());
            };
        });
    }

    private static RecordLookup fromRecords(String domain, List<String> txts) {
        List<String> dmarc = new ArrayList<>();
        for (String t : txts) {
            if (DmarcRecord.isDmarcRecord(t)) {
                dmarc.add(t);
            }
        }
        if (dmarc.isEmpty()) {
            return new RecordLookup(domain, RecordLookup.Status.NONE, null,
                    txts.size() + " TXT record(s), none starts with v=DMARC1");
        }
        if (dmarc.size() > 1) {
            return new RecordLookup(domain, RecordLookup.Status.MULTIPLE, null,
                    dmarc.size() + " DMARC records; all discarded");
        }
        DmarcRecord r = DmarcRecord.parse(dmarc.get(0)).orElseThrow();
        return new RecordLookup(domain, RecordLookup.Status.FOUND, r, r.text());
    }

    /**
     * The names a tree walk queries, in order (RFC 9989 §4.10 steps 3–7): the start, then — for a
     * start of 8 or more labels — its 7 rightmost labels, then one label less at a time down to 1.
     */
    static List<String> walkNames(String domain) {
        String[] labels = domain.split("\\.");
        List<String> names = new ArrayList<>();
        names.add(domain);
        int x = labels.length;
        int next = x >= TreeWalk.MAX_QUERIES ? TreeWalk.MAX_QUERIES - 1 : x - 1;
        for (int n = next; n >= 1; n--) {
            names.add(suffix(labels, n));
        }
        return names;
    }

    static String suffix(String[] labels, int n) {
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - n, labels.length));
    }

    static int labelCount(String domain) {
        int n = 1;
        for (int i = 0; i < domain.length(); i++) {
            if (domain.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    /** The DNS Tree Walk from {@code start}, shared by all callers in this session. */
    CompletableFuture<TreeWalk> walk(String start) {
        return walks.computeIfAbsent(start, s -> step(s, walkNames(s), 0, new ArrayList<>()));
    }

    private CompletableFuture<TreeWalk> step(String start, List<String> names, int i, List<RecordLookup> steps) {
        if (i == names.size()) {
            return CompletableFuture.completedFuture(select(start, steps));
        }
        return lookup(names.get(i)).thenCompose(l -> {
            steps.add(l);
            if (l.status() == RecordLookup.Status.TEMPFAIL) {
                return CompletableFuture.completedFuture(
                        new TreeWalk(start, steps, null, "temporary DNS failure at _dmarc." + l.domain()));
            }
            if (l.status() == RecordLookup.Status.FOUND && l.record().psd() != DmarcRecord.Psd.U) {
                return CompletableFuture.completedFuture(select(start, steps)); // §4.10 steps 2/6: stop
            }
            return step(start, names, i + 1, steps);
        });
    }

    /** Organizational Domain selection, RFC 9989 §4.10.2 rules 1–3 and the fallback to the start. */
    static TreeWalk select(String start, List<RecordLookup> steps) {
        RecordLookup fewest = null;
        for (RecordLookup l : steps) {
            if (l.status() != RecordLookup.Status.FOUND) {
                continue;
            }
            DmarcRecord.Psd psd = l.record().psd();
            if (psd == DmarcRecord.Psd.N) {
                return new TreeWalk(start, steps, l.domain(), "psd=n at " + l.domain());
            }
            if (psd == DmarcRecord.Psd.Y && !l.domain().equals(start)) {
                String below = suffix(start.split("\\."), labelCount(l.domain()) + 1);
                return new TreeWalk(start, steps, below, "psd=y at " + l.domain() + ": the name one label below");
            }
            fewest = l; // steps run from most to fewest labels
        }
        if (fewest != null) {
            return new TreeWalk(start, steps, fewest.domain(), "record with the fewest labels");
        }
        return new TreeWalk(start, steps, start, "no record found: the start domain");
    }

    /** The Organizational Domain of {@code domain}; {@code null} on a temporary DNS failure. */
    CompletableFuture<String> organizationalDomain(String domain) {
        if (mode == DmarcMode.RFC7489) {
            return CompletableFuture.completedFuture(psl.organizationalDomain(domain));
        }
        return walk(domain).thenApply(TreeWalk::organizationalDomain);
    }

    /**
     * Policy discovery for {@code author}. In RFC 9989 mode the walk from the Author Domain is
     * done when the Author Domain has no record, or when {@code wantOrganizationalDomain}.
     */
    CompletableFuture<PolicyDiscovery> discover(String author, boolean wantOrganizationalDomain) {
        return mode == DmarcMode.RFC7489 ? discover7489(author) : discover9989(author, wantOrganizationalDomain);
    }

    /** RFC 9989 §4.10.1. */
    private CompletableFuture<PolicyDiscovery> discover9989(String author, boolean wantOrg) {
        return lookup(author).thenCompose(first -> {
            if (first.status() == RecordLookup.Status.TEMPFAIL) {
                return done(author, PolicyDiscovery.Status.TEMPFAIL, null, null, false, null, null,
                        "temporary DNS failure at _dmarc." + author + ": " + first.detail());
            }
            if (first.status() == RecordLookup.Status.FOUND && !wantOrg) {
                return done(author, PolicyDiscovery.Status.FOUND, author, first.record(), false, null, null,
                        "policy record at the Author Domain");
            }
            return walk(author).thenApply(w -> {
                if (first.status() == RecordLookup.Status.FOUND) {
                    return discovery(author, PolicyDiscovery.Status.FOUND, author, first.record(), false,
                            w.organizationalDomain(), w, "policy record at the Author Domain");
                }
                if (w.tempFailed()) {
                    return discovery(author, PolicyDiscovery.Status.TEMPFAIL, null, null, false, null, w,
                            "tree walk stopped by a " + w.rule());
                }
                String org = w.organizationalDomain();
                RecordLookup atOrg = w.step(org);
                if (atOrg != null && atOrg.status() == RecordLookup.Status.FOUND) {
                    return discovery(author, PolicyDiscovery.Status.FOUND, org, atOrg.record(), false, org, w,
                            "policy record at the Organizational Domain " + org);
                }
                for (RecordLookup l : w.steps()) {
                    if (l.status() == RecordLookup.Status.FOUND && l.record().psd() == DmarcRecord.Psd.Y) {
                        return discovery(author, PolicyDiscovery.Status.FOUND, l.domain(), l.record(), true, org, w,
                                "policy record of the Public Suffix Domain " + l.domain());
                    }
                }
                return discovery(author, PolicyDiscovery.Status.NONE, null, null, false, org, w,
                        "no DMARC policy record for " + author + " or its Organizational Domain");
            });
        });
    }

    /** RFC 7489 §6.6.3: the Author Domain, then its Organizational Domain from the PSL. */
    private CompletableFuture<PolicyDiscovery> discover7489(String author) {
        String org = psl.organizationalDomain(author);
        return lookup(author).thenCompose(first -> {
            if (first.status() == RecordLookup.Status.TEMPFAIL) {
                return done(author, PolicyDiscovery.Status.TEMPFAIL, null, null, false, org, null,
                        "temporary DNS failure at _dmarc." + author + ": " + first.detail());
            }
            if (first.status() == RecordLookup.Status.FOUND) {
                return done(author, PolicyDiscovery.Status.FOUND, author, first.record(), false, org, null,
                        "policy record at the Author Domain");
            }
            if (first.status() == RecordLookup.Status.MULTIPLE) {
                // RFC 7489 §6.6.3 steps 3-4: only an empty set leads to the Organizational Domain.
                return done(author, PolicyDiscovery.Status.NONE, null, null, false, org, null,
                        "several DMARC records at _dmarc." + author + ": no DMARC processing (RFC 7489 §6.6.3)");
            }
            if (org.equals(author)) {
                return done(author, PolicyDiscovery.Status.NONE, null, null, false, org, null,
                        "no DMARC policy record for " + author);
            }
            return lookup(org).thenApply(second -> switch (second.status()) {
                case TEMPFAIL -> discovery(author, PolicyDiscovery.Status.TEMPFAIL, null, null, false, org, null,
                        "temporary DNS failure at _dmarc." + org + ": " + second.detail());
                case FOUND -> discovery(author, PolicyDiscovery.Status.FOUND, org, second.record(), false, org, null,
                        "policy record at the Organizational Domain " + org + " (Public Suffix List)");
                default -> discovery(author, PolicyDiscovery.Status.NONE, null, null, false, org, null,
                        "no DMARC policy record for " + author + " or its Organizational Domain " + org);
            });
        });
    }

    private CompletableFuture<PolicyDiscovery> done(String author, PolicyDiscovery.Status status, String policyDomain,
            DmarcRecord record, boolean psd, String org, TreeWalk walk, String detail) {
        return CompletableFuture.completedFuture(discovery(author, status, policyDomain, record, psd, org, walk, detail));
    }

    private PolicyDiscovery discovery(String author, PolicyDiscovery.Status status, String policyDomain,
            DmarcRecord record, boolean psd, String org, TreeWalk walk, String detail) {
        return new PolicyDiscovery(author, status, policyDomain, record, psd, org, walk, lookupsSoFar(), mode, detail);
    }
}
