package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.TestData;

/** The "name TXT-value" line format of the DKIM vectors ({@code FAKE_DNS.dat}, {@code dns.txt}). */
class TxtLinesTest {

    /** Every data line of a vector file, read independently of the loader: [name, value]. */
    private static List<String[]> dataLines(Path f) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(f)) {
            String t = l.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] p = t.split("\\s+", 2);
            out.add(new String[] {p[0], p[1].trim()});
        }
        return out;
    }

    @Test
    void mailDkimFakeDns() throws IOException {
        Path f = TestData.vector("dkim/mail-dkim/FAKE_DNS.dat");
        ZoneResolver z = ZoneResolver.builder().txtLines(f).build();
        assertThat(z.answer("nonexistent._domainkey.messiah.edu", RecordType.TXT).status())
                .isEqualTo(DnsAnswer.Status.NXDOMAIN);
        assertThat(z.answer("test3._domainkey.blackhole.messiah.edu", RecordType.TXT))
                .isEqualTo(DnsAnswer.tempFail("TIMEOUT"));
        assertThat(z.answer("test3._domainkey.blackhole2.messiah.edu", RecordType.TXT))
                .isEqualTo(DnsAnswer.tempFail("SERVFAIL"));
        assertThat(z.answer("2023-05-ed25519-empty._domainkey.wander.science", RecordType.TXT).records())
                .containsExactly("");
        assertThat(z.answer("testrevoked._domainkey.messiah.edu", RecordType.TXT).records())
                .containsExactly("k=rsa; t=y; p=");
        assertThat(z.answer("2023-05-ed25519._domainkey.wander.science", RecordType.TXT).records())
                .containsExactly("v=DKIM1; k=ed25519; p=pP+YUyRjAvKha4Oc49KAY703oLUS1NLMEuGD3IHMKww=");
        assertThat(z.answer("unlisted._domainkey.messiah.edu", RecordType.TXT).status())
                .isEqualTo(DnsAnswer.Status.NXDOMAIN);
        int checked = 0;
        for (String[] l : dataLines(f)) {
            if (l[1].equals("NXDOMAIN") || l[1].startsWith("~~") || l[1].equals("\"\"")) {
                continue;
            }
            assertThat(z.answer(l[0], RecordType.TXT).records()).as(l[0]).containsExactly(l[1]);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void derivedDnsTxtFiles() throws IOException {
        for (String v : List.of("dkim/dkim-verifier/dns.txt", "dkim/dkimpy/dns.txt")) {
            Path f = TestData.vector(v);
            ZoneResolver z = ZoneResolver.builder().txtLines(f).build();
            List<String[]> lines = dataLines(f);
            assertThat(lines).isNotEmpty();
            for (String[] l : lines) {
                assertThat(z.answer(l[0], RecordType.TXT).records()).as(v + " " + l[0]).containsExactly(l[1]);
            }
        }
        ZoneResolver z = ZoneResolver.builder().txtLines(TestData.vector("dkim/dkim-verifier/dns.txt")).build();
        assertThat(z.answer("brisbane._domainkey.football.example.com", RecordType.TXT).records())
                .containsExactly("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    }

    @Test
    void stalwartRecordsBlock() throws IOException {
        String file = Files.readString(TestData.vector("arc/stalwart/002.txt"));
        String block = file.substring(0, file.indexOf("\n\n"));
        ZoneResolver z = ZoneResolver.builder().txtLines(block).build();
        for (String line : block.split("\n")) {
            String[] p = line.split(" ", 2);
            assertThat(z.answer(p[0], RecordType.TXT).records()).containsExactly(p[1].trim());
        }
    }

    @Test
    void rulesOnSmallInput() {
        ZoneResolver z = ZoneResolver.builder().txtLines(
                "# comment\n\n  a.example   v=1;  two  spaces  \nA.example second\nb.example\t~~Server exploded~~\r\n").build();
        assertThat(z.answer("a.example", RecordType.TXT).records()).containsExactly("v=1;  two  spaces", "second");
        assertThat(z.answer("b.example", RecordType.TXT)).isEqualTo(DnsAnswer.tempFail("Server exploded"));
        assertThat(z.answer("b.example", RecordType.A).status()).isEqualTo(DnsAnswer.Status.NODATA);
        assertThatThrownBy(() -> ZoneResolver.builder().txtLines("ok.example x\nlonely.example\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text:2").hasMessageContaining("no TXT value");
        assertThatThrownBy(() -> ZoneResolver.builder().txtLines("bad..example x\n"))
                .hasMessageContaining("text:1").hasMessageContaining("empty label");
    }
}
