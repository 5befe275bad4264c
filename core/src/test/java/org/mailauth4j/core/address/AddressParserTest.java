package org.mailauth4j.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5322 §3.4 address parsing; many inputs are the RFC's own Appendix A examples. */
class AddressParserTest {

    private static List<Mailbox> parse(String v) throws AddressException {
        return AddressParser.parseMailboxList(v);
    }

    private static AddressException error(String v) {
        try {
            parse(v);
        } catch (AddressException e) {
            return e;
        }
        throw new AssertionError("no error for " + v);
    }

    @Test
    void rfc5322AppendixA12AddressingExamples() throws Exception {
        assertThat(parse(" \"Joe Q. Public\" <john.q.public@example.com>"))
                .containsExactly(new Mailbox("Joe Q. Public", "john.q.public", "example.com"));
        assertThat(parse(" Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>")).containsExactly(
                new Mailbox("Mary Smith", "mary", "x.test"), new Mailbox(null, "jdoe", "example.org"), new Mailbox("Who?", "one", "y.test"));
        assertThat(parse(" <boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>")).containsExactly(
                new Mailbox(null, "boss", "nil.test"), new Mailbox("Giant; \"Big\" Box", "sysservices", "example.net"));
    }

    @Test
    void rfc5322AppendixA13Groups() throws Exception {
        assertThat(parse(" A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;")).containsExactly(
                new Mailbox("Ed Jones", "c", "a.test"), new Mailbox(null, "joe", "where.test"), new Mailbox("John", "jdoe", "one.test"));
        assertThat(parse(" Undisclosed recipients:;")).isEmpty();
    }

    @Test
    void rfc5322AppendixA5WhiteSpaceAndComments() throws Exception {
        assertThat(parse(" Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>"))
                .containsExactly(new Mailbox("Pete", "pete", "silly.test"));
        assertThat(parse("A Group(Some people)     :Chris Jones <c@(Chris's host.)public.example>,         joe@example.org,"
                + "  John <jdoe@one.test> (my dear friend); (the end of the group)")).containsExactly(
                new Mailbox("Chris Jones", "c", "public.example"), new Mailbox(null, "joe", "example.org"), new Mailbox("John", "jdoe", "one.test"));
        assertThat(parse("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;")).isEmpty();
    }

    @Test
    void rfc5322AppendixA6ObsoleteSyntax() throws Exception {
        assertThat(parse(" Joe Q. Public <john.q.public@example.com>")).containsExactly(new Mailbox("Joe Q. Public", "john.q.public", "example.com"));
        assertThat(parse(" Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example")).containsExactly(
                new Mailbox("Mary Smith", "mary", "example.net"), new Mailbox(null, "jdoe", "test.example"));
        assertThat(parse(" John Doe <jdoe@machine(comment).  example>")).containsExactly(new Mailbox("John Doe", "jdoe", "machine.example"));
        assertThat(parse(" Mary Smith\t<mary@example.net>")).containsExactly(new Mailbox("Mary Smith", "mary", "example.net"));
    }

    @Test
    void sourceRoutesAreIgnored() throws Exception {
        assertThat(parse("<@a.example,@b.example:user@dom.example>")).containsExactly(new Mailbox(null, "user", "dom.example"));
        assertThat(parse("<,@a.example,,@b.example:user@dom.example>")).containsExactly(new Mailbox(null, "user", "dom.example"));
        assertThat(error("<@a.example user@dom.example>").getMessage()).contains("source route");
        assertThat(error("<@a.example:>").getMessage()).contains("<>");
    }

    @Test
    void rfc2047EncodedWordDisplayNamesAreDecoded() throws Exception {
        assertThat(parse("=?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>").get(0).displayName()).isEqualTo("Keith Moore");
        assertThat(parse("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>").get(0).displayName()).isEqualTo("Keld Jørn Simonsen");
        assertThat(parse("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>").get(0).displayName()).isEqualTo("André Pirard");
        // RFC 2047 §8: whitespace between adjacent encoded-words is dropped, other whitespace kept.
        assertThat(parse("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?= <x@y.example>").get(0).displayName()).isEqualTo("ab");
        assertThat(parse("=?ISO-8859-1?Q?a?=  b <x@y.example>").get(0).displayName()).isEqualTo("a b");
        assertThat(parse("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?= <x@y.example>").get(0).displayName()).isEqualTo("a b");
        assertThat(parse("=?UTF-8?B?w5xiZXI=?= <x@y.example>").get(0).displayName()).isEqualTo("Über");
        assertThat(parse("=?utf-8*en?q?Hi?= <x@y.example>").get(0).displayName()).isEqualTo("Hi");
        // Inside quotes, as mail readers do.
        assertThat(parse("\"=?utf-8?q?J=C3=BCrgen?=\" <x@y.example>").get(0).displayName()).isEqualTo("Jürgen");
        // Unknown charsets and broken encodings stay as written (RFC 2047 §6.3).
        assertThat(parse("=?x-unknown?q?a?= <x@y.example>").get(0).displayName()).isEqualTo("=?x-unknown?q?a?=");
        assertThat(parse("=?utf-8?q?bad=Z?= <x@y.example>").get(0).displayName()).isEqualTo("=?utf-8?q?bad=Z?=");
        // Decoded control characters never reach the caller.
        assertThat(parse("=?utf-8?q?a=0D=0ABcc=3A_x=00?= <x@y.example>").get(0).displayName()).isEqualTo("a\uFFFD\uFFFDBcc: x\uFFFD");
    }

    @Test
    void anEncodedWordNeverProvidesADomain() throws Exception {
        // "=?utf-8?q?victim=40good.example?=" decodes to "victim@good.example", but it is an atom.
        List<Mailbox> m = parse("=?utf-8?q?victim=40good.example?= <attacker@evil.example>");
        assertThat(m).containsExactly(new Mailbox("victim@good.example", "attacker", "evil.example"));
        assertThat(parse("=?utf-8?q?victim=40good.example?=").get(0).domain()).isNull();
    }

    @Test
    void quotedLocalPartsAndEscapes() throws Exception {
        assertThat(parse("\"john smith\"@example.com")).containsExactly(new Mailbox(null, "john smith", "example.com"));
        assertThat(parse("\"victim@good.example\"@evil.example").get(0).domain()).isEqualTo("evil.example");
        assertThat(parse("\"a\\\"b\"@example.com").get(0).localPart()).isEqualTo("a\"b");
        assertThat(parse("\"a\\\"b\"@example.com").get(0).address()).isEqualTo("\"a\\\"b\"@example.com");
    }

    @Test
    void domainLiteralsAreKept() throws Exception {
        Mailbox m = parse("user@[192.0.2.1]").get(0);
        assertThat(m.domain()).isEqualTo("[192.0.2.1]");
        assertThat(m.isDomainLiteral()).isTrue();
        assertThat(m.asciiDomain()).isNull();
        assertThat(parse("<user@[IPv6:2001:db8::1]>").get(0).domain()).isEqualTo("[IPv6:2001:db8::1]");
    }

    @Test
    void idnDomainsBecomeLowerCaseALabels() throws Exception {
        Mailbox m = parse("Bücher <info@Bücher.Example>").get(0);
        assertThat(m.domain()).isEqualTo("Bücher.Example");
        assertThat(m.asciiDomain()).isEqualTo("xn--bcher-kva.example");
        assertThat(parse("a@XN--BCHER-KVA.example").get(0).asciiDomain()).isEqualTo("xn--bcher-kva.example");
        assertThat(parse("a@EXAMPLE.COM").get(0).asciiDomain()).isEqualTo("example.com");
        // Expected A-labels checked with Python's independent "idna" codec.
        assertThat(parse("用户@例子.广告").get(0).asciiDomain()).isEqualTo("xn--fsqu00a.xn--4rr70v");
    }

    @Test
    void lenientLocalPartsWithOddDots() throws Exception {
        assertThat(parse("a..b.@docomo.ne.jp").get(0)).isEqualTo(new Mailbox(null, "a..b.", "docomo.ne.jp"));
    }

    @Test
    void mailboxesWithoutDomainAreReturnedWithNullDomain() throws Exception {
        assertThat(parse("user")).containsExactly(new Mailbox(null, "user", null));
        assertThat(parse("Name <user>")).containsExactly(new Mailbox("Name", "user", null));
        assertThat(parse("first.last")).containsExactly(new Mailbox(null, "first.last", null));
    }

    @Test
    void emptyValuesAndEmptyElements() throws Exception {
        assertThat(parse("")).isEmpty();
        assertThat(parse("  (just a comment) ")).isEmpty();
        assertThat(parse(" , ,a@b.example,, ")).containsExactly(new Mailbox(null, "a", "b.example"));
    }

    @Test
    void syntaxErrorsNameTheProblemAndOffset() {
        assertThat(error("\"unterminated <a@b.example>")).hasMessageContaining("unterminated quoted string").extracting(AddressException::position).isEqualTo(0);
        assertThat(error("a@b.example (comment").getMessage()).contains("unterminated comment");
        assertThat(error("a@b.example)").getMessage()).contains("unbalanced ')'");
        assertThat(error("Name <a@b.example").getMessage()).contains("'<' without '>'");
        assertThat(error("a@b.example>").getMessage()).contains("unexpected '>'");
        assertThat(error("Name a@b.example").getMessage()).contains("invalid local part");
        assertThat(error("a@[1.2.3.4").getMessage()).contains("unterminated domain literal");
        assertThat(error("a@b.example]").getMessage()).contains("unbalanced ']'");
        assertThat(error("a\\b@c.example").getMessage()).contains("'\\'");
        assertThat(error("a@b.example\u0000@c.example").getMessage()).contains("U+0000");
        assertThat(error("a@b.example.").getMessage()).contains("domain ends with '.'");
        assertThat(error("a@").getMessage()).contains("missing domain");
        assertThat(error("@b.example").getMessage()).contains("without a local part");
        assertThat(error("John Smith").getMessage()).contains("display name without an address");
        assertThat(error("john smith@example.com").getMessage()).contains("invalid local part");
        assertThat(error("G1: G2: a@b.example;;").getMessage()).contains("group inside a group");
        assertThat(error("Group: a@b.example").getMessage()).contains("group not closed");
        assertThat(error("a@exa_mple!.com").getMessage()).contains("not a valid DNS domain");
        assertThat(error("a@-bad.example").getMessage()).contains("not a valid DNS domain");
        assertThat(error("a@b.example;").getMessage()).contains("unexpected ';'");
        AddressException e = error("a@b.example c@d.example");
        assertThat(e.position()).isEqualTo(12);
        assertThat(e.getMessage()).contains("missing ','");
    }

    @Test
    void ideographicFullStopDoesNotSplitALabel() {
        // IDNA2003 maps U+3002 to '.', but in RFC 5322 it is atext inside one label.
        assertThat(error("a@good\u3002example").getMessage()).contains("not a valid DNS domain");
    }

    @Test
    void parseMailboxWantsExactlyOne() throws Exception {
        assertThat(AddressParser.parseMailbox(" Sender <s@example.org>")).isEqualTo(new Mailbox("Sender", "s", "example.org"));
        assertThatThrownBy(() -> AddressParser.parseMailbox("a@b.example, c@d.example")).hasMessageContaining("found 2");
        assertThatThrownBy(() -> AddressParser.parseMailbox("")).hasMessageContaining("found 0");
    }

    @Test
    void mailboxToStringAndAddress() {
        assertThat(new Mailbox("Ann \"A\"", "ann", "example.com").toString()).isEqualTo("\"Ann \\\"A\\\"\" <ann@example.com>");
        assertThat(new Mailbox(null, "ann", null).address()).isEqualTo("ann");
        assertThatThrownBy(() -> new Mailbox(null, "a", "bad domain!").asciiDomain()).isInstanceOf(IllegalArgumentException.class);
    }
}
