package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.message.MessageFormatException;

/**
 * Bad input never crashes the facade (DESIGN/COMMON standards): a vector message truncated at a
 * random point, or with one byte overwritten, gives either a report — every result a valid RFC 8601
 * result word and an Authentication-Results field that parses back strictly — or a
 * {@link MessageFormatException} naming the problem; nothing else, and never a hang.
 */
class MutatedVectorPropertiesTest {
    private static final Set<String> WORDS = Set.of("pass", "fail", "softfail", "neutral", "none", "temperror",
            "permerror", "policy");

    @Provide
    Arbitrary<VectorSample.Vector> vector() {
        return Arbitraries.of(VectorSample.all());
    }

    @Provide
    Arbitrary<Byte> hostileByte() {
        return Arbitraries.of((byte) 0, (byte) '\r', (byte) '\n', (byte) ':', (byte) ';', (byte) '=', (byte) ' ',
                (byte) 0x80, (byte) 0xff, (byte) 'a');
    }

    @Property(tries = 300, seed = "5322")
    void mutatedVectorsGiveAReportOrANamedFormatError(@ForAll("vector") VectorSample.Vector v,
            @ForAll @IntRange(min = 0, max = 1_000_000) int where, @ForAll boolean truncate,
            @ForAll("hostileByte") byte b) throws Exception {
        byte[] m = v.message();
        int at = where % (m.length + 1);
        byte[] mutated;
        if (truncate || m.length == 0) {
            mutated = Arrays.copyOf(m, at);
        } else {
            mutated = m.clone();
            mutated[Math.min(at, m.length - 1)] = b;
        }
        AuthenticationReport r;
        try {
            r = v.auth().authenticateAsync(mutated, v.envelope()).get(30, TimeUnit.SECONDS);
        } catch (MessageFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(r.spf().result()).isIn(WORDS);
        r.dkim().forEach(d -> assertThat(d.result()).isIn(WORDS));
        assertThat(r.arc().result()).isIn("pass", "fail", "none");
        assertThat(r.dmarc().result()).isIn(WORDS);
        AuthenticationResults parsed = AuthenticationResults.parseStrict(r.authenticationResultsValue());
        assertThat(parsed.results()).isNotEmpty();
    }
}
