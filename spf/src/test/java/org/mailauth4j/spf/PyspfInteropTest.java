package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailauth4j.testing.TestData;

/**
 * Differential test against pyspf 2.0.14 (Debian python3-spf, see ../shared/peers/INTEROP.md):
 * a few hundred random scenarios ({@link RandomPolicies}, fixed seed) are evaluated by pyspf in one
 * Python process and by {@link SpfEvaluator}; results must agree, and for fail the explanations
 * too. Every disagreement must be listed in {@code interop/pyspf-disagreements.tsv} with the RFC
 * text deciding it (explained in {@code interop/PYSPF-DISAGREEMENTS.md}); a listed case that
 * agrees again, or an unlisted disagreement, fails the test. Runs only with {@code -Pinterop}.
 */
class PyspfInteropTest {
    static final long SEED = 7208;
    static final int CASES = 400;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void agreesWithPyspf(@TempDir Path dir) throws Exception {
        TestData.requireProgram("pyspf (python3-spf)", pyspfPresent());
        List<RandomPolicies.Scenario> cases = RandomPolicies.generate(SEED, CASES);
        Path in = dir.resolve("cases.json");
        Files.writeString(in, json(cases), StandardCharsets.UTF_8);
        Path script = dir.resolve("pyspf_batch.py");
        try (InputStream s = getClass().getResourceAsStream("/interop/pyspf_batch.py")) {
            Files.write(script, s.readAllBytes());
        }
        Path out = dir.resolve("out.tsv");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("pyspf finished").isTrue();
        assertThat(p.exitValue()).as("pyspf exit status; log: " + Files.readString(dir.resolve("log.txt"))).isZero();
        Map<String, String[]> theirs = new TreeMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] cols = line.split("\t", 3);
            theirs.put(cols[0], cols);
        }
        assertThat(theirs).hasSize(CASES);

        Map<String, String> disagreements = new TreeMap<>();
        int agreed = 0;
        List<String> details = new ArrayList<>();
        for (RandomPolicies.Scenario c : cases) {
            SpfEvaluator spf = SpfEvaluator.builder().resolver(c.resolver()).receiver("mx.example.org")
                    .defaultExplanation("DEFAULT").timeout(Duration.ofSeconds(10)).build();
            SpfOutcome o = spf.check(RandomPolicies.parse(c.ip()), c.helo(), c.sender()).get(10, TimeUnit.SECONDS);
            String[] t = theirs.get(c.id());
            String pyResult = t[1];
            boolean same = o.result().word().equals(pyResult)
                    && (o.result() != SpfResult.FAIL || String.valueOf(o.explanation()).equals(t.length > 2 ? t[2] : ""));
            if (same) {
                agreed++;
            } else {
                disagreements.put(c.id(), o.result().word() + "\t" + pyResult);
                details.add(c.id() + ": ours " + o.result().word() + " [" + o.explanation() + "] pyspf " + pyResult
                        + " [" + (t.length > 2 ? t[2] : "") + "]\n  zone " + c.zone() + "\n  ip " + c.ip()
                        + " sender " + c.sender() + "\n" + o.traceText());
            }
        }
        Map<String, String> documented = documented();
        System.out.println("pyspf differential: " + agreed + "/" + CASES + " agree, " + disagreements.size()
                + " disagree (" + documented.size() + " documented)");
        assertThat(disagreements).as("disagreements with pyspf (update interop/pyspf-disagreements.tsv only with "
                + "the RFC text deciding each):\n" + String.join("\n", details)).isEqualTo(documented);
    }

    private static boolean pyspfPresent() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import spf").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** id → "ours TAB pyspf" from the checked-in list. */
    private static Map<String, String> documented() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = PyspfInteropTest.class.getResourceAsStream("/interop/pyspf-disagreements.tsv")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                out.put(cols[0], cols[1] + "\t" + cols[2]);
            }
        }
        return out;
    }

    private static String json(List<RandomPolicies.Scenario> cases) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int k = 0; k < cases.size(); k++) {
            RandomPolicies.Scenario c = cases.get(k);
            sb.append("{\"id\":").append(str(c.id())).append(",\"ip\":").append(str(c.ip()))
                    .append(",\"sender\":").append(str(c.sender())).append(",\"helo\":").append(str(c.helo()))
                    .append(",\"zone\":[");
            for (int z = 0; z < c.zone().size(); z++) {
                RandomPolicies.Rr r = c.zone().get(z);
                sb.append(z == 0 ? "" : ",").append('[').append(str(r.name())).append(',').append(str(r.type()))
                        .append(',').append(str(r.value())).append(']');
            }
            sb.append("]}").append(k + 1 < cases.size() ? ",\n" : "\n");
        }
        return sb.append("]\n").toString();
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
