package org.mailauth4j.core.ar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;

/** format → parse gives back the same value, in strict and lenient mode, and the output is a safe field. */
class AuthenticationResultsRoundTripTest {

    private static Arbitrary<String> keywords() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-').ofMinLength(1).ofMaxLength(10)
                .filter(k -> !k.endsWith("-"));
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
                Arbitraries.strings().withChars("ab@.;()\"\\ =/+é\t").ofMaxLength(12),
                Arbitraries.of("example.com", "user@example.com", "@example.com", "1.2.3.4", "a.b+c@x-y.example", "none"));
    }

    @Provide
    Arbitrary<AuthenticationResults> results() {
        Arbitrary<ResInfo.Property> prop = Combinators.combine(keywords(), keywords(), values()).as(ResInfo.Property::new);
        Arbitrary<ResInfo> res = Combinators.combine(keywords(), Arbitraries.integers().between(0, 3), keywords(),
                values().injectNull(0.5), prop.list().ofMaxSize(4)).as(ResInfo::new);
        Arbitrary<String> authserv = values().filter(v -> !v.isEmpty());
        return Combinators.combine(authserv, Arbitraries.integers().between(0, 2), res.list().ofMaxSize(4)).as(AuthenticationResults::new);
    }

    @Property(tries = 500)
    void formatThenParseIsIdentity(@ForAll("results") AuthenticationResults ar) throws Exception {
        HeaderField field = ar.toHeaderField();
        assertThat(AuthenticationResults.parseStrict(field.value())).isEqualTo(ar);
        assertThat(AuthenticationResults.parse(field.value())).isEqualTo(ar);
        assertThat(AuthenticationResults.parseStrict(field.unfoldedValue())).isEqualTo(ar);
    }

    @Property(tries = 300)
    void formattedFieldIsOneFieldWithShortLines(@ForAll("results") AuthenticationResults ar) throws Exception {
        HeaderField field = ar.toHeaderField();
        // Parsing the field inside a message yields exactly this one field: nothing was injected.
        Message m = Message.parse((field.toString() + "\r\n\r\nbody").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(m.headers()).containsExactly(field);
        // Lines stay within 78 columns unless a single unbreakable item is longer.
        String[] lines = field.toString().split("\r\n");
        for (String line : lines) {
            if (line.length() > 78) {
                assertThat(line.trim()).doesNotContain(" ");
            }
        }
    }

    @Property(tries = 300)
    void lenientParsingNeverThrows(@ForAll("junk") String junk) {
        AuthenticationResults ar = AuthenticationResults.parse(junk);
        assertThat(ar.authservId()).isNotNull();
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of("mx", ";", "=", "spf", "pass", ".", "(", ")", "\"", "\\", " ", "\r\n ", "reason", "smtp", "none", "1", "/", "@", "é", "\0")
                .list().ofMaxSize(30).map(l -> String.join("", l));
    }
}
