package org.mailauth4j.core.ar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.TestData;

/**
 * Interop with the independent Python {@code authres} module (Debian python3-authres): fields we
 * format are parsed by authres to the same values, and fields authres formats are parsed by our
 * strict parser to the values authres built them from. Runs only with {@code -Pinterop}.
 */
class AuthenticationResultsInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static Path peerScript() throws Exception {
        return Paths.get(AuthenticationResultsInteropTest.class.getResource("/ar/authres_peer.py").toURI());
    }

    private static boolean authresInstalled() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import authres, authres.dmarc").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<String> runPeer(String mode, String input) throws Exception {
        Process p = new ProcessBuilder(PYTHON, peerScript().toString(), mode).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("peer exit status").isZero();
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return lines;
    }

    /** The canonical JSON the peer script prints, written from our model. */
    static String canonical(AuthenticationResults ar) {
        StringBuilder sb = new StringBuilder("[").append(json(ar.authservId())).append(',').append(ar.version()).append(",[");
        for (int i = 0; i < ar.results().size(); i++) {
            ResInfo r = ar.results().get(i);
            sb.append(i > 0 ? "," : "").append('[').append(json(r.method())).append(',').append(r.version()).append(',')
                    .append(json(r.result())).append(',').append(json(r.reason())).append(",[");
            for (int k = 0; k < r.properties().size(); k++) {
                ResInfo.Property p = r.properties().get(k);
                sb.append(k > 0 ? "," : "").append('[').append(json(p.type())).append(',').append(json(p.name())).append(',')
                        .append(json(p.value())).append(']');
            }
            sb.append("]]");
        }
        return sb.append("]]").toString();
    }

    /** A JSON string as Python's json.dumps(ensure_ascii=True) writes it. */
    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    private static ResInfo.Property p(String t, String n, String v) {
        return new ResInfo.Property(t, n, v);
    }

    @Test
    void authresParsesWhatWeFormat() throws Exception {
        TestData.requireProgram("python3-authres", Files.isExecutable(Paths.get(PYTHON)) && authresInstalled());
        List<AuthenticationResults> ours = List.of(
                new AuthenticationResults("mx.example.org", List.of(new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "sender@example.com"))))),
                new AuthenticationResults("mx.example.org", 1, List.of()),
                new AuthenticationResults("mail-router.example.net", List.of(
                        new ResInfo("spf", "softfail", null, List.of(p("smtp", "mailfrom", "bounces+123@lists.example.com"), p("smtp", "helo", "out.example.com"))),
                        new ResInfo("dkim", 1, "pass", "signature verified by a rather long explanation that must be folded inside its quotes",
                                List.of(p("header", "d", "example.com"), p("header", "i", "@example.com"), p("header", "s", "sel-2024"),
                                        p("header", "b", "Ab+/cD=="))),
                        new ResInfo("dmarc", "fail", null, List.of(p("header", "from", "example.com"), p("policy", "dmarc", "reject"))),
                        new ResInfo("iprev", "pass", null, List.of(p("policy", "iprev", "192.0.2.200"))),
                        new ResInfo("auth", "pass", null, List.of(p("smtp", "auth", "user@example.net"))))));
        StringBuilder in = new StringBuilder();
        for (AuthenticationResults ar : ours) {
            in.append(Base64.getEncoder().encodeToString(ar.toHeaderField().toString().getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        List<String> theirs = runPeer("parse", in.toString());
        assertThat(theirs).hasSize(ours.size());
        for (int i = 0; i < ours.size(); i++) {
            assertThat(theirs.get(i)).as(ours.get(i).toHeaderField().toString()).isEqualTo(canonical(ours.get(i)));
        }
    }

    @Test
    void weParseStrictlyWhatAuthresFormats() throws Exception {
        TestData.requireProgram("python3-authres", Files.isExecutable(Paths.get(PYTHON)) && authresInstalled());
        List<String> lines = runPeer("format", "");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (String line : lines) {
            String[] parts = line.split("\t", 2);
            String field = new String(Base64.getDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            String value = field.substring(field.indexOf(':') + 1);
            assertThat(canonical(AuthenticationResults.parseStrict(value))).as(field).isEqualTo(parts[1]);
            assertThat(canonical(AuthenticationResults.parse(value))).as(field).isEqualTo(parts[1]);
        }
    }
}
