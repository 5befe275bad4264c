package org.mailauth4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mailauth4j.arc.ArcOutcome;
import org.mailauth4j.core.address.AuthorDomain;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.dkim.DkimSignature;
import org.mailauth4j.dkim.DkimVerification;
import org.mailauth4j.dmarc.DmarcInput;
import org.mailauth4j.dmarc.DmarcOutcome;
import org.mailauth4j.spf.ReceivedSpf;
import org.mailauth4j.spf.SpfOutcome;

/**
 * Joins the checks of one message into an {@link AuthenticationReport}: waits (asynchronously,
 * at most the configured timeout from the end of the message) for SPF, DKIM and ARC, feeds their
 * results to DMARC (RFC 9989 §5.3) within the same deadline,
 * and states everything as RFC 8601 resinfos in the order spf, dkim…, arc, dmarc.
 */
final class Checks {
    private Checks() {
    }

    static CompletableFuture<AuthenticationReport> report(Authenticator auth, Envelope envelope,
            List<HeaderField> headers, AuthorDomain author, MessageDns dns, CompletableFuture<SpfOutcome> spfF,
            CompletableFuture<List<DkimVerification>> dkimF, CompletableFuture<ArcOutcome> arcF) {
        Duration t = auth.timeout();
        CompletableFuture<SpfOutcome> spf = spfF == null ? CompletableFuture.completedFuture(null)
                : bounded(spfF, t).exceptionally(e -> null);
        CompletableFuture<List<DkimVerification>> dkim = bounded(dkimF, t)
                .exceptionally(e -> unverified(headers, DkimResult.TEMPERROR, "not verified: " + describe(e)));
        CompletableFuture<ArcOutcome> arc = bounded(arcF, t).exceptionally(e -> null);
        CompletableFuture<Object[]> spfDkim = spf.thenCombine(dkim, (s, d) -> new Object[] {s, policy(auth, d)});
        // One deadline for everything after the end of the message: DMARC waits for SPF and DKIM
        // and then evaluates, all within the same timeout.
        // What DMARC evaluates, kept for the report (aggregate reports state it, RFC 9990 §2.1).
        CompletableFuture<DmarcInput> input = spfDkim.thenApply(sd -> {
            @SuppressWarnings("unchecked")
            List<DkimVerification> d = (List<DkimVerification>) sd[1];
            return author == null ? null : dmarcInput(author, (SpfOutcome) sd[0], d);
        });
        CompletableFuture<DmarcOutcome> dmarc = bounded(input.thenCompose(in -> {
            if (in == null) {
                return CompletableFuture.completedFuture(null);
            }
            try {
                return auth.dmarcEvaluator(dns).evaluate(in);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }), t).exceptionally(e -> null);
        return CompletableFuture.allOf(spfDkim, arc, dmarc).thenApplyAsync(v -> {
            @SuppressWarnings("unchecked")
            List<DkimVerification> d = (List<DkimVerification>) spfDkim.join()[1];
            DmarcOutcome outcome = dmarc.join();
            return build(auth, envelope, headers, (SpfOutcome) spfDkim.join()[0], d, arc.join(), outcome,
                    outcome == null ? null : input.join());
        }, auth.executor());
    }

    private static <T> CompletableFuture<T> bounded(CompletableFuture<T> f, Duration t) {
        return f.copy().orTimeout(t.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable e) {
        Throwable c = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        return c instanceof java.util.concurrent.TimeoutException ? "timed out" : c.toString();
    }

    /** One verdict per DKIM-Signature field, all {@code result}: when verification could not finish. */
    private static List<DkimVerification> unverified(List<HeaderField> headers, DkimResult result, String reason) {
        List<DkimVerification> out = new ArrayList<>();
        for (HeaderField h : headers) {
            if (h.hasName(DkimSignature.FIELD)) {
                out.add(new DkimVerification(result, reason, out.size(), h, null, 0, false));
            }
        }
        return out;
    }

    /** Local policy on top of the DKIM module's verdicts: {@code l=} signatures may be refused. */
    private static List<DkimVerification> policy(Authenticator auth, List<DkimVerification> in) {
        if (auth.honourBodyLength()) {
            return in;
        }
        List<DkimVerification> out = new ArrayList<>(in.size());
        for (DkimVerification v : in) {
            if (v.isPass() && v.isPartialBody()) {
                out.add(new DkimVerification(DkimResult.POLICY, "signature covers only the first " + v.bodyLength()
                        + " body bytes (l=), not accepted by local policy", v.index(), v.field(), v.signature(),
                        v.keyBits(), v.testing()));
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private static DmarcInput dmarcInput(AuthorDomain author, SpfOutcome spf, List<DkimVerification> dkim) {
        DmarcInput.Builder b = DmarcInput.builder().author(author);
        if (spf != null) {
            if (spf.identity() == SpfOutcome.Identity.HELO) {
                b.spfHelo(spf.result(), spf.domain());
            } else {
                b.spf(spf.result(), spf.domain());
            }
        }
        for (DkimVerification v : dkim) {
            if (v.domain() != null && !v.domain().isEmpty()) {
                b.dkim(v.result(), v.domain(), v.selector());
            }
        }
        return b.build();
    }

    private static AuthenticationReport build(Authenticator auth, Envelope envelope, List<HeaderField> headers,
            SpfOutcome spf, List<DkimVerification> dkim, ArcOutcome arc, DmarcOutcome dmarc, DmarcInput dmarcInput) {
        List<ResInfo> res = new ArrayList<>();
        AuthenticationReport.Spf spfR;
        if (spf != null) {
            spfR = new AuthenticationReport.Spf(spf.result().word(), spf.identity().word(), spf.domain(), spf.reason(),
                    spf.explanation(), spf.matchedTerm());
            res.add(ReceivedSpf.resInfo(spf));
        } else {
            String why = envelope.hasSpfInput() ? "SPF check did not finish within " + auth.timeout().toMillis() + " ms"
                    : "not checked: no SMTP envelope (client IP and MAIL FROM or HELO)";
            String word = envelope.hasSpfInput() ? "temperror" : "none";
            spfR = new AuthenticationReport.Spf(word, null, null, why, null, null);
            res.add(new ResInfo("spf", word, why, List.of()));
        }
        List<AuthenticationReport.Dkim> dkimR = new ArrayList<>(dkim.size());
        for (DkimVerification v : dkim) {
            ResInfo ri = v.toResInfo();
            dkimR.add(new AuthenticationReport.Dkim(v.result().word(), v.domain(), v.selector(), v.algorithm(),
                    v.identity(), ri.property("header", "b"), v.reason()));
            res.add(ri);
        }
        if (dkim.isEmpty()) {
            res.add(new ResInfo("dkim", "none", "message not signed", List.of()));
        }
        AuthenticationReport.Arc arcR;
        if (arc != null) {
            arcR = new AuthenticationReport.Arc(arc.result().word(), arc.instances(), arc.reason());
            res.add(arc.toResInfo(envelope.clientIp() == null ? null
                    : com.google.common.net.InetAddresses.toAddrString(envelope.clientIp()))); // RFC 5952 form
        } else {
            int n = 0;
            for (HeaderField h : headers) {
                n += h.hasName("ARC-Seal") ? 1 : 0;
            }
            arcR = new AuthenticationReport.Arc("fail", n, "ARC validation did not finish within "
                    + auth.timeout().toMillis() + " ms");
            res.add(new ResInfo("arc", "fail", arcR.reason(), List.of()));
        }
        AuthenticationReport.Dmarc dmarcR;
        if (dmarc != null) {
            dmarcR = new AuthenticationReport.Dmarc(dmarc.result().word(), dmarc.authorDomain(),
                    dmarc.policy() == null ? null : dmarc.policy().word(), dmarc.disposition().word(), dmarc.reason());
            res.add(dmarc.toResInfo());
        } else {
            dmarcR = new AuthenticationReport.Dmarc("temperror", null, null, null, "DMARC evaluation did not finish");
            res.add(new ResInfo("dmarc", "temperror", dmarcR.reason(), List.of()));
        }
        return new AuthenticationReport(auth.authservId(), envelope.clientIp(), spfR, spf, dkimR, dkim, arcR, arc,
                dmarcR, dmarc, dmarcInput, safe(res));
    }

    /**
     * Resinfos that the strict RFC 8601 formatter accepts whatever the message or the DNS said:
     * control characters in reasons and property values (which can come from a hostile envelope
     * or record) become '?', and an empty value becomes {@code ""}-free text.
     */
    static List<ResInfo> safe(List<ResInfo> in) {
        List<ResInfo> out = new ArrayList<>(in.size());
        for (ResInfo r : in) {
            List<ResInfo.Property> props = new ArrayList<>(r.properties().size());
            for (ResInfo.Property p : r.properties()) {
                String v = clean(p.value());
                if (!v.isEmpty()) {
                    props.add(new ResInfo.Property(p.type(), p.name(), v));
                }
            }
            out.add(new ResInfo(r.method(), r.version(), r.result(), r.reason() == null ? null : clean(r.reason()), props));
        }
        return out;
    }

    private static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, '?');
            }
        }
        return sb == null ? s : sb.toString();
    }
}
