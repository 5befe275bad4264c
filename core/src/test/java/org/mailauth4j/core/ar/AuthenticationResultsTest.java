package org.mailauth4j.core.ar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.mailauth4j.core.ar.ResInfo.Property;
import org.mailauth4j.core.message.HeaderField;
import org.junit.jupiter.api.Test;

/** RFC 8601 Authentication-Results: formatting, strict and lenient parsing, real-world shapes. */
class AuthenticationResultsTest {

    private static Property p(String type, String name, String value) {
        return new Property(type, name, value);
    }

    private static AuthenticationResultsException strictError(String value) {
        try {
            AuthenticationResults.parseStrict(value);
        } catch (AuthenticationResultsException e) {
            return e;
        }
        throw new AssertionError("strict parse accepted " + value);
    }

    // ------------------------------------------------------------------ RFC 8601 Appendix B

    @Test
    void rfc8601AppendixBExamplesParseStrictly() throws Exception {
        assertThat(AuthenticationResults.parseStrict(" example.org 1; none"))
                .isEqualTo(new AuthenticationResults("example.org", 1, List.of()));
        assertThat(AuthenticationResults.parseStrict(" example.com;\r\n          spf=pass smtp.mailfrom=example.net"))
                .isEqualTo(new AuthenticationResults("example.com", List.of(new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "example.net"))))));
        assertThat(AuthenticationResults.parseStrict(" example.com;\r\n          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
                + "          spf=pass smtp.mailfrom=example.net").results()).containsExactly(
                new ResInfo("auth", "pass", null, List.of(p("smtp", "auth", "sender@example.net"))),
                new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "example.net"))));
        assertThat(AuthenticationResults.parseStrict(" example.com; iprev=pass\r\n          policy.iprev=192.0.2.200").results())
                .containsExactly(new ResInfo("iprev", "pass", null, List.of(p("policy", "iprev", "192.0.2.200"))));
        assertThat(AuthenticationResults.parseStrict(" example.com;\r\n          dkim=pass reason=\"good signature\"\r\n"
                + "            header.i=@mail-router.example.net;\r\n          dkim=fail reason=\"bad signature\"\r\n"
                + "            header.i=@newyork.example.com").results()).containsExactly(
                new ResInfo("dkim", "pass", "good signature", List.of(p("header", "i", "@mail-router.example.net"))),
                new ResInfo("dkim", "fail", "bad signature", List.of(p("header", "i", "@newyork.example.com"))));
    }

    @Test
    void rfc8601AppendixB7CommentsEverywhere() throws Exception {
        String v = " foo.example.net (foobar) 1 (baz);\r\n    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
                + "      policy (A dot can go here) . (like that) expired\r\n      (this surprised me) = (as I wasn't expecting it) 1362471462";
        AuthenticationResults expected = new AuthenticationResults("foo.example.net", 1,
                List.of(new ResInfo("dkim", 1, "fail", null, List.of(p("policy", "expired", "1362471462")))));
        assertThat(AuthenticationResults.parseStrict(v)).isEqualTo(expected);
        assertThat(AuthenticationResults.parse(v)).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ real-world shapes (written for these tests)

    @Test
    void microsoftStyleWithoutAuthservIdAndWithActionNone() {
        String v = " spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=example.com; dkim=pass (signature was verified) "
                + "header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100";
        AuthenticationResults ar = AuthenticationResults.parse(v);
        assertThat(ar.authservId()).isEmpty();
        assertThat(ar.results()).containsExactly(
                new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "example.com"))),
                new ResInfo("dkim", "pass", null, List.of(p("header", "d", "example.com"))),
                new ResInfo("dmarc", "pass", null, List.of(p("", "action", "none"), p("header", "from", "example.com"))),
                new ResInfo("compauth", "pass", "100", List.of()));
        assertThat(ar.results().get(2).property("header", "from")).isEqualTo("example.com");
        assertThat(strictError(v).getMessage()).contains("expected ';'");
    }

    @Test
    void microsoftStyleWithTrailingSemicolonAndNoneValues() {
        AuthenticationResults ar = AuthenticationResults.parse(
                " spf=none (sender IP is 203.0.113.9)\r\n smtp.mailfrom=example.org; dkim=none (message not signed)\r\n header.d=none;dmarc=none action=none\r\n header.from=example.org;");
        assertThat(ar.results()).extracting(ResInfo::method).containsExactly("spf", "dkim", "dmarc");
        assertThat(ar.results().get(1).property("header", "d")).isEqualTo("none");
    }

    @Test
    void googleStyle() {
        String v = " mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 header.b=Ab+/cD3e;\r\n"
                + "       arc=pass (i=1 spf=pass spfdomain=example.com dkim=pass dkdomain=example.com dmarc=pass fromdomain=example.com);\r\n"
                + "       spf=pass (google.com: domain of user@example.com designates 2607:f8b0:4864:20::62f as permitted sender) smtp.mailfrom=user@example.com;\r\n"
                + "       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com";
        AuthenticationResults ar = AuthenticationResults.parse(v);
        assertThat(ar.authservId()).isEqualTo("mx.google.com");
        assertThat(ar.results()).extracting(ResInfo::method).containsExactly("dkim", "arc", "spf", "dmarc");
        assertThat(ar.results().get(0).properties()).containsExactly(p("header", "i", "@example.com"), p("header", "s", "20230601"), p("header", "b", "Ab+/cD3e"));
        assertThat(ar.results().get(1).properties()).isEmpty();
        assertThat(ar.results().get(2).property("smtp", "mailfrom")).isEqualTo("user@example.com");
        assertThat(ar.results().get(3).property("header", "from")).isEqualTo("example.com");
        // header.b=Ab+/cD3e is not an RFC 2045 token ('/' is a tspecial): strict mode says so.
        assertThat(strictError(v).getMessage()).contains("neither a token");
    }

    @Test
    void yahooStyleCommentGluedToResult() {
        AuthenticationResults ar = AuthenticationResults.parse(" atlas-production.v2-mail-prod1-gq1.omega.yahoo.com;\r\n dkim=pass header.i=@example.com header.s=s1;\r\n"
                + " spf=pass smtp.mailfrom=example.com;\r\n dmarc=pass(p=REJECT) header.from=example.com;");
        assertThat(ar.authservId()).isEqualTo("atlas-production.v2-mail-prod1-gq1.omega.yahoo.com");
        assertThat(ar.results()).containsExactly(
                new ResInfo("dkim", "pass", null, List.of(p("header", "i", "@example.com"), p("header", "s", "s1"))),
                new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "example.com"))),
                new ResInfo("dmarc", "pass", null, List.of(p("header", "from", "example.com"))));
    }

    @Test
    void semicolonInsideACommentDoesNotSeparateResults() throws Exception {
        String v = " mx.example.org; spf=pass (ip; was (nested; too) fine) smtp.mailfrom=a@b.example; dkim=none";
        AuthenticationResults ar = AuthenticationResults.parseStrict(v);
        assertThat(ar.results()).containsExactly(
                new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "a@b.example"))),
                new ResInfo("dkim", "none", null, List.of()));
        assertThat(AuthenticationResults.parse(v)).isEqualTo(ar);
    }

    @Test
    void oddCaseIsLowerCasedButValuesAreKept() throws Exception {
        AuthenticationResults ar = AuthenticationResults.parseStrict(" MX.Example.ORG; SPF=PASS smtp.MailFrom=A@B.Example; DKIM=Fail Reason=\"Bad Sig\" Header.D=B.Example");
        assertThat(ar.authservId()).isEqualTo("MX.Example.ORG");
        assertThat(ar.results()).containsExactly(
                new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "A@B.Example"))),
                new ResInfo("dkim", "fail", "Bad Sig", List.of(p("header", "d", "B.Example"))));
    }

    @Test
    void unknownMethodsAndVersionsAreKept() throws Exception {
        AuthenticationResults ar = AuthenticationResults.parseStrict(" mx.example.org 2; x-custom/3=weird policy.foo=bar; dkim-atps=neutral");
        assertThat(ar.version()).isEqualTo(2);
        assertThat(ar.results()).containsExactly(
                new ResInfo("x-custom", 3, "weird", null, List.of(p("policy", "foo", "bar"))),
                new ResInfo("dkim-atps", "neutral", null, List.of()));
    }

    @Test
    void lenientSkipsWhatItCannotRead() {
        AuthenticationResults ar = AuthenticationResults.parse(" mx.example.org;; garbage here; spf=pass stray smtp.mailfrom=a.example;; =x; dkim=pass reason=\"unterminated");
        assertThat(ar.authservId()).isEqualTo("mx.example.org");
        assertThat(ar.results()).containsExactly(
                new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "a.example"))),
                new ResInfo("dkim", "pass", "unterminated", List.of()));
        assertThat(AuthenticationResults.parse("").results()).isEmpty();
        assertThat(AuthenticationResults.parse(" (unterminated comment; spf=pass").results()).isEmpty();
        assertThat(AuthenticationResults.parse(" ; spf=pass").results()).extracting(ResInfo::method).containsExactly("spf");
        assertThat(AuthenticationResults.parse(" mx 99999999999; spf=pass").results()).extracting(ResInfo::method).containsExactly("spf");
    }

    @Test
    void strictErrorsNameTheProblem() {
        assertThat(strictError(" mx.example.org").getMessage()).contains("expected ';'");
        assertThat(strictError(" mx.example.org;").getMessage()).contains("empty result");
        assertThat(strictError(" mx.example.org; spf=pass;").getMessage()).contains("empty result");
        assertThat(strictError(" mx.example.org; spf pass").getMessage()).contains("expected '='");
        assertThat(strictError(" mx.example.org; spf=pass action=none").getMessage()).contains("ptype.property");
        assertThat(strictError(" mx.example.org; spf=pass smtp.mailfrom=a.example reason=x").getMessage()).contains("misplaced reason");
        assertThat(strictError(" mx.example.org; none; spf=pass").getMessage()).contains("after 'none'");
        assertThat(strictError(" mx.example.org; spf=pass (unterminated").getMessage()).contains("unterminated comment");
        assertThat(strictError(" mx.example.org; spf=pass reason=\"open").getMessage()).contains("unterminated quoted string");
        AuthenticationResultsException e = strictError(" spf=pass");
        assertThat(e.position()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ formatting

    @Test
    void formatsAShortFieldOnOneLine() {
        AuthenticationResults ar = new AuthenticationResults("mx.example.org", List.of(new ResInfo("spf", "pass", null, List.of())));
        assertThat(ar.toHeaderField().toString()).isEqualTo("Authentication-Results: mx.example.org; spf=pass");
        assertThat(new AuthenticationResults("mx.example.org", 1, List.of()).toHeaderField().toString())
                .isEqualTo("Authentication-Results: mx.example.org 1; none");
    }

    @Test
    void foldsAt78ColumnsWithCrlfSpace() {
        AuthenticationResults ar = new AuthenticationResults("mx.example.org", List.of(
                new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "sender@example.com"))),
                new ResInfo("dkim", 1, "pass", "signature verified", List.of(p("header", "d", "example.com"), p("header", "s", "sel1"))),
                new ResInfo("dmarc", "pass", null, List.of(p("header", "from", "example.com")))));
        String field = ar.toHeaderField().toString();
        assertThat(field).isEqualTo("Authentication-Results: mx.example.org; spf=pass\r\n"
                + " smtp.mailfrom=sender@example.com; dkim/1=pass reason=\"signature verified\"\r\n"
                + " header.d=example.com header.s=sel1; dmarc=pass header.from=example.com");
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(ar.format()).startsWith(" mx.example.org;");
    }

    @Test
    void longQuotedReasonsStayOnOneLineUnlessOver998() throws Exception {
        String reason = "the quick brown fox jumps over the lazy dog and keeps running far beyond the seventy-eight column limit";
        AuthenticationResults ar = new AuthenticationResults("mx.example.org", List.of(new ResInfo("dkim", "fail", reason, List.of())));
        HeaderField f = ar.toHeaderField();
        assertThat(f.toString()).isEqualTo("Authentication-Results: mx.example.org; dkim=fail\r\n reason=\"" + reason + "\"");
        assertThat(AuthenticationResults.parseStrict(f.value())).isEqualTo(ar);

        // A reason too long for RFC 5322's 998-character line limit is folded inside its quotes.
        String huge = "word ".repeat(400).trim();
        AuthenticationResults big = new AuthenticationResults("mx.example.org", List.of(new ResInfo("dkim", "fail", huge, List.of())));
        HeaderField g = big.toHeaderField();
        for (String line : g.toString().split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(g.unfoldedValue()).isEqualTo(" mx.example.org; dkim=fail reason=\"" + huge + "\"");
        assertThat(AuthenticationResults.parseStrict(g.value())).isEqualTo(big);
    }

    @Test
    void valuesAreQuotedWhenTheyAreNotTokensOrAddresses() {
        AuthenticationResults ar = new AuthenticationResults("mx;evil", List.of(new ResInfo("dkim", "pass", "ok", List.of(
                p("header", "b", "Ab+/cD=="), p("header", "i", "@example.com"), p("smtp", "mailfrom", "a.b+c@example.com"),
                p("smtp", "helo", "[192.0.2.1]"), p("x", "q", "say \"hi\" \\ bye"), p("x", "e", ""), p("x", "u", "Grüße")))));
        assertThat(ar.toHeaderField().unfoldedValue()).isEqualTo(" \"mx;evil\"; dkim=pass reason=ok header.b=\"Ab+/cD==\" header.i=@example.com"
                + " smtp.mailfrom=a.b+c@example.com smtp.helo=\"[192.0.2.1]\" x.q=\"say \\\"hi\\\" \\\\ bye\" x.e=\"\" x.u=\"Grüße\"");
    }

    @Test
    void injectionIsRefused() {
        ResInfo spf = new ResInfo("spf", "pass", null, List.of());
        assertThatThrownBy(() -> new AuthenticationResults("mx\r\nBcc: x@example.com", List.of(spf)).format())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+000D");
        assertThatThrownBy(() -> new AuthenticationResults("mx", List.of(new ResInfo("spf", "pass", "a\nb", List.of()))).format())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> new AuthenticationResults("mx", List.of(new ResInfo("spf", "pass", null, List.of(p("smtp", "mailfrom", "a\0b"))))).format())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> new AuthenticationResults("mx", List.of(new ResInfo("spf", "pass; dkim=pass", null, List.of()))).format())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("result");
        assertThatThrownBy(() -> new AuthenticationResults("mx", List.of(new ResInfo("s f", "pass", null, List.of()))).format())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
        assertThatThrownBy(() -> new AuthenticationResults("mx", List.of(new ResInfo("spf", "pass", null, List.of(p("", "action", "none"))))).format())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ptype");
        assertThatThrownBy(() -> new AuthenticationResults("", List.of(spf)).format())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authserv-id");
        assertThatThrownBy(() -> new AuthenticationResults("mx", -1, List.of(spf)).format()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthenticationResults("mx", List.of(spf)).toHeaderField("X", "i=1;\r\nBcc: y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arcStylePrefix() throws Exception {
        AuthenticationResults ar = new AuthenticationResults("mx.example.org", List.of(new ResInfo("spf", "pass", null, List.of())));
        HeaderField f = ar.toHeaderField("ARC-Authentication-Results", "i=1;");
        assertThat(f.toString()).isEqualTo("ARC-Authentication-Results: i=1; mx.example.org; spf=pass");
        assertThat(ar.toHeaderField("X-AR", "").toString()).isEqualTo("X-AR: mx.example.org; spf=pass");
        assertThat(AuthenticationResults.parse(ar.toHeaderField())).isEqualTo(ar);
    }
}
