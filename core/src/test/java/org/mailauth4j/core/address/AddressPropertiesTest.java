package org.mailauth4j.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the address parser: formatting round trip, and no crash on hostile text. */
class AddressPropertiesTest {

    @Provide
    Arbitrary<Mailbox> mailboxes() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> domain = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').withChars("!#$%&'*+-/=?^_`{|}~ @\"\\(),;:<>[]").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> name = Arbitraries.strings().withCharRange(' ', '~').withChars("äß€").ofMinLength(1).ofMaxLength(15)
                .filter(s -> !s.isBlank() && !s.startsWith(" ") && !s.endsWith(" ") && !s.contains("  ") && !s.contains("=?"))
                .injectNull(0.3);
        return Combinators.combine(name, local, domain).as(Mailbox::new);
    }

    @Provide
    Arbitrary<List<Mailbox>> lists() {
        return mailboxes().list().ofMaxSize(4);
    }

    @Property(tries = 300)
    void formattedMailboxListsParseBackToTheSameMailboxes(@ForAll("lists") List<Mailbox> list) throws AddressException {
        String text = list.stream().map(Mailbox::toString).collect(Collectors.joining(", "));
        assertThat(AddressParser.parseMailboxList(text)).isEqualTo(list);
        AuthorDomain a = AuthorDomain.ofValue(text);
        if (list.size() == 1) {
            assertThat(a.domain()).isEqualTo(list.get(0).domain());
        } else {
            assertThat(a.isSingle()).isFalse();
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of("a", "b.example", "@", "<", ">", "\"", "\\", "(", ")", "[", "]", ",", ";", ":", ".", " ",
                        "\0", "=?utf-8?q?x?=", "é", "\uFF20", "\u3002", "xn--")
                .list().ofMaxSize(25).map(l -> String.join("", l));
    }

    @Property(tries = 1000)
    void hostileTextGivesMailboxesOrAnAddressExceptionNeverAnythingElse(@ForAll("hostile") String text) {
        try {
            List<Mailbox> boxes = AddressParser.parseMailboxList(text);
            for (Mailbox m : boxes) {
                if (m.domain() != null && !m.isDomainLiteral()) {
                    assertThat(m.asciiDomain()).matches("[a-z0-9_.-]+");
                }
            }
        } catch (AddressException e) {
            assertThat(e.position()).isBetween(0, text.length());
        }
        AuthorDomain a = AuthorDomain.ofValue(text);
        assertThat(a.isSingle()).isEqualTo(a.domains().size() == 1 && a.mailboxes().size() == 1);
    }
}
