package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;

/**
 * Hostile ARC fields never crash the validator: any byte of any ARC field of a valid two-set chain
 * replaced by any printable character gives a clear pass or fail with a reason, and a changed
 * signed byte never passes.
 */
class ArcRobustnessTest {
    static Message chain;
    static ArcValidator validator;

    @BeforeContainer
    static void setUp() throws Exception {
        TestKeys k = new TestKeys(2048);
        ZoneResolver z = ZoneResolver.builder().txt("a._domainkey.one.example", k.rsaRecord)
                .txt("b._domainkey.two.example", k.edRecord).build();
        validator = ArcValidator.builder(z).build();
        Message m = Message.parse(("From: a@one.example\r\nTo: b@two.example\r\nSubject: s\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.UTF_8));
        m = m.prepend(ArcSealer.builder("one.example", "a", k.rsa).build().seal(m, "mx.one.example", ArcResult.NONE));
        m = m.prepend(ArcSealer.builder("two.example", "b", k.ed).build().seal(m, "mx.two.example", ArcResult.PASS));
        chain = m;
    }

    static byte[] signature(String field) {
        try {
            String v = org.mailauth4j.core.tags.TagList.parse(field.substring(field.indexOf(':') + 1)).get("b");
            return java.util.Base64.getDecoder().decode(v.replaceAll("\\s", ""));
        } catch (Exception e) {
            return null;
        }
    }

    @Property(tries = 200)
    void mutatedArcFieldsGiveAClearVerdict(@ForAll @IntRange(min = 0, max = 5) int field,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 32, max = 126) int c) {
        assertThat(validator.validate(chain).join().result()).isEqualTo(ArcResult.PASS);
        List<HeaderField> hs = new ArrayList<>(chain.headers());
        HeaderField f = hs.get(field); // the six ARC fields are on top
        String text = f.toString();
        int colon = f.colonIndex();
        int p = colon + 1 + position % Math.max(1, text.length() - colon - 1);
        if (p >= text.length() || text.charAt(p) == '\r' || text.charAt(p) == '\n' || text.charAt(p - 1) == '\n') {
            return; // keep the field a field: line breaks and folding whitespace stay
        }
        String mutated = text.substring(0, p) + (char) c + text.substring(p + 1);
        hs.set(field, HeaderField.of(mutated));
        ArcOutcome o = validator.validate(Message.of(hs, chain.body())).join();
        assertThat(o.result()).isIn(ArcResult.PASS, ArcResult.FAIL);
        assertThat(o.reason()).isNotBlank();
        if (o.result() == ArcResult.PASS) {
            // Only changes a verifier must ignore can pass: whitespace, the case of the field name,
            // or unused bits of the last base64 character of b= (same signature bytes, RFC 4648 §3.5).
            String a = mutated.replaceAll("\\s", "");
            String b = text.replaceAll("\\s", "");
            boolean same = a.equalsIgnoreCase(b) || java.util.Arrays.equals(signature(mutated), signature(text))
                    && a.replaceAll("b=[^;]*", "").equals(b.replaceAll("b=[^;]*", ""));
            assertThat(same).as("passed after changing %s into %s", text, mutated).isTrue();
        }
    }
}
