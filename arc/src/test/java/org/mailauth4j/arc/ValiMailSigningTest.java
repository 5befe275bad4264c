package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.testing.TestData;

/**
 * The ValiMail ARC signing suite (17 tests, PROVENANCE.md §2). Compared as the upstream harness
 * compares: all whitespace removed, split on ';', compared as sets. The incoming chain status is
 * the arc= result the suite stamped into this authserv-id's Authentication-Results (none when
 * absent), as its README describes. Every produced set is also validated by our validator.
 */
class ValiMailSigningTest {
    static final AtomicInteger RUN = new AtomicInteger();
    static final AtomicInteger EXCEPTED = new AtomicInteger();

    @TestFactory
    List<DynamicTest> signingSuite() throws Exception {
        Path file = TestData.vector("arc/valimail/arc-draft-sign-tests.yml");
        Map<String, String[]> exceptions = ArcVectors.exceptions();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> scenario : ArcVectors.scenarios(file)) {
            String domain = String.valueOf(scenario.get("domain"));
            String sel = String.valueOf(scenario.get("sel"));
            String pem = String.valueOf(scenario.get("privatekey"));
            ArcValidator validator = ArcValidator.builder(ArcVectors.zone(scenario)).build();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> cases = (Map<String, Map<String, Object>>) scenario.get("tests");
            for (Map.Entry<String, Map<String, Object>> e : cases.entrySet()) {
                String name = e.getKey();
                Map<String, Object> t = e.getValue();
                tests.add(DynamicTest.dynamicTest(scenario.get("description") + " / " + name, () -> {
                    Message m = Message.parse(ArcVectors.crlf(String.valueOf(t.get("message"))));
                    String srvId = String.valueOf(t.get("srv-id"));
                    long ts = Long.parseLong(String.valueOf(t.get("t")));
                    ArcSealer.Builder builder = ArcSealer.builder(domain, sel, DkimKeys.readPrivateKey(pem))
                            .signedHeaders(Arrays.asList(String.valueOf(t.get("sig-headers")).split(":")))
                            .clock(Clock.fixed(Instant.ofEpochSecond(ts), ZoneOffset.UTC));
                    List<HeaderField> set = builder.build().seal(m, srvId, stampedStatus(m, srvId));
                    List<HeaderField> unfolded = builder.foldSignatureValues(false).build()
                            .seal(m, srvId, stampedStatus(m, srvId));
                    RUN.incrementAndGet();
                    String[] ex = exceptions.get("signing/" + name);
                    if (ex != null) {
                        EXCEPTED.incrementAndGet();
                    }
                    String as = String.valueOf(t.get("AS"));
                    if (as.isBlank()) {
                        assertThat(set).as("no set may be added").isEmpty();
                        return;
                    }
                    assertThat(set).hasSize(3);
                    assertThat(set.get(0).name()).isEqualTo("ARC-Seal");
                    assertThat(set.get(1).name()).isEqualTo("ARC-Message-Signature");
                    assertThat(set.get(2).name()).isEqualTo("ARC-Authentication-Results");
                    for (HeaderField f : set) {
                        for (String line : f.toString().split("\r\n")) {
                            assertThat(line.length()).as("folded at 78 columns: %s", line).isLessThanOrEqualTo(78);
                        }
                    }
                    assertThat(tagSet(set.get(2).value())).as("AAR").isEqualTo(tagSet(String.valueOf(t.get("AAR"))));
                    assertThat(tagSet(set.get(1).value())).as("AMS").isEqualTo(tagSet(String.valueOf(t.get("AMS"))));
                    if (ex != null) {
                        // Pinned deviation: every AS tag but b= matches; the expected b= is what our
                        // sealer produces when the AMS b= is written unbroken, as the generator did.
                        Set<String> ours = tagSet(set.get(0).value());
                        Set<String> theirs = tagSet(as);
                        ours.removeIf(x -> x.startsWith("b="));
                        theirs.removeIf(x -> x.startsWith("b="));
                        assertThat(ours).as("AS tags other than b=").isEqualTo(theirs);
                        assertThat(tagSet(set.get(0).value())).as("AS with folded AMS differs").isNotEqualTo(tagSet(as));
                        assertThat(tagSet(unfolded.get(0).value())).as("AS over an unbroken AMS b=").isEqualTo(tagSet(as));
                        assertThat(tagSet(unfolded.get(1).value())).as("AMS unbroken").isEqualTo(tagSet(String.valueOf(t.get("AMS"))));
                    } else {
                        assertThat(tagSet(set.get(0).value())).as("AS").isEqualTo(tagSet(as));
                    }
                    // Our own validator accepts what we sealed, unless the chain had failed.
                    ArcOutcome o = validator.validate(m.prepend(set)).join();
                    ArcResult want = set.get(0).value().contains("cv=fail") ? ArcResult.FAIL : ArcResult.PASS;
                    assertThat(o.result()).as("%s", o).isEqualTo(want);
                }));
            }
        }
        assertThat(tests).hasSize(17);
        return tests;
    }

    /** The arc= result in this authserv-id's Authentication-Results, or none (suite README). */
    static ArcResult stampedStatus(Message m, String srvId) {
        for (HeaderField h : m.headers("Authentication-Results")) {
            if (!AuthResultsText.authservId(h.value()).equals(srvId.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String r : AuthResultsText.results(h.value())) {
                if (r.toLowerCase(Locale.ROOT).startsWith("arc=")) {
                    String w = r.substring(4).split(" ")[0].toLowerCase(Locale.ROOT);
                    return w.equals("pass") ? ArcResult.PASS : w.equals("none") ? ArcResult.NONE : ArcResult.FAIL;
                }
            }
        }
        return ArcResult.NONE;
    }

    /** The upstream harness's comparison: whitespace removed, split on ';', as a set. */
    static Set<String> tagSet(String v) {
        return new HashSet<>(Arrays.asList(v.replaceAll("\\s", "").split(";")));
    }

    @AfterAll
    static void report() {
        System.out.println("ValiMail ARC signing: " + RUN.get() + " run, " + EXCEPTED.get() + " listed in arc-exceptions.tsv");
    }
}
