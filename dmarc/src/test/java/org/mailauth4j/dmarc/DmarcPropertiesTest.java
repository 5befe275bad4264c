package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.spf.SpfResult;

/** Properties: bounded tree walks (RFC 9989 §4.10), total parsers, and outcome invariants. */
class DmarcPropertiesTest {

    @Provide
    Arbitrary<String> domains() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcxyz0-").ofMinLength(1).ofMaxLength(10)
                .filter(l -> !l.startsWith("-") && !l.endsWith("-"));
        return label.list().ofMinSize(1).ofMaxSize(20).map(l -> String.join(".", l))
                .filter(d -> d.length() <= 200);
    }

    @Property(tries = 300)
    void treeWalkNamesAreAtMostEightSuffixesEndingAtTheTld(@ForAll("domains") String domain) {
        List<String> names = DmarcPolicyDiscovery.treeWalkNames(domain);
        assertThat(names).hasSizeLessThanOrEqualTo(TreeWalk.MAX_QUERIES).startsWith(domain);
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        assertThat(names.get(names.size() - 1)).isEqualTo(tld);
        for (int i = 1; i < names.size(); i++) {
            assertThat(domain).endsWith("." + names.get(i));
            assertThat(DiscoverySession.labelCount(names.get(i)))
                    .isEqualTo(Math.min(DiscoverySession.labelCount(names.get(i - 1)) - 1, 7));
        }
    }

    @Property(tries = 500)
    void recordParserIsTotal(@ForAll @StringLength(max = 300) String tail) {
        String text = "v=DMARC1;" + tail;
        DmarcRecord r = DmarcRecord.parse(text).orElseThrow();
        assertThat(r.policy(DmarcMode.RFC9989)).isNotNull();
        assertThat(r.subdomainPolicy(DmarcMode.RFC7489)).isNotNull();
        assertThat(r.pctOrDefault()).isBetween(0, 100);
    }

    @Property(tries = 300)
    void neverPassWithoutASingleAuthorDomain(@ForAll @StringLength(max = 120) String fromValue) {
        org.mailauth4j.core.address.AuthorDomain a = org.mailauth4j.core.address.AuthorDomain.ofValue(fromValue);
        ZoneResolver anyPolicy = ZoneResolver.builder().build();
        DmarcOutcome o = DmarcEvaluator.builder().resolver(anyPolicy).build().evaluate(DmarcInput.builder().author(a)
                .spf(SpfResult.PASS, "example.com").build()).join();
        if (DmarcEvaluator.singleDomain(a) == null) {
            assertThat(o.result()).isEqualTo(DmarcResult.PERMERROR);
        } else {
            assertThat(o.result()).isEqualTo(DmarcResult.NONE); // no record anywhere in this zone
        }
    }

    @Property(tries = 200)
    void outcomeInvariants(@ForAll("domains") String author, @ForAll("domains") String identifier,
            @ForAll @IntRange(min = 0, max = 4) int recordAt, @ForAll boolean strict, @ForAll boolean psdY) {
        String[] labels = author.split("\\.");
        String recordDomain = DiscoverySession.suffix(labels, Math.max(1, labels.length - recordAt));
        ZoneResolver zone = ZoneResolver.builder().txt("_dmarc." + recordDomain,
                "v=DMARC1; p=reject" + (strict ? "; aspf=s; adkim=s" : "") + (psdY ? "; psd=y" : "")).build();
        DmarcOutcome o = DmarcEvaluator.builder().resolver(zone).build().evaluate(DmarcInput.builder()
                .authorDomain(author).spf(SpfResult.PASS, identifier).dkim(DkimResult.PASS, author + "x").build())
                .join();
        assertThat(o.walks()).allSatisfy(w -> assertThat(w.steps()).hasSizeLessThanOrEqualTo(TreeWalk.MAX_QUERIES));
        if (o.result() == DmarcResult.PASS) {
            assertThat(o.spfAligned() || o.dkimAligned()).isTrue();
            assertThat(o.disposition()).isEqualTo(DmarcPolicy.NONE);
        }
        if (identifier.equals(author) && o.record() != null) {
            assertThat(o.result()).isEqualTo(DmarcResult.PASS); // identical names always align
        }
        if (strict && !identifier.equals(author)) {
            assertThat(o.spfAligned()).isFalse();
        }
        if (o.result() == DmarcResult.FAIL) {
            assertThat(o.disposition()).isEqualTo(DmarcPolicy.REJECT);
        }
    }
}
