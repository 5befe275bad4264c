package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.message.HeaderField;

/** RFC 9989 §5.3.1: extracting exactly one Author Domain from RFC5322.From. */
class AuthorDomainTest {

    private static AuthorDomain of(String... fields) {
        return AuthorDomain.fromHeaders(java.util.Arrays.stream(fields).map(HeaderField::of).toList());
    }

    @Test
    void plainAndDisplayNameForms() {
        assertThat(of("From: jane@Example.COM").domain()).isEqualTo("example.com");
        assertThat(of("From: Jane <jane@example.com>").domain()).isEqualTo("example.com");
        assertThat(of("From: \"Jane <jane@evil.example>\" <jane@example.com>").domain()).isEqualTo("example.com");
        assertThat(of("From: jane@example.com (Jane <x@evil.example>)").domain()).isEqualTo("example.com");
        assertThat(of("From: Jane\r\n <jane@example.com>").domain()).isEqualTo("example.com");
        assertThat(of("From: <@relay.example:jane@example.com>").domain()).isEqualTo("example.com");
        assertThat(of("Subject: x", "From: jane@example.com.").domain()).isEqualTo("example.com");
    }

    @Test
    void ambiguitiesAreReported() {
        assertThat(of("Subject: x").status()).isEqualTo(AuthorDomain.Status.NO_FROM);
        assertThat(of("From: a@example.com", "From: b@example.org").status())
                .isEqualTo(AuthorDomain.Status.MULTIPLE_FIELDS);
        AuthorDomain two = of("From: a@example.com, b@example.org");
        assertThat(two.status()).isEqualTo(AuthorDomain.Status.MULTIPLE_DOMAINS);
        assertThat(two.domains()).containsExactly("example.com", "example.org");
        assertThat(of("From: a@example.com, b@EXAMPLE.com").status()).isEqualTo(AuthorDomain.Status.SINGLE);
        assertThat(of("From: undisclosed-recipients:;").status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
        assertThat(of("From: jane").status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
        assertThat(of("From: jane@[192.0.2.1]").status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
        assertThat(of("From: jane@exa mple..com").status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
        assertThat(of("From: \"unterminated <a@example.com>").status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
        assertThat(of("From:").status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
    }

    @Test
    void groupWithMembers() {
        assertThat(of("From: team: a@example.com, b@example.com;").domain()).isEqualTo("example.com");
    }

    @Test
    void idnBecomesALabel() {
        assertThat(of("From: jane@bücher.example").domain()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void hostileFieldIsBounded() {
        String many = "From: " + String.join(", ", java.util.Collections.nCopies(5000, "a@example.com"));
        assertThat(of(many).status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
        String nested = "From: " + "(".repeat(100_000) + "a@example.com";
        assertThat(of(nested).status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
    }

    @Test
    void explicitValues() {
        assertThat(AuthorDomain.of("EXAMPLE.com").domain()).isEqualTo("example.com");
        assertThat(AuthorDomain.of("bad..name").status()).isEqualTo(AuthorDomain.Status.NO_DOMAIN);
        assertThat(AuthorDomain.problem(AuthorDomain.Status.MULTIPLE_DOMAINS, List.of("a.example", "b.example"),
                "x").domain()).isNull();
    }
}
