package org.mailauth4j.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailauth4j.core.address.AuthorDomain.Status;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.junit.jupiter.api.Test;

/**
 * The author domain (RFC 7489 §3.1.1): exactly one domain or an explicit reason why not,
 * including the From-header ambiguities of "Composition Kills" (USENIX Security 2020).
 */
class AuthorDomainTest {

    private static AuthorDomain of(String... fields) {
        return AuthorDomain.of(java.util.Arrays.stream(fields).map(HeaderField::of).toList());
    }

    @Test
    void singleMailbox() {
        AuthorDomain a = of("To: x@to.example", "From: Ann <ann@Mail.Example.COM>", "Subject: s");
        assertThat(a.status()).isEqualTo(Status.SINGLE);
        assertThat(a.isSingle()).isTrue();
        assertThat(a.domain()).isEqualTo("mail.example.com");
        assertThat(a.domains()).containsExactly("mail.example.com");
        assertThat(a.mailboxes()).containsExactly(new Mailbox("Ann", "ann", "Mail.Example.COM"));
    }

    @Test
    void fromAParsedMessageWithFoldingAndObsoleteColonSpacing() throws Exception {
        Message m = Message.parse("from \t: \"Ann\"\r\n <ann@example.org>\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));
        assertThat(AuthorDomain.of(m.headers()).domain()).isEqualTo("example.org");
    }

    @Test
    void noFromField() {
        AuthorDomain a = of("Sender: s@example.com");
        assertThat(a.status()).isEqualTo(Status.NO_FIELD);
        assertThat(a.domains()).isEmpty();
        assertThatThrownBy(a::domain).isInstanceOf(IllegalStateException.class).hasMessageContaining("NO_FIELD");
    }

    @Test
    void twoFromFieldsAreNeverSingleEvenWithTheSameDomain() {
        AuthorDomain a = of("From: a@good.example", "From: b@evil.example");
        assertThat(a.status()).isEqualTo(Status.MULTIPLE_FIELDS);
        assertThat(a.domains()).containsExactly("good.example", "evil.example");
        assertThat(a.detail()).isEqualTo("2 From header fields");
        assertThat(of("From: a@same.example", "FROM: a@same.example").status()).isEqualTo(Status.MULTIPLE_FIELDS);
        // One of them unparseable: still MULTIPLE_FIELDS, the parseable one's domain listed.
        assertThat(of("From: a@good.example", "From: \"broken").domains()).containsExactly("good.example");
    }

    @Test
    void severalMailboxesInOneField() {
        AuthorDomain a = of("From: <attacker@evil.example>, <victim@good.example>");
        assertThat(a.status()).isEqualTo(Status.MULTIPLE_MAILBOXES);
        assertThat(a.domains()).containsExactly("evil.example", "good.example");
        AuthorDomain same = of("From: a@x.example, b@X.example");
        assertThat(same.status()).isEqualTo(Status.MULTIPLE_MAILBOXES);
        assertThat(same.domains()).containsExactly("x.example");
        assertThat(same.mailboxes()).hasSize(2);
        assertThatThrownBy(same::domain).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void groupsCountTheirMembers() {
        assertThat(of("From: Team: a@x.example;").status()).isEqualTo(Status.SINGLE);
        assertThat(of("From: Team: a@x.example, b@y.example;").status()).isEqualTo(Status.MULTIPLE_MAILBOXES);
        assertThat(of("From: undisclosed-recipients:;").status()).isEqualTo(Status.NO_MAILBOX);
        assertThat(of("From: ").status()).isEqualTo(Status.NO_MAILBOX);
    }

    @Test
    void mailboxWithoutDomain() {
        assertThat(of("From: user").status()).isEqualTo(Status.NO_DOMAIN);
        assertThat(of("From: Name <user>").status()).isEqualTo(Status.NO_DOMAIN);
        AuthorDomain literal = of("From: a@[192.0.2.1]");
        assertThat(literal.status()).isEqualTo(Status.NO_DOMAIN);
        assertThat(literal.detail()).contains("[192.0.2.1]");
        assertThat(literal.domains()).isEmpty();
    }

    @Test
    void compositionKillsStyleInputsAreNeverASingleWrongDomain() {
        // A display name that looks like an address: the domain is the angle-addr's.
        assertThat(of("From: \"victim@good.example\" <attacker@evil.example>").domain()).isEqualTo("evil.example");
        // Unquoted address-like display name: not RFC 5322, reported, not guessed.
        assertThat(of("From: victim@good.example <attacker@evil.example>").status()).isEqualTo(Status.SYNTAX_ERROR);
        // An address in a comment is a comment.
        assertThat(of("From: attacker@evil.example (victim@good.example)").domain()).isEqualTo("evil.example");
        assertThat(of("From: (victim@good.example) attacker@evil.example").domain()).isEqualTo("evil.example");
        // Source route: the route domain is not the author domain.
        assertThat(of("From: <@good.example:attacker@evil.example>").domain()).isEqualTo("evil.example");
        // Quoted local part containing '@'.
        assertThat(of("From: \"victim@good.example\"@evil.example").domain()).isEqualTo("evil.example");
        // Two addresses without a separator, or with a stray '<'.
        assertThat(of("From: attacker@evil.example victim@good.example").status()).isEqualTo(Status.SYNTAX_ERROR);
        assertThat(of("From: <attacker@evil.example><victim@good.example>").status()).isEqualTo(Status.SYNTAX_ERROR);
        // Unbalanced quotes and brackets.
        assertThat(of("From: \"victim@good.example <attacker@evil.example>").status()).isEqualTo(Status.SYNTAX_ERROR);
        assertThat(of("From: victim@good.example>").status()).isEqualTo(Status.SYNTAX_ERROR);
        assertThat(of("From: (victim@good.example attacker@evil.example").status()).isEqualTo(Status.SYNTAX_ERROR);
        // Fullwidth '@' is just a letter: no domain at all.
        assertThat(of("From: victim\uFF20good.example").status()).isEqualTo(Status.NO_DOMAIN);
    }

    @Test
    void syntaxErrorDetailNamesTheProblem() {
        AuthorDomain a = of("From: \"unterminated <a@b.example>");
        assertThat(a.status()).isEqualTo(Status.SYNTAX_ERROR);
        assertThat(a.detail()).contains("unterminated quoted string");
        assertThat(a.domains()).isEmpty();
    }

    @Test
    void encodedWordDisplayName() {
        AuthorDomain a = of("From: =?UTF-8?B?8J+Ukg==?= PayPal <service@paypal.example>");
        assertThat(a.domain()).isEqualTo("paypal.example");
        assertThat(a.mailboxes().get(0).displayName()).isEqualTo("\uD83D\uDD12 PayPal");
    }

    @Test
    void ofValueParsesOneFieldValue() {
        assertThat(AuthorDomain.ofValue("a@B.example").domain()).isEqualTo("b.example");
        assertThat(AuthorDomain.of(List.of()).status()).isEqualTo(Status.NO_FIELD);
    }
}
