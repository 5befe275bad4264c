package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MacroExpanderTest {
    private static MacroExpander.Context ctx(String ip) throws Exception {
        return new MacroExpander.Context("strong-bad", "email.example.com", "mx.example.org",
                InetAddress.getByName(ip), "receiver.example.net", 1_000_000_000L);
    }

    private static String expand(String macro, String ip) throws Exception {
        return MacroExpander.expand(MacroExpander.parse(macro, true), ctx(ip), "email.example.com", "mx.example.org");
    }

    /** RFC 7208 §7.4: sender strong-bad@email.example.com, client 192.0.2.3. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
    })
    void rfc7208Section74Examples(String macro, String expected) throws Exception {
        assertThat(expand(macro, "192.0.2.3")).isEqualTo(expected);
    }

    /**
     * RFC 7208 §7.4, IPv6 client 2001:db8::cb01. The RFC prints the nibbles in lower case; the
     * OpenSPF suite (v-macro-ip6) and pyspf expect upper case. DNS names are case-insensitive, so
     * only explanation text can tell; we follow the suite, and compare here ignoring case.
     */
    @Test
    void rfc7208Section74Ipv6Example() throws Exception {
        assertThat(expand("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01"))
                .isEqualToIgnoringCase("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    /** §7.2 / §7.3: c is the readable address (RFC 5952 for IPv6), r the receiver, t the time. */
    @Test
    void explanationOnlyLetters() throws Exception {
        assertThat(expand("%{c} %{r} %{t}", "2001:db8::cb01")).isEqualTo("2001:db8::cb01 receiver.example.net 1000000000");
        assertThat(expand("%{c}", "192.0.2.3")).isEqualTo("192.0.2.3");
        assertThat(expand("%{v} %{h} %{p}", "192.0.2.3")).isEqualTo("in-addr mx.example.org mx.example.org");
    }

    /** §7.1: %% is a percent, %_ a space, %- a URL-encoded space. */
    @Test
    void escapes() throws Exception {
        assertThat(expand("a%%b%_c%-d", "192.0.2.3")).isEqualTo("a%b c%20d");
    }

    /** §7.3: upper-case letters URL-escape everything outside the RFC 3986 unreserved set. */
    @Test
    void upperCaseLettersAreUrlEscaped() throws Exception {
        MacroExpander.Context c = new MacroExpander.Context("~jack&jill=up-a_b3.c", "e8.example.com", "h",
                InetAddress.getByName("192.0.2.3"), null, 0);
        assertThat(MacroExpander.expand(MacroExpander.parse("%{L}/%{l}", false), c, "d.example", null))
                .isEqualTo("~jack%26jill%3Dup-a_b3.c/~jack&jill=up-a_b3.c");
    }

    /** §7.1 syntax errors: bad '%' escapes, unknown letters, zero digits, c/r/t outside exp text. */
    @ParameterizedTest
    @CsvSource({"%", "%a", "%{", "%{x}", "%{}", "%{d0}", "%{d2x}", "foo%(ir)", "%{c}", "%{r}", "%{t}"})
    void syntaxErrors(String text) {
        assertThatThrownBy(() -> MacroExpander.parse(text, false)).isInstanceOf(SpfSyntaxException.class);
    }

    @Test
    void spacesOnlyInExplanationText() throws Exception {
        assertThat(MacroExpander.parse("a b", true).toString()).isEqualTo("a b");
        assertThatThrownBy(() -> MacroExpander.parse("a b", false)).isInstanceOf(SpfSyntaxException.class);
        assertThatThrownBy(() -> MacroExpander.parse("caf\u00e9", true)).isInstanceOf(SpfSyntaxException.class);
    }

    /** §7.3: an expanded domain over 253 characters loses labels on the left until it fits. */
    @Test
    void truncation() {
        String label = "a".repeat(60);
        String four = label + "." + label + "." + label + "." + label + ".example"; // 251 characters
        String longName = "x." + label + "." + four; // 314 characters
        assertThat(four).hasSize(251);
        assertThat(MacroExpander.truncateDomain(longName)).isEqualTo(four);
        assertThat(MacroExpander.truncateDomain(four)).isEqualTo(four);
        assertThat(MacroExpander.truncateDomain("example.com.")).isEqualTo("example.com");
    }

    @Provide
    Arbitrary<String> macroish() {
        return Arbitraries.strings().withChars("%{}.-_+,/=rRsSlLoOdDiIpPvVhHcCtTxX0123456789 ab\u00e9\t")
                .ofMaxLength(40);
    }

    /** Parsing random text throws only SpfSyntaxException; expanding what parses never throws. */
    @Property(tries = 2000)
    void expansionNeverThrows(@ForAll("macroish") String text, @ForAll boolean explanation) throws Exception {
        MacroString ms;
        try {
            ms = MacroExpander.parse(text, explanation);
        } catch (SpfSyntaxException e) {
            assertThat(e.offset()).isBetween(-1, text.length());
            return;
        }
        assertThat(ms.toString()).isEqualTo(text);
        for (String ip : new String[] {"192.0.2.3", "2001:db8::1"}) {
            String out = MacroExpander.expand(ms, ctx(ip), "email.example.com", null);
            assertThat(out).isNotNull();
            assertThat(MacroExpander.truncateDomain(out).length()).isLessThanOrEqualTo(Math.max(253, out.length()));
        }
    }

    /** Any string: parse either succeeds or reports a syntax error, nothing else. */
    @Property(tries = 1000)
    void anyInputParsesOrFailsCleanly(@ForAll String text) throws Exception {
        try {
            MacroString ms = MacroExpander.parse(text, true);
            MacroExpander.expand(ms, ctx("192.0.2.3"), "d.example", null);
        } catch (SpfSyntaxException expected) {
            // fine
        }
    }
}
