package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;

/** The 8-bytes-at-a-time scans agree with byte-by-byte definitions. */
class BodyCanonicalizerFastPathTest {

    @Property(tries = 2000)
    void byteMasksAreExact(@ForAll long w) {
        long zero = 0;
        long le20 = 0;
        for (int k = 0; k < 8; k++) {
            int b = (int) (w >>> (8 * k)) & 0xff;
            if (b == 0) {
                zero |= 0x80L << (8 * k);
            }
            if (b <= 0x20) {
                le20 |= 0x80L << (8 * k);
            }
        }
        assertThat(BodyCanonicalizer.zeroBytes(w)).isEqualTo(zero);
        assertThat(BodyCanonicalizer.lessOrEqual20(w)).isEqualTo(le20);
    }

    @Property(tries = 1000)
    void skipCanonicalMatchesTheByteByByteRule(@ForAll @Chars({'a', ' ', '\t', '\r', '\n', 'é', 'x'}) @Size(max = 60) String text) {
        byte[] b = ("x" + text).getBytes(StandardCharsets.UTF_8);
        int expected = 1;
        while (expected < b.length) {
            int x = b[expected] & 0xff;
            if (x > 0x20) {
                expected++;
            } else if (x == ' ' && expected + 1 < b.length && (b[expected + 1] & 0xff) > 0x20) {
                expected += 2;
            } else if (x == '\r' && expected + 2 < b.length && b[expected + 1] == '\n' && (b[expected + 2] & 0xff) > 0x20) {
                expected += 3;
            } else {
                break;
            }
        }
        assertThat(BodyCanonicalizer.skipCanonical(b, 1, b.length)).isEqualTo(expected);
        int lf = 0;
        while (lf < b.length && b[lf] != '\n') {
            lf++;
        }
        assertThat(BodyCanonicalizer.indexOfLf(b, 0, b.length)).isEqualTo(lf);
    }
}
