package org.mailauth4j.testvectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.testing.TestData;

/**
 * The ValiMail ARC validation suite (PROVENANCE.md §2): 171 tests (last duplicate key wins), each
 * a message with LF endings turned into CRLF, the scenario's TXT records, and the expected chain
 * status {@code cv}, lower-cased; an empty {@code cv} (a seal says cv=fail) means fail.
 */
final class ValiMailArcSuite {
    /** One validation test. */
    record Case(String scenario, String name, String expected, ZoneResolver dns, byte[] message) {
        @Override
        public String toString() {
            return scenario + " / " + name;
        }
    }

    private ValiMailArcSuite() {
    }

    @SuppressWarnings("unchecked")
    static List<Case> load() throws IOException {
        Path file = TestData.vector("arc/valimail/arc-draft-validation-tests.yml");
        List<Case> out = new ArrayList<>();
        for (Map<String, Object> scenario : VectorFiles.yamlDocuments(file)) {
            ZoneResolver.Builder b = ZoneResolver.builder();
            if (scenario.get("txt-records") instanceof Map<?, ?> records) {
                records.forEach((name, value) -> b.txt(String.valueOf(name),
                        String.valueOf(value).replace("\n", "").trim())); // YAML folds long records
            }
            ZoneResolver dns = b.build();
            String description = String.valueOf(scenario.get("description"));
            for (Map.Entry<String, Object> e : ((Map<String, Object>) scenario.get("tests")).entrySet()) {
                Map<String, Object> t = (Map<String, Object>) e.getValue();
                String cv = t.get("cv") == null ? "" : String.valueOf(t.get("cv")).toLowerCase(Locale.ROOT);
                out.add(new Case(description, e.getKey(), cv.isEmpty() ? "fail" : cv, dns,
                        VectorFiles.crlf(String.valueOf(t.get("message")))));
            }
        }
        return out;
    }

    /**
     * The arc module's exceptions for this suite ({@code arc/src/test/resources/arc-exceptions.tsv},
     * rows {@code validation TAB test TAB suite_expects TAB we_give TAB justification}): test → we_give.
     */
    static Map<String, String> moduleExceptions() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(VectorFiles.sibling("arc/src/test/resources/arc-exceptions.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            if (c[0].equals("validation")) {
                out.put(c[1], c[3]);
            }
        }
        return out;
    }
}
