package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.mailauth4j.core.address.AuthorDomain;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and odd inputs across the core parsers, each with the outcome written down by hand:
 * a summary string computed from what the parser returned (or the error it raised) must equal the
 * expected one. Every case must also finish within a few seconds (no hang, no quadratic blow-up).
 */
class HostileInputsTest {

    // ------------------------------------------------------------------ summaries

    /** "fields=[name, …] body=<body with CR as \r, LF as \n>" or "limit:NAME" or "error:<message part>". */
    private static String message(byte[] raw) {
        try {
            Message m = Message.parse(raw);
            String body = new String(m.body(), StandardCharsets.ISO_8859_1);
            if (body.length() > 40) {
                body = body.length() + " bytes";
            }
            return "fields=" + m.headers().stream().map(HeaderField::name).toList() + " body=" + body.replace("\r", "\\r").replace("\n", "\\n");
        } catch (MessageLimitException e) {
            return "limit:" + e.limit();
        } catch (MessageFormatException e) {
            return "error:" + e.getMessage().replaceAll(":.*", "");
        }
    }

    private static String message(String raw) {
        return message(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** "STATUS [domains]" of the author domain of a message. */
    private static String author(String raw) {
        try {
            AuthorDomain a = AuthorDomain.of(Message.parse(raw.getBytes(StandardCharsets.UTF_8)).headers());
            return a.status() + " " + a.domains();
        } catch (MessageFormatException e) {
            return "error:" + e.getMessage();
        }
    }

    private static String displayName(String raw) throws MessageFormatException {
        AuthorDomain a = AuthorDomain.of(Message.parse(raw.getBytes(StandardCharsets.UTF_8)).headers());
        return a.mailboxes().get(0).displayName();
    }

    /** "authserv-id|method=result,…" of a leniently parsed Authentication-Results value. */
    private static String ar(String value) {
        AuthenticationResults r = AuthenticationResults.parse(value);
        StringBuilder sb = new StringBuilder(r.authservId()).append('|');
        for (ResInfo i : r.results()) {
            sb.append(i.method()).append('=').append(i.result()).append(',');
        }
        return sb.toString();
    }

    private static String arStrict(String value) {
        try {
            AuthenticationResults.parseStrict(value);
            return "ok";
        } catch (Exception e) {
            return "error";
        }
    }

    private static String tags(String text) {
        try {
            return "ok " + TagList.parse(text).names();
        } catch (TagListException e) {
            return "error tag=" + e.tag() + " at " + e.position();
        }
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private static byte[] bigLine(String head, int n, char fill) {
        byte[] b = new byte[head.length() + n];
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, b, 0, h.length);
        Arrays.fill(b, h.length, b.length, (byte) fill);
        return b;
    }

    // ------------------------------------------------------------------ the table

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // --- message parser
        c.add(Arguments.of("bare CR line endings everywhere", (Callable<String>) () -> message("A: 1\rB: 2\r\rx\ry\r"),
                "fields=[A, B] body=x\\r\\ny\\r\\n"));
        c.add(Arguments.of("bare LF archive (.eml)", (Callable<String>) () -> message("A: 1\nB: 2\n\nx\n"), "fields=[A, B] body=x\\r\\n"));
        c.add(Arguments.of("LF CR is two line breaks", (Callable<String>) () -> message("A: 1\n\rbody"), "fields=[A] body=body"));
        c.add(Arguments.of("NUL in header value and body", (Callable<String>) () -> message("A: \0\r\n\r\n\0\r\n"), "fields=[A] body=\0\\r\\n"));
        c.add(Arguments.of("NUL in a field name", (Callable<String>) () -> message("A\0B: 1\r\n\r\n"), "error:line 1"));
        c.add(Arguments.of("100,000 header fields", (Callable<String>) () -> message(repeat("X: y\r\n", 100_000)), "limit:maxHeaderFields"));
        c.add(Arguments.of("10 MB header line", (Callable<String>) () -> message(bigLine("Subject: ", 10 << 20, 'a')), "limit:maxFieldBytes"));
        c.add(Arguments.of("2 MB of short folded lines in one field", (Callable<String>) () -> message("S: x\r\n" + repeat(" y\r\n", 1 << 19)),
                "limit:maxFieldBytes"));
        c.add(Arguments.of("1.8 MB header in 900 fields", (Callable<String>) () -> message(repeat("X: " + "z".repeat(2000) + "\r\n", 900)),
                "limit:maxHeaderBytes"));
        c.add(Arguments.of("header line without colon", (Callable<String>) () -> message("A: 1\r\nnot a field\r\n\r\n"), "error:line 2"));
        c.add(Arguments.of("continuation line before any field", (Callable<String>) () -> message(" x\r\nA: 1\r\n\r\n"), "error:line 1"));
        c.add(Arguments.of("mbox From line is dropped", (Callable<String>) () -> message("From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nA: 1\n\nb"),
                "fields=[A] body=b"));
        c.add(Arguments.of("mbox-escaped >From line in the header", (Callable<String>) () -> message("From x Fri Jul  8 12:08:34 2011\n>From y Fri Jul  8 12:08:34 2011\nA: 1\n\n"),
                "error:line 2"));
        c.add(Arguments.of("'From :' on the first line is a field, not mbox", (Callable<String>) () -> message("From : a@b.example\r\n\r\n"),
                "fields=[From] body="));
        c.add(Arguments.of("UTF-8 byte order mark before the first field", (Callable<String>) () -> message("\uFEFFA: 1\r\n\r\n".getBytes(StandardCharsets.UTF_8)),
                "error:line 1"));
        c.add(Arguments.of("empty input", (Callable<String>) () -> message(""), "fields=[] body="));
        c.add(Arguments.of("only blank lines", (Callable<String>) () -> message("\r\n\r\n\r\n"), "fields=[] body=\\r\\n\\r\\n"));
        c.add(Arguments.of("header only, no final newline", (Callable<String>) () -> message("A: 1\r\nB: 2"), "fields=[A, B] body="));
        c.add(Arguments.of("5 MB body line without newline", (Callable<String>) () -> message(bigLine("A: 1\n\n", 5 << 20, 'b')),
                "fields=[A] body=5242880 bytes"));
        c.add(Arguments.of("whitespace-only folded lines (obs-FWS)", (Callable<String>) () -> message("A: x\r\n \r\n\t\r\nB: y\r\n\r\n"),
                "fields=[A, B] body="));
        // --- From / author domain
        c.add(Arguments.of("two From fields", (Callable<String>) () -> author("From: a@one.example\r\nFrom: b@two.example\r\n\r\n"),
                "MULTIPLE_FIELDS [one.example, two.example]"));
        c.add(Arguments.of("no From field", (Callable<String>) () -> author("Sender: a@one.example\r\n\r\n"), "NO_FIELD []"));
        c.add(Arguments.of("unterminated quote in From", (Callable<String>) () -> author("From: \"Victim <v@good.example>\r\n\r\n"), "SYNTAX_ERROR []"));
        c.add(Arguments.of("unbalanced angle bracket in From", (Callable<String>) () -> author("From: Victim <v@good.example\r\n\r\n"), "SYNTAX_ERROR []"));
        c.add(Arguments.of("two mailboxes in one From", (Callable<String>) () -> author("From: a@evil.example, b@good.example\r\n\r\n"),
                "MULTIPLE_MAILBOXES [evil.example, good.example]"));
        c.add(Arguments.of("address-looking display name", (Callable<String>) () -> author("From: \"v@good.example\" <a@evil.example>\r\n\r\n"),
                "SINGLE [evil.example]"));
        c.add(Arguments.of("encoded-word display name", (Callable<String>) () -> displayName("From: =?utf-8?Q?Gr=C3=BC=C3=9Fe?= <a@b.example>\r\n\r\n"), "Grüße"));
        c.add(Arguments.of("From mailbox without domain", (Callable<String>) () -> author("From: postmaster\r\n\r\n"), "NO_DOMAIN []"));
        c.add(Arguments.of("From null address <>", (Callable<String>) () -> author("From: <>\r\n\r\n"), "SYNTAX_ERROR []"));
        c.add(Arguments.of("From domain with trailing dot", (Callable<String>) () -> author("From: a@good.example.\r\n\r\n"), "SYNTAX_ERROR []"));
        c.add(Arguments.of("From with source route", (Callable<String>) () -> author("From: <@good.example:a@evil.example>\r\n\r\n"), "SINGLE [evil.example]"));
        c.add(Arguments.of("From with an empty group", (Callable<String>) () -> author("From: undisclosed-recipients:;\r\n\r\n"), "NO_MAILBOX []"));
        c.add(Arguments.of("From IDN domain", (Callable<String>) () -> author("From: a@bücher.example\r\n\r\n"), "SINGLE [xn--bcher-kva.example]"));
        c.add(Arguments.of("From fullwidth at-sign", (Callable<String>) () -> author("From: a\uFF20good.example\r\n\r\n"), "NO_DOMAIN []"));
        c.add(Arguments.of("From 20,000-deep nested comment", (Callable<String>) () -> author("From: " + "(".repeat(20_000) + ")".repeat(20_000) + " a@b.example\r\n\r\n"),
                "SINGLE [b.example]"));
        c.add(Arguments.of("From 20,000-deep unbalanced comment", (Callable<String>) () -> author("From: " + "(".repeat(20_000) + " a@b.example\r\n\r\n"),
                "SYNTAX_ERROR []"));
        c.add(Arguments.of("From with 10,000 mailboxes", (Callable<String>) () -> author("From: " + "a@x.example,".repeat(10_000) + "b@y.example\r\n\r\n"),
                "MULTIPLE_MAILBOXES [x.example, y.example]"));
        // --- Authentication-Results
        c.add(Arguments.of("Microsoft-style AR without authserv-id", (Callable<String>) () -> ar(" spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=example.com; "
                + "dkim=pass (signature was verified) header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100"),
                "|spf=pass,dkim=pass,dmarc=pass,compauth=pass,"));
        c.add(Arguments.of("AR with ';' inside a comment", (Callable<String>) () -> ar(" mx.example; spf=fail (a; b; c) smtp.mailfrom=x.example"),
                "mx.example|spf=fail,"));
        c.add(Arguments.of("AR odd case", (Callable<String>) () -> ar(" MX.example; DKIM=PASS Header.D=x.example"), "MX.example|dkim=pass,"));
        c.add(Arguments.of("AR without authserv-id, strict", (Callable<String>) () -> arStrict(" spf=pass smtp.mailfrom=x.example"), "error"));
        c.add(Arguments.of("AR with 100,000 results", (Callable<String>) () -> String.valueOf(AuthenticationResults.parse(" mx;" + " spf=pass;".repeat(100_000)).results().size()),
                "100000"));
        c.add(Arguments.of("AR formatter refuses CRLF injection", (Callable<String>) () -> {
            try {
                new AuthenticationResults("mx", List.of(new ResInfo("spf", "pass", "x\r\nBcc: victim@example.com", List.of()))).toHeaderField();
                return "accepted";
            } catch (IllegalArgumentException e) {
                return "refused";
            }
        }, "refused"));
        // --- tag lists
        c.add(Arguments.of("duplicate tag", (Callable<String>) () -> tags("v=1; d=a; d=b"), "error tag=d at 10"));
        c.add(Arguments.of("NUL in a tag value", (Callable<String>) () -> tags("v=1; b=ab\0c"), "error tag=b at 9"));
        c.add(Arguments.of("1 MB tag value", (Callable<String>) () -> tags("v=1; p=" + "A".repeat(1 << 20)), "ok [v, p]"));
        c.add(Arguments.of("100,000 semicolons", (Callable<String>) () -> tags("v=1" + ";".repeat(100_000)), "error tag=null at 4"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputHasTheExpectedOutcome(String name, Callable<String> run, String expected) {
        String actual = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), run::call, name);
        assertThat(actual).as(name).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastThirtyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(30);
    }
}
