package org.mailauth4j.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mailauth4j.core.message.HeaderField;

/** ABNF literals (RFC 5234 §2.3) and field names (RFC 5322 §1.2.2) ignore the case of A-Z, nothing more. */
class AsciiTest {
    // characters String.equalsIgnoreCase or toLowerCase fold onto ASCII letters
    private static final String LONG_S = "\u017F";    // LATIN SMALL LETTER LONG S: upper case is 'S'
    private static final String DOTLESS_I = "\u0131"; // LATIN SMALL LETTER DOTLESS I: upper case is 'I'
    private static final String KELVIN = "\u212A";    // KELVIN SIGN: lower case is 'k'

    @Test
    void asciiLettersMatchInEitherCase() {
        assertThat(Ascii.equalsIgnoreCase("DKIM-Signature", "dkim-signature")).isTrue();
        assertThat(Ascii.equalsIgnoreCase("rsa-sha256", "RSA-SHA256")).isTrue();
        assertThat(Ascii.equalsIgnoreCase("rsa-sha256", "rsa-sha25")).isFalse();
        assertThat(Ascii.equalsIgnoreCase("@", "`")).isFalse(); // 0x40 and 0x60 differ only in the case bit
        assertThat(Ascii.equalsIgnoreCase("[", "{")).isFalse();
        assertThat(Ascii.equalsIgnoreCase(null, "x")).isFalse();
        assertThat(Ascii.equalsIgnoreCase("x", null)).isFalse();
    }

    @Test
    void unicodeLookAlikesAreNotAsciiLetters() {
        assertThat("r" + LONG_S + "a-sha256").as("the JDK's view").isEqualToIgnoringCase("rsa-sha256");
        assertThat(Ascii.equalsIgnoreCase("r" + LONG_S + "a-sha256", "rsa-sha256")).isFalse();
        assertThat(Ascii.equalsIgnoreCase("f" + DOTLESS_I + "le", "FILE")).isFalse();
        assertThat(Ascii.equalsIgnoreCase("ad" + KELVIN + "im", "adkim")).isFalse();
        assertThat(Ascii.toLowerCase("AD" + KELVIN + "IM")).isEqualTo("ad" + KELVIN + "im");
        assertThat(Ascii.toLowerCase("\u00C9T\u00C9")).isEqualTo("\u00C9t\u00C9"); // É stays as it is
    }

    @Test
    void lowerCasingChangesOnlyAToZ() {
        assertThat(Ascii.toLowerCase("Received-SPF: X@Y")).isEqualTo("received-spf: x@y");
        String already = "already lower";
        assertThat(Ascii.toLowerCase(already)).isSameAs(already);
        assertThat(Ascii.toLower('Z')).isEqualTo('z');
        assertThat(Ascii.toLower('[')).isEqualTo('[');
    }

    @Test
    void fieldNamesCompareAsAscii() {
        HeaderField subject = HeaderField.of("Subject", " hi");
        assertThat(subject.hasName("SUBJECT")).isTrue();
        assertThat(subject.hasName(LONG_S + "ubject")).isFalse();
        assertThat(HeaderField.of("DKIM-Signature", " v").lowerName()).isEqualTo("dkim-signature");
    }
}
