package org.mailauth4j.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.TestData;

/**
 * Interop with Python's standard {@code email.headerregistry} (an independent RFC 5322 parser):
 * for every From value Python parses without a defect, both find the same mailboxes — display
 * name, local part and domain. Values Python flags as defective (obsolete syntax, errors) are
 * counted, not compared. Runs only with {@code -Pinterop}.
 */
class AddressParserInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    static final List<String> VALUES = List.of(
            "\"Joe Q. Public\" <john.q.public@example.com>",
            "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
            "<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>",
            "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
            "Undisclosed recipients:;",
            "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
            "=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>",
            "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>",
            "=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>",
            "=?UTF-8?B?w5xiZXI=?= <x@y.example>",
            "\"victim@good.example\" <attacker@evil.example>",
            "attacker@evil.example (victim@good.example)",
            "\"john smith\"@example.com",
            "user@[192.0.2.1]",
            "Bücher <info@bücher.example>",
            "ann@example.com",
            "Ann <ann@Mail.Example.COM>",
            "a@b.example, c@d.example",
            "Team: a@x.example;",
            "first.last+tag@sub.domain.example",
            "\"a\\\"b\"@example.com",
            "Name (comment) <n@example.org> (trailing)",
            "<@good.example:attacker@evil.example>",
            "Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
            "John Doe <jdoe@machine(comment).  example>",
            "\"unterminated <a@b.example>",
            "victim@good.example <attacker@evil.example>",
            "a@good.example.",
            "Name <a@b.example",
            "user");

    private static boolean pythonPresent() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import email.headerregistry").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    private static String ours(String value) {
        try {
            List<String> parts = new ArrayList<>();
            for (Mailbox m : AddressParser.parseMailboxList(value)) {
                parts.add("[" + json(m.displayName()) + "," + json(m.localPart()) + "," + json(m.domain()) + "]");
            }
            return "[" + String.join(",", parts) + "]";
        } catch (AddressException e) {
            return "error";
        }
    }

    @Test
    void sameMailboxesAsPythonForEveryValuePythonAccepts() throws Exception {
        TestData.requireProgram("python3 (email.headerregistry)", Files.isExecutable(Paths.get(PYTHON)) && pythonPresent());
        StringBuilder in = new StringBuilder();
        for (String v : VALUES) {
            in.append(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        Process p = new ProcessBuilder(PYTHON, Paths.get(getClass().getResource("/address/python_email_addresses.py").toURI()).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(in.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        List<String> theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(theirs).hasSize(VALUES.size());
        int compared = 0;
        int defects = 0;
        List<String> different = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            if (theirs.get(i).equals("defect")) {
                defects++;
                continue;
            }
            compared++;
            if (!ours(VALUES.get(i)).equals(theirs.get(i))) {
                different.add(VALUES.get(i) + "  ours=" + ours(VALUES.get(i)) + "  python=" + theirs.get(i));
            }
        }
        System.out.println("AddressParser vs Python email.headerregistry: " + (compared - different.size()) + "/" + compared
                + " agree; " + defects + " values Python flags as defective were not compared");
        assertThat(different).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(15);
    }
}
