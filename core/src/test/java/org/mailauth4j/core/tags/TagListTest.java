package org.mailauth4j.core.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** RFC 6376 §3.2 tag=value lists. */
class TagListTest {

    private static TagListException error(String text) {
        try {
            TagList.parse(text);
        } catch (TagListException e) {
            return e;
        }
        throw new AssertionError("no error for " + text);
    }

    @Test
    void parsesADkimSignatureStyleList() throws Exception {
        TagList t = TagList.parse("v=1; a=rsa-sha256; d=example.net; s=brisbane;\r\n"
                + "\tc=simple; q=dns/txt; i=@eng.example.net;\r\n\th=From:To; bh=MTIz\r\n\t NDU=; b=dzdV");
        assertThat(t.names()).containsExactly("v", "a", "d", "s", "c", "q", "i", "h", "bh", "b");
        assertThat(t.get("q")).isEqualTo("dns/txt");
        assertThat(t.get("i")).isEqualTo("@eng.example.net");
        assertThat(t.get("h")).isEqualTo("From:To");
        // Inner FWS is part of the value (§3.2: "tag-value ... 1*(WSP / FWS)"), outer FWS is not.
        assertThat(t.get("bh")).isEqualTo("MTIz\r\n\t NDU=");
        assertThat(t.size()).isEqualTo(10);
        assertThat(t.has("x")).isFalse();
        assertThat(t.get("x")).isNull();
        assertThat(t.get("x", "dflt")).isEqualTo("dflt");
    }

    @Test
    void fwsAroundNamesEqualsAndValuesIsIgnored() throws Exception {
        TagList t = TagList.parse(" \t a \r\n = \r\n\t1 2 \t;\r\n b=\t3");
        assertThat(t.get("a")).isEqualTo("1 2");
        assertThat(t.get("b")).isEqualTo("3");
        assertThat(t.tags().get(0).position()).isEqualTo(3);
        assertThat(t.tags().get(1).position()).isEqualTo(22);
    }

    @Test
    void emptyValuesAreAllowed() throws Exception {
        TagList t = TagList.parse("p=; t= ;n=");
        assertThat(t.get("p")).isEmpty();
        assertThat(t.get("t")).isEmpty();
        assertThat(t.get("n")).isEmpty();
        assertThat(t.has("p")).isTrue();
    }

    @Test
    void trailingSemicolonIsAllowedAndEmptyInputIsEmpty() throws Exception {
        assertThat(TagList.parse("v=DKIM1; p=abc;").names()).containsExactly("v", "p");
        assertThat(TagList.parse("v=DKIM1; p=abc; \r\n ").names()).containsExactly("v", "p");
        assertThat(TagList.parse("").size()).isZero();
    }

    @Test
    void valuesMayContainEqualsSignsAndColons() throws Exception {
        TagList t = TagList.parse("b=abc+/==; h=from:to:subject");
        assertThat(t.get("b")).isEqualTo("abc+/==");
        assertThat(t.get("h")).isEqualTo("from:to:subject");
    }

    @Test
    void namesAreCaseSensitive() throws Exception {
        TagList t = TagList.parse("a=1; A=2");
        assertThat(t.get("a")).isEqualTo("1");
        assertThat(t.get("A")).isEqualTo("2");
    }

    @Test
    void duplicateTagNamesTheTagAndItsPosition() {
        TagListException e = error("v=1; d=a.example; d=b.example");
        assertThat(e.tag()).isEqualTo("d");
        assertThat(e.position()).isEqualTo(18);
        assertThat(e.getMessage()).contains("tag d").contains("duplicate").contains("offset 18");
    }

    @Test
    void invalidTagNames() {
        TagListException digit = error("v=1; 1x=2");
        assertThat(digit.tag()).isEqualTo("1x");
        assertThat(digit.position()).isEqualTo(5);
        assertThat(error("a b=1").tag()).isEqualTo("a b");
        assertThat(error("a-b=1").tag()).isEqualTo("a-b");
        assertThat(error("=1").position()).isZero();
        assertThat(error("x=1; é=2").position()).isEqualTo(5);
        // ALNUMPUNC allows "_".
        assertThatCode("a_b1=1");
    }

    private static void assertThatCode(String ok) {
        try {
            assertThat(TagList.parse(ok).size()).isEqualTo(1);
        } catch (TagListException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tagWithoutEqualsSign() {
        TagListException e = error("v=1; oops; x=2");
        assertThat(e.tag()).isNull();
        assertThat(e.position()).isEqualTo(5);
        assertThat(e.getMessage()).contains("oops");
    }

    @Test
    void emptyTagSpecBetweenSemicolons() {
        TagListException e = error("a=1;; b=2");
        assertThat(e.position()).isEqualTo(4);
        assertThat(e.getMessage()).contains("empty tag-spec");
        assertThat(error(";").position()).isZero();
    }

    @Test
    void invalidCharactersInValuesNameTheTagAndOffset() {
        TagListException nul = error("a=1; b=x\0y");
        assertThat(nul.tag()).isEqualTo("b");
        assertThat(nul.position()).isEqualTo(8);
        assertThat(nul.getMessage()).contains("U+0000");
        assertThat(error("a=\u007f").getMessage()).contains("U+007F");
        assertThat(error("a=\u0001").tag()).isEqualTo("a");
    }

    @Test
    void nonAsciiValuesAreTolerated() throws Exception {
        // RFC 6376 VALCHAR is ASCII, but z= copies and DMARC rua with IDNs carry UTF-8 in practice.
        assertThat(TagList.parse("n=Grüße").get("n")).isEqualTo("Grüße");
    }

    @Test
    void toStringListsTagsInOrder() throws Exception {
        assertThat(TagList.parse(" a = 1 ;b=2;").toString()).isEqualTo("a=1; b=2");
    }

    // ------------------------------------------------------------------ round trip

    @Provide
    Arbitrary<Map<String, String>> lists() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofLength(1)
                .flatMap(first -> Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_')
                        .ofMaxLength(6).map(rest -> first + rest));
        Arbitrary<String> tval = Arbitraries.strings().withCharRange('!', ':').withCharRange('<', '~').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> values = tval.list().ofMaxSize(3).flatMap(words -> Arbitraries.of(" ", "\t", "\r\n ", " \r\n\t")
                .list().ofSize(Math.max(0, words.size() - 1)).map(seps -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < words.size(); i++) {
                        if (i > 0) {
                            sb.append(seps.get(i - 1));
                        }
                        sb.append(words.get(i));
                    }
                    return sb.toString();
                }));
        return Arbitraries.maps(names, values).ofMaxSize(8).map(LinkedHashMap::new);
    }

    @Property(tries = 300)
    void formatThenParseGivesTheSameTags(@ForAll("lists") Map<String, String> tags,
                                         @ForAll("fws") List<String> padding, @ForAll boolean trailingSemicolon)
            throws TagListException {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(padding.get(k++ % padding.size())).append(e.getKey()).append(padding.get(k++ % padding.size()))
                    .append('=').append(padding.get(k++ % padding.size())).append(e.getValue())
                    .append(padding.get(k++ % padding.size()));
        }
        if (trailingSemicolon && !tags.isEmpty()) {
            sb.append(';');
        }
        TagList parsed = TagList.parse(sb);
        Map<String, String> back = new LinkedHashMap<>();
        for (TagList.Tag t : parsed.tags()) {
            back.put(t.name(), t.value());
            assertThat(sb.substring(t.position())).startsWith(t.name());
        }
        assertThat(back).containsExactlyEntriesOf(tags);
        assertThat(new ArrayList<>(back.keySet())).isEqualTo(parsed.names());
        // toString() is itself a tag-list that parses to the same tags.
        assertThat(TagList.parse(parsed.toString()).toString()).isEqualTo(parsed.toString());
    }

    @Provide
    Arbitrary<List<String>> fws() {
        return Arbitraries.of("", " ", "\t", "\r\n ", " \r\n\t ").list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 200)
    void arbitraryTextEitherParsesOrNamesAnOffsetInside(@ForAll("junk") String text) {
        try {
            TagList.parse(text);
        } catch (TagListException e) {
            assertThat(e.position()).isBetween(0, text.length());
        }
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of("a", "b", "=", ";", " ", "\r\n", "\0", "1", "é", "v=1", "x")
                .list().ofMaxSize(20).map(l -> String.join("", l));
    }
}
