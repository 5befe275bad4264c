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
