package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import java.nio.charset.StandardCharsets;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.dkim.Canonicalization;

/** Folding keeps lines within 78 columns (RFC 5322 §2.1.1) and never changes the relaxed form. */
class HeaderFolderTest {

    @Property(tries = 200)
    void foldedItemsUnfoldToTheSameRelaxedText(
            @ForAll @Size(min = 1, max = 12) List<@AlphaChars @StringLength(min = 1, max = 40) String> words) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            items.add(i % 3 == 0 ? words.get(i) + " " + words.get((i + 1) % words.size()) : words.get(i));
        }
        String text = new HeaderFolder("ARC-Authentication-Results").items(items).text();
        for (String line : text.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        String relaxed = new String(Canonicalization.RELAXED.canonicalizeHeader(HeaderField.of(text)), StandardCharsets.ISO_8859_1);
        assertThat(relaxed).isEqualTo("arc-authentication-results:" + String.join("; ", items) + "\r\n");
    }

    @Property(tries = 50)
    void signatureValuesFitAndKeepTheirCharacters(@ForAll @AlphaChars @StringLength(min = 1, max = 400) String b64) {
        List<String[]> tags = List.of(new String[] {"a", "rsa-sha256"}, new String[] {"b", b64}, new String[] {"d", "example.org"});
        String text = new HeaderFolder("ARC-Seal").tags(tags).text();
        for (String line : text.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(text.replaceAll("\\s", "")).isEqualTo("ARC-Seal:a=rsa-sha256;b=" + b64 + ";d=example.org");
    }
}
