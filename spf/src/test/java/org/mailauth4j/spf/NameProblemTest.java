package org.mailauth4j.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.testing.DomainNameArbitraries;

/**
 * RFC 7208 §4.3: a domain that is malformed (RFC 1035 label and name lengths, empty labels),
 * not multi-label, an address literal or an IP address cannot be checked. Plain names are
 * answered by {@link DnsNames}' one-pass check (tested against its full checks in core).
 */
class NameProblemTest {
    @Provide
    Arbitrary<String> names() {
        return DomainNameArbitraries.mixedNames();
    }

    /** An accepted name is a valid DNS name of at least two labels, without spaces or controls. */
    @Property(tries = 3000)
    void acceptedNamesAreValidMultiLabelNames(@ForAll("names") String name) {
        if (SpfEvaluator.identityDomainProblem(name) == null) {
            String d = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            assertThat(DnsNames.problem(d)).isNull();
            assertThat(d).contains(".").doesNotContain(" ").doesNotStartWith("[");
            assertThat(d.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).isTrue();
        }
    }

    @Test
    void boundaries() {
        String l63 = "a".repeat(63);
        String l64 = "a".repeat(64);
        String n253 = (l63 + ".").repeat(3) + "b".repeat(61);
        for (String ok : List.of("Example.COM.", l63 + ".com", n253, n253 + ".", "bücher.example", "straße.de", "a.1b")) {
            assertThat(SpfEvaluator.identityDomainProblem(ok)).as(ok).isNull();
        }
        for (String bad : java.util.Arrays.asList(null, "", ".", "a", "a.", "a..", ".a", "a..b", "example.com..",
                l64 + ".com", n253 + "c", "a\u0000.com", "a\u007f.com", "a b.com", "192.0.2.1", "a.123", "[192.0.2.1]")) {
            assertThat(SpfEvaluator.identityDomainProblem(bad)).as(String.valueOf(bad)).isNotNull();
        }
        assertThat(SpfEvaluator.identityDomainProblem("192.0.2.1")).contains("IP address");
        for (String emptyLast : List.of("a..", "example.com..", "a...")) { // not "an IP address": the last label is empty
            assertThat(SpfEvaluator.identityDomainProblem(emptyLast)).as(emptyLast).contains("empty label")
                    .doesNotContain("IP address");
        }
        assertThat(SpfEvaluator.identityDomainProblem("a b.com")).contains("space");
        assertThat(SpfEvaluator.identityDomainProblem(l64 + ".com")).contains("63");
        assertThat(SpfEvaluator.identityDomainProblem(n253 + "c")).contains("253");
    }
}
