package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table-driven scenario suite ({@code scenarios.txt}): alignment × policy × sp/np × psd ×
 * tree-walk depth × DNS failures × From ambiguities, each naming the RFC section it follows.
 */
class DmarcScenarioTest {

    @Test
    void theTableHasAtLeastSixtyScenariosEachCitingAnRfc() throws Exception {
        List<Scenarios.Scenario> all = Scenarios.load();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all).allSatisfy(s -> assertThat(s.rfc()).containsPattern("RFC \\d+"));
        assertThat(all.stream().map(Scenarios.Scenario::id).distinct().count()).isEqualTo(all.size());
    }

    @TestFactory
    Stream<DynamicTest> scenarios() throws Exception {
        return Scenarios.load().stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> run(s)));
    }

    static DmarcOutcome evaluate(Scenarios.Scenario s) {
        DmarcEvaluator evaluator = DmarcEvaluator.builder().resolver(s.zone()).mode(s.mode())
                .pctSampler(() -> 0.5).build();
        return evaluator.evaluate(s.input()).join();
    }

    private static void run(Scenarios.Scenario s) {
        DmarcOutcome o = evaluate(s);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(o.result().word()).as("result; outcome %s", o).isEqualTo(s.expectResult());
        for (Map.Entry<String, String> e : s.expect().entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "policy" -> soft.assertThat(o.policy() == null ? null : o.policy().word()).as("policy; %s", o)
                        .isEqualTo(v);
                case "disposition" -> soft.assertThat(o.disposition().word()).as("disposition; %s", o).isEqualTo(v);
                case "source" -> soft.assertThat(o.policySource() == null ? null
                        : o.policySource().name().toLowerCase(Locale.ROOT)).as("policy source; %s", o).isEqualTo(v);
                case "spf" -> soft.assertThat(o.spfAligned()).as("SPF aligned; %s", o).isEqualTo(v.equals("yes"));
                case "dkim" -> {
                    if (v.equals("no")) {
                        soft.assertThat(o.dkimAligned()).as("DKIM aligned; %s", o).isFalse();
                    } else {
                        soft.assertThat(o.alignedDkimDomain()).as("aligned DKIM domain; %s", o).isEqualTo(v);
                    }
                }
                case "domain" -> soft.assertThat(o.policyDomain()).as("policy domain; %s", o).isEqualTo(v);
                case "org" -> soft.assertThat(o.organizationalDomain()).as("organizational domain; %s", o)
                        .isEqualTo(v);
                case "testing" -> soft.assertThat(o.testingMode()).as("testing mode; %s", o)
                        .isEqualTo(v.equals("yes"));
                default -> throw new IllegalArgumentException(s.id() + ": unknown expectation " + e.getKey());
            }
        }
        if (o.result() != DmarcResult.PASS) {
            soft.assertThat(o.spfAligned() || o.dkimAligned()).as("no alignment unless pass").isFalse();
        }
        if (o.result() != DmarcResult.FAIL) {
            soft.assertThat(o.disposition()).as("disposition is none unless fail").isEqualTo(DmarcPolicy.NONE);
        }
        soft.assertAll();
    }

    @Test
    void everyWalkStaysWithinEightQueries() throws Exception {
        List<String> over = new ArrayList<>();
        for (Scenarios.Scenario s : Scenarios.load()) {
            for (TreeWalk w : evaluate(s).walks()) {
                if (w.steps().size() > TreeWalk.MAX_QUERIES) {
                    over.add(s.id() + ": " + w.explain());
                }
            }
        }
        assertThat(over).isEmpty();
    }
}
