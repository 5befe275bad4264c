package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.TestData;

/**
 * Interop profile ({@code -Pinterop}): the scenario table against mailauth 4.13.3 (node), which
 * implements RFC 7489 with the Public Suffix List, so this implementation runs in RFC 7489 mode.
 * Every scenario with a plain Author Domain is fed to one node process; result and policy are
 * compared. Each difference must be listed, with the RFC text that decides it, in
 * {@code interop/mailauth-differences.tsv}; an undocumented difference, or a documented one that
 * no longer occurs, fails the test.
 */
class MailauthInteropTest {

    static Path mailauthModules() {
        for (String p : List.of("../.peers/node_modules", "/tmp/peers/npm/node_modules")) {
            Path dir = Paths.get(p);
            if (Files.isDirectory(dir.resolve("mailauth"))) {
                return dir.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    static boolean nodePresent() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String jsonList(List<String> l) {
        List<String> q = new ArrayList<>();
        for (String s : l) {
            q.add(json(s));
        }
        return "[" + String.join(",", q) + "]";
    }

    @Test
    void scenariosAgainstMailauth() throws Exception {
        Path modules = mailauthModules();
        TestData.requireProgram("mailauth (node) in .peers/node_modules or /tmp/peers/npm/node_modules",
                modules != null && nodePresent());

        List<Scenarios.Scenario> supported = new ArrayList<>();
        StringBuilder batch = new StringBuilder("[");
        for (Scenarios.Scenario s : Scenarios.load()) {
            if (s.from() == null) {
                continue; // From-field parsing scenarios: mailauth's parser is not under test
            }
            supported.add(s);
            Map<String, List<String>> zone = new TreeMap<>();
            List<String> fail = new ArrayList<>();
            for (String[] d : s.dns()) {
                String name = d[1].toLowerCase(Locale.ROOT);
                switch (d[0]) {
                    case "TXT", "A", "AAAA", "MX" -> zone.computeIfAbsent(name + "|" + d[0], k -> new ArrayList<>())
                            .add(d[2]);
                    case "FAIL" -> fail.add(name + "|" + (d[2] == null ? "*" : d[2]));
                    default -> {
                    }
                }
            }
            List<String> spf = new ArrayList<>();
            if ("pass".equals(s.spf())) {
                spf.add(s.spfDomain());
            }
            List<String> dkim = new ArrayList<>();
            for (String[] d : s.dkim()) {
                if (d[0].equals("pass")) {
                    dkim.add(d[1]);
                }
            }
            StringBuilder z = new StringBuilder("{");
            for (Map.Entry<String, List<String>> e : zone.entrySet()) {
                if (z.length() > 1) {
                    z.append(',');
                }
                z.append(json(e.getKey())).append(':').append(jsonList(e.getValue()));
            }
            z.append('}');
            if (batch.length() > 1) {
                batch.append(",\n");
            }
            batch.append("{\"id\":").append(json(s.id())).append(",\"zone\":").append(z).append(",\"fail\":")
                    .append(jsonList(fail)).append(",\"headerFrom\":").append(json("user@" + s.from()))
                    .append(",\"spf\":").append(jsonList(spf)).append(",\"dkim\":").append(jsonList(dkim))
                    .append('}');
        }
        batch.append("]");

        Path dir = Files.createTempDirectory("mailauth-dmarc");
        Path batchFile = dir.resolve("batch.json");
        Files.writeString(batchFile, batch, StandardCharsets.UTF_8);
        Path script = dir.resolve("mailauth_dmarc.js");
        try (InputStream in = getClass().getResourceAsStream("interop/mailauth_dmarc.js")) {
            Files.copy(in, script);
        }
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), batchFile.toString());
        pb.environment().put("NODE_PATH", modules.toString());
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("node failed: %s", err).isZero();

        Map<String, String[]> theirs = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split("\t", -1);
                theirs.put(f[0], f);
            }
        }
        assertThat(theirs).hasSize(supported.size());

        Map<String, String> documented = DocumentedDifferences.load("mailauth-differences.tsv");
        List<String> undocumented = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int agree = 0;
        for (Scenarios.Scenario s : supported) {
            Scenarios.Scenario as7489 = new Scenarios.Scenario(s.id(), s.rfc(), DmarcMode.RFC7489, s.dns(), s.from(),
                    s.headers(), s.spf(), s.spfDomain(), s.helo(), s.dkim(), s.expectResult(), s.expect());
            DmarcOutcome ours = DmarcScenarioTest.evaluate(as7489);
            String[] t = theirs.get(s.id());
            String ourResult = ours.result().word();
            String theirResult = t[1].equals("false") ? "none" : t[1];
            String ourPolicy = ours.policy() == null ? "-" : ours.policy().word();
            String theirPolicy = theirResult.equals("pass") || theirResult.equals("fail") ? t[2] : "-";
            List<String> diffs = new ArrayList<>();
            if (!ourResult.equals(theirResult)) {
                diffs.add("result " + ourResult + " vs " + theirResult);
            }
            if ((ourResult.equals("fail") || ourResult.equals("pass")) && ourResult.equals(theirResult)
                    && !ourPolicy.equals(theirPolicy)) {
                diffs.add("policy " + ourPolicy + " vs " + theirPolicy);
            }
            if (diffs.isEmpty()) {
                agree++;
                continue;
            }
            String key = s.id() + "\t" + String.join("; ", diffs);
            seen.add(key);
            if (!documented.containsKey(key)) {
                undocumented.add(key);
            }
        }
        List<String> stale = new ArrayList<>(documented.keySet());
        stale.removeAll(seen);
        System.out.printf("mailauth interop: %d scenarios, %d agree, %d documented differences%n",
                supported.size(), agree, seen.size());
        assertThat(undocumented).as("differences not in mailauth-differences.tsv").isEmpty();
        assertThat(stale).as("documented differences that no longer occur").isEmpty();
        assertThat(agree).isGreaterThan(supported.size() / 2);
    }

}
