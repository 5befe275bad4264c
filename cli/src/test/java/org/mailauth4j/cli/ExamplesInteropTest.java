package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailauth4j.testing.TestData;

/**
 * The example archive checked by an independent implementation, dkimpy (python3-dkim): every
 * DKIM signature and the ARC chain must get the same verdict from both. Runs with -Pinterop.
 */
class ExamplesInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean dkimpyPresent() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import dkim").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** node_modules holding mailauth: the repository's .peers (CI) or the machine's peer folder. */
    static Path mailauthModules() {
        for (Path p : new Path[] {Examples.root().resolve(".peers/node_modules"), Path.of("/tmp/peers/npm/node_modules")}) {
            if (Files.isDirectory(p.resolve("mailauth"))) {
                return p;
            }
        }
        return null;
    }

    /**
     * mailauth (npm) authenticates the archive with an envelope whose SPF fails and does not
     * align, so DMARC rests on DKIM: the DMARC result and policy and the ARC result must agree.
     * DKIM is compared as pass / not pass: mailauth words a changed body or an expired signature
     * "neutral" where RFC 6376 §6.1 and §3.5 (and dkimpy, Mail::DKIM, OpenDKIM) say fail — a
     * known disagreement listed in the peers' INTEROP.md — and writes "none" for no signature.
     */
    @Test
    void mailauthAgreesOnDmarcArcAndWhichSignaturesPass(@TempDir Path tmp) throws Exception {
        Path modules = mailauthModules();
        TestData.requireProgram("mailauth (npm) and node", modules != null && new java.io.File("/usr/bin/node").canExecute());
        Path script = tmp.resolve("mailauth_examples.js");
        try (InputStream in = getClass().getResourceAsStream("mailauth_examples.js")) {
            Files.copy(in, script);
        }
        String[] envelope = {"203.0.113.7", "mail.attacker.example", "bounce@forwarder.example.net"};
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/node", script.toString(), modules.toString(),
                Examples.dir().resolve("dns.zone").toString()));
        cmd.addAll(List.of(envelope));
        try (Stream<Path> s = Files.list(Examples.dir().resolve("messages"))) {
            s.sorted().forEach(p -> cmd.add(p.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode peer = JSON.readTree(out);

        Cli ours = Cli.run("verify", "--json", "--dns", Examples.dir().resolve("dns.zone").toString(), "--ip", envelope[0],
                "--helo", envelope[1], "--mail-from", envelope[2], Examples.dir().resolve("messages").toString());
        int compared = 0;
        for (String line : ours.lines()) {
            JsonNode r = JSON.readTree(line);
            String file = Path.of(r.get("file").asText()).getFileName().toString();
            JsonNode theirs = peer.get(file);
            assertThat(theirs).as(file).isNotNull();
            assertThat(r.at("/spf/result").asText()).as(file + " spf").isEqualTo("fail");
            assertThat(r.at("/dmarc/result").asText()).as(file + " dmarc").isEqualTo(theirs.get("dmarc").asText());
            assertThat(r.at("/dmarc/policy").asText()).as(file + " policy").isEqualTo(theirs.get("policy").asText());
            assertThat(r.at("/arc/result").asText()).as(file + " arc").isEqualTo(theirs.get("arc").asText());
            List<Boolean> oursPass = new ArrayList<>();
            r.get("dkim").elements().forEachRemaining(n -> oursPass.add(n.get("result").asText().equals("pass")));
            List<Boolean> theirsPass = new ArrayList<>();
            theirs.get("dkim").elements().forEachRemaining(n -> {
                if (!n.asText().equals("none")) {
                    theirsPass.add(n.asText().equals("pass"));
                }
            });
            assertThat(oursPass).as(file + " dkim pass/not pass").isEqualTo(theirsPass);
            compared++;
        }
        assertThat(compared).isEqualTo(6);
    }

    @Test
    void dkimpyAgreesOnEverySignatureAndChain(@TempDir Path tmp) throws Exception {
        TestData.requireProgram("dkimpy (python3-dkim)", dkimpyPresent());
        Path script = tmp.resolve("dkimpy_examples.py");
        try (InputStream in = getClass().getResourceAsStream("dkimpy_examples.py")) {
            Files.copy(in, script);
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), Examples.dir().resolve("keys").toString()));
        try (Stream<Path> s = Files.list(Examples.dir().resolve("messages"))) {
            s.sorted().forEach(p -> cmd.add(p.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode peer = JSON.readTree(out);

        // dkimpy checks x= against the real clock, so compare at the real clock too.
        Cli ours = Cli.run("verify", "--json", "--dns", Examples.dir().resolve("dns.zone").toString(),
                Examples.dir().resolve("messages").toString());
        int compared = 0;
        for (String line : ours.lines()) {
            JsonNode r = JSON.readTree(line);
            String file = Path.of(r.get("file").asText()).getFileName().toString();
            JsonNode theirs = peer.get(file);
            assertThat(theirs).as(file).isNotNull();
            List<String> dkim = new ArrayList<>();
            for (Iterator<JsonNode> it = r.get("dkim").elements(); it.hasNext();) {
                dkim.add(it.next().get("result").asText());
            }
            List<String> peerDkim = new ArrayList<>();
            theirs.get("dkim").elements().forEachRemaining(n -> peerDkim.add(n.asText()));
            assertThat(dkim).as(file + " dkim").isEqualTo(peerDkim);
            assertThat(r.at("/arc/result").asText()).as(file + " arc").isEqualTo(theirs.get("arc").asText());
            compared++;
        }
        assertThat(compared).isEqualTo(6);
    }
}
