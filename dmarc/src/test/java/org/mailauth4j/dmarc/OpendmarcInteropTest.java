package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.TestData;

/**
 * Interop profile ({@code -Pinterop}): the scenario table against OpenDMARC 1.4.2 (RFC 7489 with
 * the Public Suffix List), run as {@code opendmarc -t} with a BIND {@code named} serving each
 * scenario's DNS as a root zone. Both run inside a private network and mount namespace
 * ({@code unshare -m -n}), so the loopback named clashes with nothing on the machine.
 *
 * <p>Supported scenarios: a plain Author Domain, no simulated DNS failure, and no SPF pass —
 * in test mode OpenDMARC has no envelope sender, so it never credits an SPF result taken from an
 * Authentication-Results field. DKIM results are given to it in a trusted Authentication-Results
 * field. Differences must be listed, with the RFC text that decides them, in
 * {@code interop/opendmarc-differences.tsv}; a difference written {@code (varies)} there depends on
 * the order of the records in a DNS answer and may or may not occur.
 */
class OpendmarcInteropTest {

    /** The unshare command that works here: as root, or in a user namespace otherwise; null if none. */
    static List<String> unshare() {
        for (List<String> cmd : List.of(List.of("unshare", "-m", "-n"), List.of("unshare", "-r", "-m", "-n"))) {
            try {
                List<String> probe = new ArrayList<>(cmd);
                probe.add("true");
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return cmd;
                }
            } catch (IOException | InterruptedException e) {
                // try the next form
            }
        }
        return null;
    }

    static boolean available() {
        for (String p : List.of("/usr/sbin/opendmarc", "/usr/sbin/named")) {
            if (!Files.isExecutable(Path.of(p))) {
                return false;
            }
        }
        return unshare() != null;
    }

    static boolean supported(Scenarios.Scenario s) {
        return s.from() != null && !"pass".equals(s.spf())
                && s.dns().stream().noneMatch(d -> d[0].equals("FAIL"));
    }

    private static String zoneText(String value) {
        StringBuilder sb = new StringBuilder();
        String v = value.replace("\\", "\\\\").replace("\"", "\\\"");
        for (int i = 0; i < v.length(); i += 200) {
            sb.append(" \"").append(v, i, Math.min(v.length(), i + 200)).append('"');
        }
        return sb.toString();
    }

    static String rootZone(Scenarios.Scenario s) {
        StringBuilder z = new StringBuilder("$TTL 300\n. IN SOA ns. hostmaster. 1 3600 600 86400 300\n"
                + ". IN NS ns.\nns. IN A 127.0.0.1\n");
        for (String[] d : s.dns()) {
            String name = d[1] + ".";
            switch (d[0]) {
                case "TXT" -> z.append(name).append(" IN TXT").append(zoneText(d[2])).append('\n');
                case "A", "AAAA" -> z.append(name).append(" IN ").append(d[0]).append(' ').append(d[2]).append('\n');
                case "MX" -> z.append(name).append(" IN MX ").append(d[2]).append(".\n");
                case "EXISTS" -> z.append(name).append(" IN HINFO \"x\" \"y\"\n");
                default -> throw new IllegalArgumentException(d[0]);
            }
        }
        return z.toString();
    }

    static String message(Scenarios.Scenario s) {
        StringBuilder ar = new StringBuilder("Authentication-Results: test.local");
        if (s.spf() != null) {
            ar.append(";\r\n spf=").append(s.spf()).append(" smtp.mailfrom=").append(s.spfDomain());
        }
        for (String[] d : s.dkim()) {
            ar.append(";\r\n dkim=").append(d[0]).append(" header.d=").append(d[1]);
        }
        if (s.spf() == null && s.dkim().isEmpty()) {
            ar.append("; none");
        }
        return ar + "\r\nFrom: user@" + s.from() + "\r\nTo: bob@receiver.example\r\nSubject: scenario " + s.id()
                + "\r\nMessage-ID: <" + s.id() + "@test.local>\r\n\r\nbody\r\n";
    }

    @Test
    void scenariosAgainstOpendmarc() throws Exception {
        TestData.requireProgram("opendmarc + named + unshare (private network namespace)", available());
        Path dir = Files.createTempDirectory("opendmarc-interop");
        Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
        Files.writeString(dir.resolve("odm.conf"), "AuthservID test.local\nTrustedAuthservIDs test.local\n"
                + "PublicSuffixList /usr/share/publicsuffix/public_suffix_list.dat\n");
        List<Scenarios.Scenario> cases = new ArrayList<>();
        StringBuilder script = new StringBuilder("set -u\nip link set lo up\n"
                + "mount --bind \"$D/resolv.conf\" /etc/resolv.conf\n");
        for (Scenarios.Scenario s : Scenarios.load()) {
            if (!supported(s)) {
                continue;
            }
            int n = cases.size();
            cases.add(s);
            Path sd = dir.resolve("s" + n);
            Files.createDirectories(sd);
            Files.writeString(sd.resolve("root.zone"), rootZone(s), StandardCharsets.UTF_8);
            Files.writeString(sd.resolve("msg.eml"), message(s), StandardCharsets.UTF_8);
            Files.writeString(sd.resolve("named.conf"), "options { directory \"" + sd + "\"; pid-file \"" + sd
                    + "/named.pid\"; listen-on port 53 { 127.0.0.1; }; listen-on-v6 { none; }; recursion no;"
                    + " dnssec-validation no; };\nzone \".\" { type primary; file \"" + sd + "/root.zone\"; };\n"
                    + "controls { };\n");
            script.append("S=\"$D/s").append(n).append("\"\n")
                    .append("named -u root -c \"$S/named.conf\" -g > \"$S/named.log\" 2>&1 &\nNP=$!\n")
                    .append("for i in $(seq 1 100); do dig +short +time=1 +tries=1 @127.0.0.1 ns. A 2>/dev/null"
                            + " | grep -qx 127.0.0.1 && break; sleep 0.1; done\n")
                    .append("R=$(cd \"$D\" && timeout 30 opendmarc -c odm.conf -t \"$S/msg.eml\" -v -v 2>&1"
                            + " | grep INSHEADER | grep dmarc= | head -1)\n")
                    .append("printf '%s\\t%s\\n' '").append(s.id()).append("' \"$R\"\n")
                    .append("kill $NP; wait $NP 2>/dev/null\n")
                    .append("for i in $(seq 1 100); do dig +short +time=1 +tries=1 @127.0.0.1 ns. A >/dev/null 2>&1"
                            + " || break; sleep 0.1; done\n");
        }
        Files.writeString(dir.resolve("run.sh"), script);
        List<String> command = new ArrayList<>(unshare());
        command.add("sh");
        command.add(dir.resolve("run.sh").toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("D", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("interop script failed: %s", err).isZero();

        Map<String, String> theirs = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", 2);
            if (f.length == 2) {
                theirs.put(f[0], f[1]);
            }
        }
        Map<String, String> documented = DocumentedDifferences.load("opendmarc-differences.tsv");
        List<String> undocumented = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int agree = 0;
        int varies = 0;
        for (Scenarios.Scenario s : cases) {
            String header = theirs.getOrDefault(s.id(), "");
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("dmarc=(\\w+)(?: \\(p=(\\w+))?").matcher(header);
            String theirResult = m.find() ? m.group(1) : "(no result)";
            String theirPolicy = m.group(2) == null ? "-" : m.group(2);
            Scenarios.Scenario as7489 = new Scenarios.Scenario(s.id(), s.rfc(), DmarcMode.RFC7489, s.dns(), s.from(),
                    s.headers(), s.spf(), s.spfDomain(), s.helo(), s.dkim(), s.expectResult(), s.expect());
            DmarcOutcome ours = DmarcScenarioTest.evaluate(as7489);
            String ourPolicy = ours.policy() == null ? "-" : ours.policy().word();
            List<String> diffs = new ArrayList<>();
            if (!ours.result().word().equals(theirResult)) {
                diffs.add("result " + ours.result().word() + " vs " + theirResult);
            } else if ((theirResult.equals("pass") || theirResult.equals("fail")) && !ourPolicy.equals(theirPolicy)) {
                diffs.add("policy " + ourPolicy + " vs " + theirPolicy);
            }
            if (diffs.isEmpty()) {
                agree++;
                continue;
            }
            if (documented.containsKey(s.id() + "\t(varies)")) {
                varies++; // documented as depending on the order of the DNS answer
                continue;
            }
            String key = s.id() + "\t" + String.join("; ", diffs);
            seen.add(key);
            if (!documented.containsKey(key)) {
                undocumented.add(key + "\t[" + header + "]");
            }
        }
        List<String> stale = new ArrayList<>(documented.keySet());
        stale.removeAll(seen);
        stale.removeIf(k -> k.endsWith("\t(varies)"));
        System.out.printf("OpenDMARC interop: %d scenarios, %d agree, %d documented differences, %d order-dependent%n",
                cases.size(), agree, seen.size(), varies);
        assertThat(theirs).as("one answer per scenario; stderr: %s", err).hasSize(cases.size());
        assertThat(undocumented).as("differences not in opendmarc-differences.tsv").isEmpty();
        assertThat(stale).as("documented differences that no longer occur").isEmpty();
    }

}
