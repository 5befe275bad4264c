package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testing.TestData;

/**
 * The ValiMail ARC validation suite (171 tests, PROVENANCE.md §2): our chain status, lower-cased,
 * must equal {@code cv}; an empty {@code cv} means fail. Deviations are pinned in
 * {@code arc-exceptions.tsv} (suite {@code validation}).
 */
class ValiMailValidationTest {
    static final AtomicInteger RUN = new AtomicInteger();
    static final AtomicInteger EXCEPTED = new AtomicInteger();

    @TestFactory
    List<DynamicTest> validationSuite() throws Exception {
        Path file = TestData.vector("arc/valimail/arc-draft-validation-tests.yml");
        Map<String, String[]> exceptions = ArcVectors.exceptions();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> scenario : ArcVectors.scenarios(file)) {
            ZoneResolver dns = ArcVectors.zone(scenario);
            ArcValidator validator = ArcValidator.builder(dns).build();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> cases = (Map<String, Map<String, Object>>) scenario.get("tests");
            for (Map.Entry<String, Map<String, Object>> e : cases.entrySet()) {
                String name = e.getKey();
                Map<String, Object> t = e.getValue();
                tests.add(DynamicTest.dynamicTest(scenario.get("description") + " / " + name, () -> {
                    String cv = String.valueOf(t.get("cv")).toLowerCase(Locale.ROOT);
                    String expected = cv.isEmpty() ? "fail" : cv;
                    Message m = Message.parse(ArcVectors.crlf(String.valueOf(t.get("message"))));
                    ArcOutcome o = validator.validate(m).join();
                    RUN.incrementAndGet();
                    String[] ex = exceptions.get("validation/" + name);
                    if (ex != null) {
                        EXCEPTED.incrementAndGet();
                        assertThat(expected).as("exceptions file: suite's expected value").isEqualTo(ex[2]);
                        assertThat(o.result().word()).as("exceptions file: our pinned value; %s", o).isEqualTo(ex[3]);
                    } else {
                        assertThat(o.result().word()).as("%s: %s", name, o).isEqualTo(expected);
                    }
                }));
            }
        }
        assertThat(tests).hasSize(171);
        return tests;
    }

    @AfterAll
    static void report() {
        System.out.println("ValiMail ARC validation: " + RUN.get() + " run, " + EXCEPTED.get() + " listed in arc-exceptions.tsv");
    }
}
