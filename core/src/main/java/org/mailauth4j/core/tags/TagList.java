package org.mailauth4j.core.tags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed tag=value list (RFC 6376 §3.2), the syntax of DKIM-Signature fields, DKIM key records,
 * ARC header fields and DMARC records.
 *
 * <pre>
 * tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
 * tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 * tag-name  =  ALPHA *ALNUMPUNC
 * tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]     ; tval = 1*VALCHAR, VALCHAR = %x21-3A / %x3C-7E
 * </pre>
 *
 * Tag names are case-sensitive. A duplicated tag makes the whole list invalid. Values keep their
 * inner whitespace; surrounding FWS is removed.
 */
public final class TagList {
    private final Map<String, Tag> tags;

    /** One tag: its name, its value (outer FWS removed) and the character offset of its name. */
    public record Tag(String name, String value, int position) {
    }

    private TagList(Map<String, Tag> tags) {
        this.tags = Collections.unmodifiableMap(tags);
    }

    /**
     * Parses {@code text}.
     *
     * @throws TagListException naming the tag and position of the first syntax error
     */
    public static TagList parse(CharSequence chars) throws TagListException {
        String text = chars.toString();
        Map<String, Tag> out = new LinkedHashMap<>();
        int n = text.length();
        int pos = 0;
        while (pos <= n) {
            int semi = text.indexOf(';', pos);
            if (semi < 0) {
                semi = n;
            }
            int s = skipFws(text, pos, semi);
            int e = trimFwsEnd(text, s, semi);
            if (s == e) {
                if (semi >= n) {
                    break; // trailing ";" or empty input
                }
                throw new TagListException(null, pos, "empty tag-spec");
            }
            int eq = text.indexOf('=', s);
            if (eq < 0 || eq >= e) {
                throw new TagListException(null, s, "tag without '=': \"" + text.subSequence(s, e) + "\"");
            }
            int nameEnd = trimFwsEnd(text, s, eq);
            String name = text.substring(s, nameEnd);
            if (!validName(name)) {
                throw new TagListException(name, s, "invalid tag name");
            }
            int vs = skipFws(text, eq + 1, e);
            String value = text.substring(vs, e);
            checkValue(name, value, vs);
            if (out.putIfAbsent(name, new Tag(name, value, s)) != null) {
                throw new TagListException(name, s, "duplicate tag");
            }
            pos = semi + 1;
        }
        return new TagList(out);
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** VALCHAR or folding whitespace; non-ASCII is tolerated (RFC 6532 text in z= and the like). */
    private static void checkValue(String name, String v, int base) throws TagListException {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= 0x21 && c <= 0x7e && c != ';') || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c >= 0x80;
            if (!ok) {
                throw new TagListException(name, base + i, "invalid character U+" + String.format("%04X", (int) c) + " in value");
            }
        }
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int skipFws(CharSequence t, int from, int to) {
        while (from < to && isFws(t.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimFwsEnd(CharSequence t, int from, int to) {
        while (to > from && isFws(t.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** The value of {@code name}, or {@code null} when the tag is absent. */
    public String get(String name) {
        Tag t = tags.get(name);
        return t == null ? null : t.value();
    }

    /** The value of {@code name}, or {@code fallback} when the tag is absent. */
    public String get(String name, String fallback) {
        Tag t = tags.get(name);
        return t == null ? fallback : t.value();
    }

    public boolean has(String name) {
        return tags.containsKey(name);
    }

    /** All tags in the order they appear. */
    public List<Tag> tags() {
        return new ArrayList<>(tags.values());
    }

    /** Tag names in the order they appear. */
    public List<String> names() {
        return new ArrayList<>(tags.keySet());
    }

    public int size() {
        return tags.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Tag t : tags.values()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(t.name()).append('=').append(t.value());
        }
        return sb.toString();
    }
}
