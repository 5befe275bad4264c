package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;

/**
 * DKIM-Signature fields read from their bytes ({@link SignatureTags}, {@link DkimSignature#parse}):
 * tricky inputs with the outcome RFC 6376 prescribes, and the byte scanner against core's
 * {@link TagList} (the tag=value parser of key records and ARC) on arbitrary lists.
 */
class SignatureTagsTest {
    private static final String BH = "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; // SHA-256 of the empty string
    private static final byte[] TEST = "test".getBytes(StandardCharsets.US_ASCII); // base64 "dGVzdA=="

    private static DkimSignature parse(String value) throws DkimFormatException {
        return DkimSignature.parse(HeaderField.of("DKIM-Signature:" + value));
    }

    private static void rejected(String value, String reason) {
        assertThatThrownBy(() -> parse(value)).isInstanceOf(DkimFormatException.class).hasMessageContaining(reason);
    }

    /** §3.5 b=: "Whitespace is ignored in this value"; ABNF base64string allows [FWS] between all characters, padding included. */
    @Test
    void foldingWhiteSpaceInsideBase64IsIgnored() throws Exception {
        DkimSignature s = parse(" v=1; a=rsa-sha256; d=example.com; s=sel; h=From;\r\n bh=47DEQpj8HBSa+/TImW+5JC\r\n\teuQeRkm5NMpJWZG3hSuFU=;"
                + " b=dG\r\n Vz dA\t=\r\n =");
        assertThat(s.signature()).isEqualTo(TEST);
        assertThat(s.signatureBase64()).isEqualTo("dGVzdA==");
        assertThat(s.bodyHash()).isEqualTo(sha256(""));
    }

    /** §3.2: WSP around tag names, around "=" and before ";" is not part of the value. */
    @Test
    void whiteSpaceAroundTagsIsNotPartOfTheValue() throws Exception {
        DkimSignature s = parse("\r\n\tv = 1 ;a =\trsa-sha256\t; d =example.com ;\r\n s= sel ; h = From ; " + BH
                + " ;\r\n b = dGVzdA== ; i = @example.com ;");
        assertThat(s.algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
        assertThat(s.domain()).isEqualTo("example.com");
        assertThat(s.selector()).isEqualTo("sel");
        assertThat(s.signedHeaders()).containsExactly("From");
        assertThat(s.identity()).isEqualTo("@example.com");
        assertThat(s.signature()).isEqualTo(TEST);
    }

    /** §3.2 and §3.5 put no order on a signature's tags: any order gives the same signature. */
    @Test
    void tagOrderDoesNotMatter() throws Exception {
        DkimSignature a = parse(" v=1; a=rsa-sha256; d=example.com; s=sel; h=From:To; " + BH + "; b=dGVzdA==; l=0; t=5");
        DkimSignature b = parse(" t=5; b=dGVzdA==; l=0; " + BH + "; h=From:To; s=sel; d=example.com; a=rsa-sha256; v=1");
        assertThat(b.signedHeaders()).isEqualTo(a.signedHeaders());
        assertThat(b.signature()).isEqualTo(a.signature());
        assertThat(b.bodyHash()).isEqualTo(a.bodyHash());
        assertThat(b.bodyLength()).isEqualTo(0);
        assertThat(b.timestamp()).isEqualTo(5);
        assertThat(b.domain()).isEqualTo(a.domain());
    }

    /**
     * §3.2: "Tags with duplicate names MUST NOT occur within a single tag-list; if a tag name does
     * occur more than once, the entire tag-list is invalid" — tags DKIM defines and others alike;
     * tag names are case-sensitive, so V= and v= are two different tags.
     */
    @Test
    void duplicateTagsMakeTheListInvalid() throws Exception {
        String ok = " v=1; a=rsa-sha256; d=example.com; s=sel; h=From; " + BH + "; b=dGVzdA==";
        rejected(ok + "; b=dGVzdA==", "duplicate tag");
        rejected(ok + "; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "duplicate tag");
        rejected(ok + "; foo=1; foo=2", "duplicate tag");
        rejected(" v=1;" + ok, "duplicate tag");
        assertThat(parse(ok + "; V=2; foo=1; Foo=2; foo_2=3").domain()).isEqualTo("example.com"); // §3.2: unrecognized tags are ignored
        rejected(ok.replace("v=1", "V=1"), "missing required tag v=");
    }

    /** §3.2: tag-list = tag-spec *( ";" tag-spec ) [ ";" ]; tag-name = ALPHA *ALNUMPUNC; VALCHAR = %x21-3A / %x3C-7E. */
    @Test
    void tagListSyntax() throws Exception {
        String ok = " v=1; a=rsa-sha256; d=example.com; s=sel; h=From; " + BH + "; b=dGVzdA==";
        assertThat(parse(ok + ";").selector()).isEqualTo("sel");
        assertThat(parse(ok + "; \r\n ").selector()).isEqualTo("sel");
        rejected(ok + ";;", "signature syntax error");
        rejected(";" + ok, "signature syntax error");
        rejected(ok + "; novalue", "signature syntax error");
        rejected(ok + "; 1x=2", "signature syntax error");
        rejected(ok + "; x-y=2", "signature syntax error");
        rejected(ok + "; z=a\u0001b", "signature syntax error");
        rejected(ok + "; z=a\u007fb", "signature syntax error");
        assertThat(parse(ok + "; z=Subject:caf\u00e9").copiedHeaders()).isEqualTo("Subject:caf\u00e9"); // 8-bit (RFC 6532) kept
        assertThat(parse(ok + "; foo=\u00e9").selector()).isEqualTo("sel");
    }

    /** §3.5 b=/bh= are base64 (RFC 2045): outside the alphabet, or data after the padding, is permerror. */
    @Test
    void badBase64IsRefused() {
        String head = " v=1; a=rsa-sha256; d=example.com; s=sel; h=From; ";
        rejected(head + BH + "; b=dGVz*dA==", "b= is not valid base64");
        rejected(head + BH + "; b=dGVzdA==dGVz", "b= is not valid base64");
        rejected(head + BH + "; b=dGVzdA==\u00e9", "b= is not valid base64");
        rejected(head + "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=!; b=dGVzdA==", "bh= is not valid base64");
        rejected(head + BH + "; b=", "signature b= is empty");
        rejected(head + "bh=dGVzdA==; b=dGVzdA==", "body hash bh= has 4 bytes, sha256 needs 32");
    }

    /**
     * §3.5 h=: "Folding whitespace (FWS) MAY be included on either side of the colon separator.
     * Header field names MUST be compared against actual header field names in a case-insensitive
     * manner"; names are kept as written; From is required whatever its case (§5.4).
     */
    @Test
    void signedHeaderNamesWithFoldingAndMixedCase() throws Exception {
        DkimSignature s = parse(" v=1; a=rsa-sha256; d=example.com; s=sel; " + BH + "; b=dGVzdA==;\r\n h = fROM :\r\n\tTO: Subject\r\n :"
                + "message-ID:From");
        assertThat(s.signedHeaders()).containsExactly("fROM", "TO", "Subject", "message-ID", "From");
        List<HeaderField> headers = List.of(HeaderField.of("from: a@example.com"), HeaderField.of("SUBJECT: hi"),
                HeaderField.of("To: b@example.org"));
        assertThat(HeaderSelector.select(headers, s.signedHeaders()))
                .containsExactly(headers.get(0), headers.get(2), headers.get(1));
        rejected(" v=1; a=rsa-sha256; d=example.com; s=sel; " + BH + "; b=dGVzdA==; h=To: :From", "h= has an empty header name");
        rejected(" v=1; a=rsa-sha256; d=example.com; s=sel; " + BH + "; b=dGVzdA==; h=To:Subject", "h= does not include From");
    }

    /**
     * §5.4.2: for each h= name, the last instance not yet used; names that differ only in letter
     * case are the same name, names of the same length and first letter are not.
     */
    @Test
    void selectionAmongLookAlikeNames() {
        HeaderField xa1 = HeaderField.of("X-A: 1");
        HeaderField xb = HeaderField.of("X-B: 2");
        HeaderField xa2 = HeaderField.of("x-a: 3");
        HeaderField to = HeaderField.of("TO: 4");
        HeaderField tx = HeaderField.of("Tx: 5");
        List<HeaderField> headers = List.of(xa1, xb, xa2, to, tx);
        assertThat(HeaderSelector.select(headers, List.of("x-A", "X-a", "X-A", "tO", "to", "X-C", "x-b", "TX")))
                .containsExactly(xa2, xa1, to, xb, tx);
    }

    /** §3.5 l=, t=, x=: digits only (1*76DIGIT, 1*12DIGIT). */
    @Test
    void numbers() throws Exception {
        String ok = " v=1; a=rsa-sha256; d=example.com; s=sel; h=From; " + BH + "; b=dGVzdA==";
        assertThat(parse(ok + "; l=0012; t=1700000000; x=1700000001").bodyLength()).isEqualTo(12);
        rejected(ok + "; l=", "l= is empty");
        rejected(ok + "; l=1 2", "l=1 2 is not a number");
        rejected(ok + "; t=-1", "t=-1 is not a number");
        rejected(ok + "; x=1234567890123", "x=1234567890123 has more than 12 digits");
    }

    /**
     * §3.7: the header hash covers the signature field "with the value of the b= tag (including all
     * surrounding whitespace) deleted"; whether the field comes parsed or raw, the digest is that
     * of the same bytes, here written out by hand.
     */
    @Test
    void headerHashLeavesOutTheSignatureValue() throws Exception {
        HeaderField from = HeaderField.of("From :  Joe\r\n\t <joe@example.com>  ");
        String value = " v=1; a=rsa-sha256; c=relaxed/simple; d=example.com; s=sel;\r\n h=From; " + BH + "; b =\r\n dGVz\r\n dA== ; t=1";
        HeaderField field = HeaderField.of("DKIM-Signature:" + value);
        DkimSignature sig = DkimSignature.parse(field);
        byte[] relaxed = sha256("from:Joe <joe@example.com>\r\n"
                + "dkim-signature:v=1; a=rsa-sha256; c=relaxed/simple; d=example.com; s=sel; h=From; " + BH + "; b =; t=1");
        assertThat(HeaderHasher.digest(sig, List.of(from))).isEqualTo(relaxed);
        assertThat(HeaderHasher.digest(HashAlgorithm.SHA256, Canonicalization.RELAXED, List.of(from), field)).isEqualTo(relaxed);
        byte[] simple = sha256("From :  Joe\r\n\t <joe@example.com>  \r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/simple; d=example.com; s=sel;\r\n h=From; " + BH + "; b =; t=1");
        assertThat(HeaderHasher.digest(HashAlgorithm.SHA256, Canonicalization.SIMPLE, List.of(from), field)).isEqualTo(simple);
        assertThat(HeaderHasher.digest(HashAlgorithm.SHA256, Canonicalization.SIMPLE, List.of(from),
                HeaderHasher.withEmptySignature(field))).isEqualTo(simple);
        DkimSignature last = parse(" v=1; a=rsa-sha256; c=simple/simple; d=example.com; s=sel; h=From; " + BH + "; b=dGVz dA==  ");
        assertThat(HeaderHasher.digest(last, List.of(from))).isEqualTo(sha256("From :  Joe\r\n\t <joe@example.com>  \r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple; d=example.com; s=sel; h=From; " + BH + "; b="));
    }

    /** Bytes A-Z become a-z; every other byte value stays, in every position of the word. */
    @Test
    void lowerCaseLettersWordAtATime() {
        for (int v = 0; v < 256; v++) {
            for (int k = 0; k < 8; k++) {
                long w = 0x4142434445464748L & ~(0xffL << (8 * k)) | ((long) v << (8 * k));
                long lower = Canonicalization.lowerCaseLetters(w);
                for (int j = 0; j < 8; j++) {
                    int in = (int) (w >>> (8 * j)) & 0xff;
                    int expected = in >= 'A' && in <= 'Z' ? in + 32 : in;
                    assertThat((int) (lower >>> (8 * j)) & 0xff).as("byte %x at %d", in, j).isEqualTo(expected);
                }
            }
        }
    }

    @Provide
    Arbitrary<String> signedHeaderLists() {
        Arbitrary<String> name = Arbitraries.of("From", "from", "FROM", "To", "tO", "x-a", "X-A", "Subject", "Fr om",
                "Fr\r\n om", "\u017Fubject", "\u00e9t\u00e9", "", "Cc");
        Arbitrary<String> fws = Arbitraries.of("", " ", "\t", "\r\n ", " \r\n\t");
        Arbitrary<String> piece = net.jqwik.api.Combinators.combine(fws, name, fws).as((a, n, b) -> a + n + b);
        return piece.list().ofMinSize(1).ofMaxSize(10).map(p -> String.join(":", p));
    }

    /**
     * h= read from the bytes gives the names the §3.5 grammar gives (pieces between colons, FWS
     * removed), the same errors, and selects the same fields as selecting by those names.
     */
    @Property(tries = 2000)
    void signedHeaderNamesAsTheGrammarReadsThem(@ForAll("signedHeaderLists") String h) throws Exception {
        String head = " v=1; a=rsa-sha256; d=example.com; s=sel; " + BH + "; b=dGVzdA==; h=";
        List<String> expected = new java.util.ArrayList<>();
        for (String piece : h.split(":", -1)) {
            expected.add(piece.replaceAll("[ \t\r\n]", ""));
        }
        if (expected.contains("")) {
            rejected(head + h, "h= has an empty header name");
            return;
        }
        if (expected.stream().noneMatch(n -> n.equalsIgnoreCase("from"))) {
            rejected(head + h, "h= does not include From");
            return;
        }
        DkimSignature sig = parse(head + h);
        assertThat(sig.signedHeaders()).isEqualTo(expected);
        List<HeaderField> headers = List.of(HeaderField.of("From: a"), HeaderField.of("To: b"), HeaderField.of("from: c"),
                HeaderField.of("X-A: d"), HeaderField.of("Subject: e"), HeaderField.of("x-a: f"), HeaderField.of("Cc: g"));
        assertThat(HeaderSelector.select(headers, sig.headerNames())).isEqualTo(HeaderSelector.select(headers, expected));
    }

    @Provide
    Arbitrary<String> tagLists() {
        Arbitrary<String> piece = Arbitraries.of("v", "a", "b", "bh", "h", "d", "z", "foo", "V", "x_1", "1x", "=", ";", " ",
                "\t", "\r\n ", "\r\n", "rsa-sha256", "dGVz dA==", "From:To", "\u00e9", "\u0001", "\u007f", ":", "a=b", "b=");
        return piece.list().ofMaxSize(24).map(p -> String.join("", p));
    }

    /**
     * The scanner accepts exactly the lists core's TagList accepts, and gives every tag DKIM
     * defines the same value; the text is also given as raw bytes with malformed UTF-8 in it.
     */
    @Property(tries = 3000)
    void scannerAgreesWithTagList(@ForAll("tagLists") String list) {
        byte[] utf8 = list.getBytes(StandardCharsets.UTF_8);
        agree(utf8);
        byte[] latin1 = list.getBytes(StandardCharsets.ISO_8859_1); // U+00E9 as a lone 0xE9: not UTF-8
        agree(latin1);
    }

    private static void agree(byte[] value) {
        for (int pad = 0; pad < 8; pad++) { // every alignment to the eight-byte words
            byte[] raw = new byte[pad + value.length + 2];
            System.arraycopy(value, 0, raw, pad, value.length);
            raw[raw.length - 2] = '\r';
            raw[raw.length - 1] = '\n';
            SignatureTags scanned = SignatureTags.scan(raw, pad, pad + value.length);
            TagList reference;
            try {
                reference = TagList.parse(new String(value, StandardCharsets.UTF_8));
            } catch (TagListException e) {
                assertThat(scanned).as("TagList refuses: %s", e.getMessage()).isNull();
                continue;
            }
            assertThat(scanned).as("TagList accepts").isNotNull();
            for (int slot = 0; slot < SignatureTags.NAMES.length; slot++) {
                assertThat(scanned.text(slot)).isEqualTo(reference.get(SignatureTags.NAMES[slot]));
            }
        }
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
