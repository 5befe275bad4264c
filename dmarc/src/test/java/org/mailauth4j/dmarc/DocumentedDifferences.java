package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checked-in list of known disagreements with an interop peer: one line per difference,
 * {@code id TAB difference TAB justification}, the justification citing the RFC that decides it;
 * {@code #} lines are comments.
 */
final class DocumentedDifferences {
    private DocumentedDifferences() {
    }

    /** Loads {@code interop/<name>} from the test resources; keys are {@code id TAB difference}. */
    static Map<String, String> load(String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = DocumentedDifferences.class.getResourceAsStream("interop/" + name)) {
            assertThat(in).as("test resource interop/%s", name).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                assertThat(f).as("three tab-separated columns: %s", line).hasSize(3);
                assertThat(f[2]).as("justification cites an RFC: %s", line).containsPattern("RFC \\d+");
                out.put(f[0] + "\t" + f[1], f[2]);
            }
        }
        return out;
    }
}
