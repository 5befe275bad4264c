package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.spf.SpfResult;

/** The DNS Tree Walk (RFC 9989 §4.10) and the Appendix B.4 examples, with their query traces. */
class TreeWalkTest {

    private static List<String> queried(TreeWalk w) {
        return w.steps().stream().map(RecordLookup::domain).toList();
    }

    @Test
    void section410ExampleQueriesEightNames() {
        assertThat(DmarcPolicyDiscovery.treeWalkNames("a.b.c.d.e.f.g.h.i.j.mail.example.com")).containsExactly(
                "a.b.c.d.e.f.g.h.i.j.mail.example.com", "g.h.i.j.mail.example.com", "h.i.j.mail.example.com",
                "i.j.mail.example.com", "j.mail.example.com", "mail.example.com", "example.com", "com");
    }

    @Test
    void section518ZoneCutNames() {
        assertThat(DmarcPolicyDiscovery.treeWalkNames("mail.a.b.c.d.e.f.g.example.com")).containsExactly(
                "mail.a.b.c.d.e.f.g.example.com", "c.d.e.f.g.example.com", "d.e.f.g.example.com",
                "e.f.g.example.com", "f.g.example.com", "g.example.com", "example.com", "com");
    }

    @Test
    void shortNamesWalkOneLabelAtATime() {
        assertThat(DmarcPolicyDiscovery.treeWalkNames("a.mail.example.com"))
                .containsExactly("a.mail.example.com", "mail.example.com", "example.com", "com");
        assertThat(DmarcPolicyDiscovery.treeWalkNames("com")).containsExactly("com");
        // 8 labels: the exact name, then the 7 rightmost labels (step 4).
        assertThat(DmarcPolicyDiscovery.treeWalkNames("a.b.c.d.e.f.example.com")).hasSize(8)
                .startsWith("a.b.c.d.e.f.example.com", "b.c.d.e.f.example.com");
        for (int n = 1; n <= 30; n++) {
            String name = "x.".repeat(n - 1) + "example";
            assertThat(DmarcPolicyDiscovery.treeWalkNames(name)).hasSizeLessThanOrEqualTo(8);
        }
    }

    @Test
    void section4102Examples() {
        // "a.mail.example.com": records at mail.example.com and example.com -> example.com.
        ZoneResolver z1 = ZoneResolver.builder().txt("_dmarc.mail.example.com", "v=DMARC1; p=none")
                .txt("_dmarc.example.com", "v=DMARC1; p=none").build();
        TreeWalk w1 = DmarcPolicyDiscovery.of(z1).treeWalk("a.mail.example.com").join();
        assertThat(w1.organizationalDomain()).isEqualTo("example.com");
        assertThat(queried(w1)).containsExactly("a.mail.example.com", "mail.example.com", "example.com", "com");
        // psd=n at mail.example.com -> mail.example.com, and the walk stops there.
        ZoneResolver z2 = ZoneResolver.builder().txt("_dmarc.mail.example.com", "v=DMARC1; p=none; psd=n")
                .txt("_dmarc.example.com", "v=DMARC1; p=none").build();
        TreeWalk w2 = DmarcPolicyDiscovery.of(z2).treeWalk("a.mail.example.com").join();
        assertThat(w2.organizationalDomain()).isEqualTo("mail.example.com");
        assertThat(queried(w2)).containsExactly("a.mail.example.com", "mail.example.com");
        // Only _dmarc.com with psd=y -> example.com.
        ZoneResolver z3 = ZoneResolver.builder().txt("_dmarc.com", "v=DMARC1; p=none; psd=y").build();
        TreeWalk w3 = DmarcPolicyDiscovery.of(z3).treeWalk("a.mail.example.com").join();
        assertThat(w3.organizationalDomain()).isEqualTo("example.com");
        // No record at all: the start domain.
        TreeWalk w4 = DmarcPolicyDiscovery.of(ZoneResolver.builder().build()).treeWalk("a.mail.example.com").join();
        assertThat(w4.organizationalDomain()).isEqualTo("a.mail.example.com");
        assertThat(w4.explain()).contains("_dmarc.com: NONE");
    }

    /**
     * RFC 9989 §4.10 step 7 ("until the process stops or there are no more labels remaining") and
     * §4.10.1 (the Public Suffix Domain's record is the last place a policy is looked for): the walk
     * reaches the single-label parent, so a PSD policy published at {@code _dmarc.gov} is found;
     * §4.10.2 rule 2 makes the name one label below the PSD the Organizational Domain.
     */
    @Test
    void walkReachesASingleLabelPublicSuffixDomain() {
        ZoneResolver z = ZoneResolver.builder().txt("_dmarc.gov", "v=DMARC1; p=reject; psd=y").build();
        DmarcPolicyDiscovery d = DmarcPolicyDiscovery.of(z);
        TreeWalk w = d.treeWalk("a.b.agency.gov").join();
        assertThat(queried(w)).containsExactly("a.b.agency.gov", "b.agency.gov", "agency.gov", "gov");
        assertThat(w.organizationalDomain()).isEqualTo("agency.gov");
        PolicyDiscovery p = d.discover("agency.gov").join();
        assertThat(p.policyDomain()).isEqualTo("gov");
        assertThat(p.fromPublicSuffixDomain()).isTrue();
        assertThat(p.organizationalDomain()).isEqualTo("agency.gov");
        // A two-label Author Domain: one query at the Author Domain, then the TLD.
        assertThat(queried(p.walk())).containsExactly("agency.gov", "gov");
    }

    @Test
    void appendixB41SimpleOrganizationalAndPolicy() {
        ZoneResolver z = ZoneResolver.builder().txt("_dmarc.example.com", "v=DMARC1; p=reject")
                .txt("_dmarc.signing.example.com", "v=DMARC1; p=reject").build();
        DmarcPolicyDiscovery d = DmarcPolicyDiscovery.of(z);
        TreeWalk author = d.treeWalk("example.com").join();
        assertThat(queried(author)).containsExactly("example.com", "com");
        assertThat(author.organizationalDomain()).isEqualTo("example.com");
        TreeWalk signer = d.treeWalk("signing.example.com").join();
        assertThat(queried(signer)).containsExactly("signing.example.com", "example.com", "com");
        assertThat(signer.organizationalDomain()).isEqualTo("example.com");
        PolicyDiscovery p = d.discover("example.com").join();
        assertThat(p.policyDomain()).isEqualTo("example.com");

        DmarcOutcome o = DmarcEvaluator.builder().resolver(z).build().evaluate(DmarcInput.builder()
                .authorDomain("example.com").spf(SpfResult.PASS, "example.com")
                .dkim(DkimResult.PASS, "signing.example.com").build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.PASS);
        assertThat(o.spfAligned()).isTrue();
        assertThat(o.dkimAligned()).isTrue();
        assertThat(o.policyDomain()).isEqualTo("example.com");
    }

    @Test
    void appendixB42DeepTreeWalk() {
        ZoneResolver z = ZoneResolver.builder().txt("_dmarc.example.com", "v=DMARC1; p=reject")
                .txt("_dmarc.signing.example.com", "v=DMARC1; p=reject").build();
        PolicyDiscovery p = DmarcPolicyDiscovery.of(z).discover("a.b.c.d.e.f.g.h.i.j.k.example.com").join();
        assertThat(queried(p.walk())).containsExactly("a.b.c.d.e.f.g.h.i.j.k.example.com", "g.h.i.j.k.example.com",
                "h.i.j.k.example.com", "i.j.k.example.com", "j.k.example.com", "k.example.com", "example.com", "com");
        assertThat(p.organizationalDomain()).isEqualTo("example.com");
        assertThat(p.policyDomain()).isEqualTo("example.com");
        assertThat(p.atAuthorDomain()).isFalse();

        DmarcOutcome o = DmarcEvaluator.builder().resolver(z).build().evaluate(DmarcInput.builder()
                .authorDomain("a.b.c.d.e.f.g.h.i.j.k.example.com").spf(SpfResult.PASS, "example.com")
                .dkim(DkimResult.PASS, "signing.example.com").build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.PASS);
        assertThat(o.spfAligned()).isTrue();
        assertThat(o.dkimAligned()).isTrue();
    }

    @Test
    void appendixB43PsdRecord() {
        ZoneResolver z = ZoneResolver.builder().txt("_dmarc.bank.example", "v=DMARC1; p=reject; psd=y")
                .txt("_dmarc.giant.bank.example", "v=DMARC1; p=quarantine").build();
        DmarcPolicyDiscovery d = DmarcPolicyDiscovery.of(z);
        TreeWalk author = d.treeWalk("giant.bank.example").join();
        assertThat(queried(author)).containsExactly("giant.bank.example", "bank.example");
        assertThat(author.organizationalDomain()).isEqualTo("giant.bank.example");
        TreeWalk mailFrom = d.treeWalk("mail.giant.bank.example").join();
        assertThat(queried(mailFrom)).containsExactly("mail.giant.bank.example", "giant.bank.example", "bank.example");
        assertThat(mailFrom.organizationalDomain()).isEqualTo("giant.bank.example");
        TreeWalk signer = d.treeWalk("mail.mega.bank.example").join();
        assertThat(queried(signer)).containsExactly("mail.mega.bank.example", "mega.bank.example", "bank.example");
        assertThat(signer.organizationalDomain()).isEqualTo("mega.bank.example");

        DmarcOutcome o = DmarcEvaluator.builder().resolver(z).build().evaluate(DmarcInput.builder()
                .authorDomain("giant.bank.example").spf(SpfResult.PASS, "mail.giant.bank.example")
                .dkim(DkimResult.PASS, "mail.mega.bank.example").build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.PASS);
        assertThat(o.spfAligned()).isTrue();
        assertThat(o.dkimAligned()).isFalse();
        assertThat(o.policyDomain()).isEqualTo("giant.bank.example");
    }

    @Test
    void eachDomainIsWalkedOncePerEvaluation() {
        java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
        ZoneResolver zone = ZoneResolver.builder().txt("_dmarc.example.com", "v=DMARC1; p=reject").build();
        org.mailauth4j.core.dns.DnsResolver counting = new org.mailauth4j.core.dns.DnsResolver() {
            @Override
            public <T> java.util.concurrent.CompletableFuture<org.mailauth4j.core.dns.DnsAnswer<T>> query(String name,
                    org.mailauth4j.core.dns.RecordType<T> type) {
                queries.incrementAndGet();
                return zone.query(name, type);
            }
        };
        DmarcOutcome o = DmarcEvaluator.builder().resolver(counting).build().evaluate(DmarcInput.builder()
                .authorDomain("a.example.com").spf(SpfResult.PASS, "b.example.com")
                .dkim(DkimResult.PASS, "c.example.com").dkim(DkimResult.PASS, "b.example.com").build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.PASS);
        // _dmarc. a, b, c .example.com + example.com + com: five distinct names, each asked once.
        assertThat(queries.get()).isEqualTo(5);
    }
}
