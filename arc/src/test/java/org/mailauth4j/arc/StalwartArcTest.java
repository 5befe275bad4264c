package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testing.TestData;

/**
 * The stalwart mail-auth ARC message (PROVENANCE.md §3): a 2-hop chain, i=1 sealed with
 * ed25519-sha256, i=2 with rsa-sha256; expected.tsv says {@code arc=pass (i=2, cv=pass)}.
 */
class StalwartArcTest {

    static Message message(Path file, ZoneResolver.Builder dns) throws Exception {
        String all = Files.readString(file, StandardCharsets.UTF_8);
        int split = all.indexOf("\n\n");
        for (String line : all.substring(0, split).split("\n")) {
            int sp = line.indexOf(' ');
            dns.txt(line.substring(0, sp), line.substring(sp + 1));
        }
        return Message.parse(ArcVectors.crlf(all.substring(split + 2)));
    }

    @Test
    void twoHopChainWithEd25519Passes() throws Exception {
        Path dir = TestData.vector("arc/stalwart");
        List<String> expected = Files.readAllLines(dir.resolve("expected.tsv"));
        assertThat(expected).anyMatch(l -> l.startsWith("002.txt\tARC\t") && l.contains("arc=pass (i=2, cv=pass)"));
        ZoneResolver.Builder dns = ZoneResolver.builder();
        Message m = message(dir.resolve("002.txt"), dns);
        ArcOutcome o = ArcValidator.builder(dns.build()).oldestPass(true).build().validate(m).join();
        assertThat(o.result()).as("%s", o).isEqualTo(ArcResult.PASS);
        assertThat(o.instances()).isEqualTo(2);
        assertThat(o.nextCv()).isEqualTo(ArcResult.PASS);
        assertThat(o.oldestPass()).hasValue(0);
    }

    @Test
    void alteredBodyFails() throws Exception {
        Path dir = TestData.vector("arc/stalwart");
        ZoneResolver.Builder dns = ZoneResolver.builder();
        Message m = message(dir.resolve("002.txt"), dns);
        byte[] body = m.body();
        byte[] changed = new byte[body.length + 3];
        System.arraycopy(body, 0, changed, 0, body.length);
        changed[body.length] = 'x';
        changed[body.length + 1] = '\r';
        changed[body.length + 2] = '\n';
        ArcOutcome o = ArcValidator.builder(dns.build()).build().validate(Message.of(m.headers(), changed)).join();
        assertThat(o.result()).isEqualTo(ArcResult.FAIL);
        assertThat(o.failedInstance()).isEqualTo(2);
        assertThat(o.reason()).contains("ARC-Message-Signature i=2").contains("body hash");
    }
}
