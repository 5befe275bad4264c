package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpfRecordParserTest {

    @Test
    void parsesEveryMechanismAndModifier() throws Exception {
        SpfRecord r = SpfRecord.parse("v=spf1 +a -mx:mail.example.com/24//64 ~ptr ?ip4:192.0.2.0/24 "
                + "ip6:2001:db8::/32 include:_spf.example.net exists:%{ir}.bl.example.org all "
                + "redirect=other.example exp=explain.%{d} foo=bar");
        assertThat(r.mechanisms()).hasSize(8);
        SpfRecord.Mechanism mx = r.mechanisms().get(1);
        assertThat(mx.kind()).isEqualTo(SpfRecord.Kind.MX);
        assertThat(mx.qualifier()).isEqualTo(SpfRecord.Qualifier.FAIL);
        assertThat(mx.domainSpec()).isEqualTo("mail.example.com");
        assertThat(mx.cidr4()).isEqualTo(24);
        assertThat(mx.cidr6()).isEqualTo(64);
        assertThat(r.mechanisms().get(3).network()).isEqualTo("192.0.2.0");
        assertThat(r.mechanisms().get(3).cidr4()).isEqualTo(24);
        assertThat(r.mechanisms().get(4).cidr6()).isEqualTo(32);
        assertThat(r.redirect().value()).isEqualTo("other.example");
        assertThat(r.explanation().value()).isEqualTo("explain.%{d}");
        assertThat(r.terms()).hasSize(11);
        assertThat(r.toString()).isEqualTo("v=spf1 a -mx:mail.example.com/24//64 ~ptr ?ip4:192.0.2.0/24 "
                + "ip6:2001:db8::/32 include:_spf.example.net exists:%{ir}.bl.example.org all "
                + "redirect=other.example exp=explain.%{d} foo=bar");
        assertThat(r.mechanisms().stream().filter(SpfRecord.Term::queriesDns).count()).isEqualTo(5);
    }

    @Test
    void versionIsCaseInsensitiveAndMustEndWithSpace() throws Exception {
        assertThat(SpfRecord.isSpfRecord("V=SpF1 -all")).isTrue();
        assertThat(SpfRecord.isSpfRecord("v=spf1")).isTrue();
        assertThat(SpfRecord.isSpfRecord("v=spf10 -all")).isFalse();
        assertThat(SpfRecord.isSpfRecord("v=spf1mx")).isFalse();
        assertThat(SpfRecord.parse("v=spf1   a  -all ").mechanisms()).hasSize(2);
    }

    /** Each is a permerror under RFC 7208 (§4.6.1, §5, §6, §7.1). */
    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1 -all.", "v=spf1 -all:foo", "v=spf1 all/8", "v=spf1 ptr/0", "v=spf1 ptr:",
        "v=spf1 a/33", "v=spf1 a//129", "v=spf1 a/24/64", "v=spf1 a:example.com:8080", "v=spf1 a:foo-bar",
        "v=spf1 a:111.222.33.44", "v=spf1 a:abc.123", "v=spf1 a:museum", "v=spf1 a:museum.", "v=spf1 a:example.-com",
        "v=spf1 a:", "v=spf1 include", "v=spf1 include:", "v=spf1 include:a.example.com/24", "v=spf1 exists",
        "v=spf1 exists:mail.example.com/24", "v=spf1 ip4", "v=spf1 ip4:1.2.3.4/33", "v=spf1 ip4:1.2.3.4/032",
        "v=spf1 ip4:1.2.3.4//32", "v=spf1 ip4:1.2.3.4:8080", "v=spf1 ip4:1.2.3", "v=spf1 ip4:01.2.3.4",
        "v=spf1 ip6", "v=spf1 ip6:::1/129", "v=spf1 ip6:::1//33", "v=spf1 ip6::CAFE::BABE", "v=spf1 ip6:1:2:3:4:5:6:7:8:9",
        "v=spf1 moo", "v=spf1 redirect:example.com", "v=spf1 1up=foo", "v=spf1 =all", "v=spf1 moo.cow/x=y",
        "v=spf1 redirect=", "v=spf1 exp=", "v=spf1 exp=-all", "v=spf1 redirect=a.example redirect=b.example",
        "v=spf1 exp=a.example exp=b.example", "v=spf1 foo=%abc", "v=spf1 a:%{x}.example.com", "v=spf1 a:%{r}.example.com",
        "v=spf1 a:ex\u00e9mple.com", "v=spf1 a:ctrl.example.com\rptr", "v=spf1 ip4:1.2.3.4\n", "v=spf1\ta",
        "spf1 -all",
    })
    void syntaxErrors(String record) {
        assertThatThrownBy(() -> SpfRecord.parse(record)).isInstanceOf(SpfSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1 a:foo:bar/baz.example.com", "v=spf1 a:foo.example.xn--zckzah", "v=spf1 a:%{H}",
        "v=spf1 default=+", "v=spf1 moo.cow-far_out=man:dog/cat", "v=spf1 ip6:::FFFF:1.2.3.4",
        "v=spf1 ip6:Cafe:Babe:8000::/33", "v=spf1 ip4:0.0.0.0/0", "v=spf1 a//0", "v=spf1 mx/0",
        "v=spf1 a:macro%%percent%_%_space%-url-space.example.com", "v=spf1 exists:%{l2r+-}.user.%{d2}",
        "v=spf1 redirect=%{d}.d.spf.example.com.",
    })
    void validRecords(String record) throws Exception {
        SpfRecord r = SpfRecord.parse(record);
        assertThat(SpfRecord.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void ip6NetworksParse() {
        assertThat(IpAddresses.parse6("::")).hasSize(16);
        assertThat(IpAddresses.parse6("2001:db8::1")).containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(IpAddresses.parse6("::ffff:1.2.3.4")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4);
        assertThat(IpAddresses.parse6("1::")).startsWith((byte) 0, (byte) 1);
        for (String bad : List.of(":1", "1:", "1:::2", "1::2::3", "12345::", "g::", "1:2:3:4:5:6:7", "::1.2.3")) {
            assertThat(IpAddresses.parse6(bad)).as(bad).isNull();
        }
    }

    // ---- property: parse -> print -> parse ----

    @Provide
    Arbitrary<String> domains() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> macro = Arbitraries.of("%{d}", "%{d2}", "%{ir}", "%{l1r-}", "%{S}", "%{o}", "%{h}", "%{v}",
                "%{i}", "%{p}", "%%", "%_", "%-", "%{lr+=}");
        Arbitrary<String> top = Arbitraries.of("com", "example", "xn--zckzah", "org", "a1", "co-uk");
        return Combinators.combine(Arbitraries.oneOf(label, macro).list().ofMinSize(1).ofMaxSize(4), top,
                Arbitraries.of("", ".")).as((labels, t, dot) -> String.join(".", labels) + "." + t + dot);
    }

    @Provide
    Arbitrary<String> terms() {
        Arbitrary<String> q = Arbitraries.of("", "+", "-", "~", "?");
        Arbitrary<String> cidr4 = Arbitraries.integers().between(-1, 32).map(n -> n < 0 ? "" : "/" + n);
        Arbitrary<String> cidr6 = Arbitraries.integers().between(-1, 128).map(n -> n < 0 ? "" : "//" + n);
        Arbitrary<String> ip4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> ip6 = Arbitraries.of("2001:db8::", "::1", "::ffff:1.2.3.4", "fe80::1:2", "1:2:3:4:5:6:7:8");
        Arbitrary<String> mech = Arbitraries.oneOf(
                Arbitraries.just("all"),
                domains().map(d -> "include:" + d),
                domains().map(d -> "exists:" + d),
                Combinators.combine(domains().injectNull(0.4), cidr4, cidr6)
                        .as((d, c4, c6) -> "a" + (d == null ? "" : ":" + d) + c4 + c6),
                Combinators.combine(domains().injectNull(0.4), cidr4, cidr6)
                        .as((d, c4, c6) -> "mx" + (d == null ? "" : ":" + d) + c4 + c6),
                domains().injectNull(0.5).map(d -> d == null ? "ptr" : "ptr:" + d),
                Combinators.combine(ip4, cidr4).as((ip, c) -> "ip4:" + ip + c),
                Combinators.combine(ip6, Arbitraries.integers().between(-1, 128))
                        .as((ip, c) -> "ip6:" + ip + (c < 0 ? "" : "/" + c)));
        Arbitrary<String> directive = Combinators.combine(q, mech).as((a, b) -> a + b);
        Arbitrary<String> unknownModifier = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withCharRange('!', '$').withCharRange('&', '~').ofMaxLength(8))
                .as((n, v) -> n + "x=" + v);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, directive), net.jqwik.api.Tuple.of(1, unknownModifier));
    }

    @Provide
    Arbitrary<List<String>> termLists() {
        return terms().list().ofMaxSize(12);
    }

    @Property(tries = 1000)
    void parsePrintParseRoundTrip(@ForAll("termLists") List<String> terms, @ForAll("domains") String redirect,
            @ForAll boolean withRedirect, @ForAll boolean withExp) throws Exception {
        StringBuilder text = new StringBuilder("v=spf1");
        for (String t : terms) {
            text.append(' ').append(t);
        }
        if (withRedirect) {
            text.append(" redirect=").append(redirect);
        }
        if (withExp) {
            text.append(" exp=explain.").append(redirect);
        }
        SpfRecord r = SpfRecord.parse(text.toString());
        assertThat(r.terms()).hasSize(terms.size() + (withRedirect ? 1 : 0) + (withExp ? 1 : 0));
        SpfRecord again = SpfRecord.parse(r.toString());
        assertThat(again).isEqualTo(r);
        assertThat(again.toString()).isEqualTo(r.toString());
        assertThat(again.mechanisms()).isEqualTo(r.mechanisms());
        for (int k = 0; k < r.mechanisms().size(); k++) {
            SpfRecord.Mechanism a = r.mechanisms().get(k);
            SpfRecord.Mechanism b = again.mechanisms().get(k);
            assertThat(b.kind()).isEqualTo(a.kind());
            assertThat(b.qualifier()).isEqualTo(a.qualifier());
            assertThat(b.domainSpec()).isEqualTo(a.domainSpec());
            assertThat(b.cidr4()).isEqualTo(a.cidr4());
            assertThat(b.cidr6()).isEqualTo(a.cidr6());
            assertThat(b.address()).isEqualTo(a.address());
        }
    }

    /** Random text: the parser either returns a record that round-trips or throws SpfSyntaxException. */
    @Property(tries = 2000)
    void randomTextNeverCrashes(@ForAll("noise") String tail) {
        try {
            SpfRecord r = SpfRecord.parse("v=spf1 " + tail);
            assertThat(SpfRecord.parse(r.toString())).isEqualTo(r);
        } catch (SpfSyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("v=spf1 aAmxptrip46:/.%{}-~?+_0123456789allincludeexistsredirect\u00e9\0")
                .ofMaxLength(60);
    }
}
