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
import org.mailauth4j.core.message.MessageParser;
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
            ArcValidator withOldestPass = ArcValidator.builder(dns).oldestPass(true).build();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> cases = (Map<String, Map<String, Object>>) scenario.get("tests");
            for (Map.Entry<String, Map<String, Object>> e : cases.entrySet()) {
                String name = e.getKey();
                Map<String, Object> t = e.getValue();
                tests.add(DynamicTest.dynamicTest(scenario.get("description") + " / " + name, () -> {
                    String cv = String.valueOf(t.get("cv")).toLowerCase(Locale.ROOT);
                    String expected = cv.isEmpty() ? "fail" : cv;
                    byte[] raw = ArcVectors.crlf(String.valueOf(t.get("message")));
                    Message m = Message.parse(raw);
                    ArcOutcome o = validator.validate(m).join();
                    // The same verdict streamed in 7-byte chunks, and with oldest-pass computed.
                    ArcValidator.Session s = withOldestPass.newSession();
                    MessageParser p = new MessageParser(s);
                    for (int off = 0; off < raw.length; off += 7) {
                        p.feed(raw, off, Math.min(7, raw.length - off));
                    }
                    p.finish();
                    ArcOutcome streamed = s.result().join();
                    assertThat(streamed.result()).as("streamed: %s", streamed).isEqualTo(o.result());
                    assertThat(streamed.oldestPass().isPresent()).isEqualTo(o.result() == ArcResult.PASS);
                    if (name.equals("cv_pass_i2_1_ams1_invalid")) {
                        // The suite says "ams(1) no longer valid": the oldest AMS that validates is 2.
                        assertThat(streamed.oldestPass()).hasValue(2);
                    }
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
