package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.TestData;

/**
 * RFC 7489 §3.2 Organizational Domains against the Public Suffix List's own test cases
 * ({@code ../shared/testvectors/psl/tests.txt}, 78 cases, with the list copied alongside).
 */
class PublicSuffixListTest {

    record Case(String input, String expected) {
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.vector("psl/tests.txt"), StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("//")) {
                continue;
            }
            String[] p = s.split("\\s+");
            out.add(new Case(p[0].equals("null") ? null : p[0], p[1].equals("null") ? null : p[1]));
        }
        return out;
    }

    private static String ascii(String s) {
        return s == null ? null : IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    @Test
    void loadedListPassesAllVectors() throws IOException {
        PublicSuffixList psl = PublicSuffixList.load(TestData.vector("psl/public_suffix_list.dat"));
        List<Case> cases = cases();
        assertThat(cases).hasSize(78);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            String got = psl.registrableDomain(c.input());
            if (!java.util.Objects.equals(got, ascii(c.expected()))) {
                failures.add(c.input() + " -> " + got + " (expected " + c.expected() + ")");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void bundledListPassesAllVectors() throws IOException {
        PublicSuffixList psl = PublicSuffixList.bundled();
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            String got = psl.registrableDomain(c.input());
            if (!java.util.Objects.equals(got, ascii(c.expected()))) {
                failures.add(c.input() + " -> " + got + " (expected " + c.expected() + ")");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void organizationalDomainOfAPublicSuffixIsItself() {
        assertThat(PublicSuffixList.bundled().organizationalDomain("co.uk")).isEqualTo("co.uk");
        assertThat(PublicSuffixList.bundled().organizationalDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
    }

    @Test
    void loadsFromAStream() throws IOException {
        String dat = "// test\ncom\n*.ck\n!www.ck\n// ===BEGIN PRIVATE DOMAINS===\nblogspot.com\n";
        PublicSuffixList psl = PublicSuffixList.load(new java.io.ByteArrayInputStream(dat.getBytes(StandardCharsets.UTF_8)));
        assertThat(psl.registrableDomain("a.b.blogspot.com")).isEqualTo("b.blogspot.com");
        assertThat(psl.registrableDomain("x.y.ck")).isEqualTo("x.y.ck");
        assertThat(psl.registrableDomain("a.www.ck")).isEqualTo("www.ck");
        assertThat(psl.registrableDomain("com")).isNull();
        assertThat(psl.registrableDomain("Example.COM.")).isEqualTo("example.com");
    }
}
