package org.mailauth4j.arc;

import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.tags.TagList;
import org.mailauth4j.core.tags.TagListException;
import org.mailauth4j.core.text.Ascii;

/**
 * Collects the ARC sets of a message and checks the structure of the chain (RFC 8617 §5.2 steps
 * 1–3, §4.2.1):
 * <ul>
 * <li>each header field's instance tag {@code i=} is 1 to 50 in decimal (§4.2.1); for the AAR it
 * is the first item, {@code i=N;} (§4.1.1);</li>
 * <li>more than 50 sets fail (step 1);</li>
 * <li>each instance has exactly one AAR, AMS and AS, and the instances run 1..N without gaps
 * (step 3.1, 3.2);</li>
 * <li>AMS and AS are valid tag lists (RFC 6376 §3.2, as §4.1.2/§4.1.3 require);</li>
 * <li>the newest seal does not say {@code cv=fail} (step 2), the seal of instance 1 says
 * {@code cv=none} and every later one {@code cv=pass} (step 3.3).</li>
 * </ul>
 */
final class ArcSetCollector {
    static final int MAX_SETS = 50;

    private ArcSetCollector() {
    }

    /**
     * The sets, ordered by instance (index 0 is instance 1); an empty list when the message has no
     * ARC header field at all.
     *
     * @throws ArcFailure naming the first structural problem
     */
    static List<ArcSet> collect(List<HeaderField> headers) throws ArcFailure {
        HeaderField[][] found = new HeaderField[MAX_SETS + 1][3];
        TagList[][] tags = new TagList[MAX_SETS + 1][3];
        int max = 0;
        boolean any = false;
        for (HeaderField h : headers) {
            int kind;
            if (h.hasName(ArcSet.AAR)) {
                kind = 0;
            } else if (h.hasName(ArcSet.AMS)) {
                kind = 1;
            } else if (h.hasName(ArcSet.AS)) {
                kind = 2;
            } else {
                continue;
            }
            any = true;
            int instance;
            TagList t = null;
            if (kind == 0) {
                instance = aarInstance(h.value());
            } else {
                String name = kind == 1 ? ArcSet.AMS : ArcSet.AS;
                try {
                    t = TagList.parse(h.value());
                } catch (TagListException e) {
                    throw new ArcFailure(0, name + " is not a valid tag list: " + e.getMessage());
                }
                instance = instance(t.get("i"), name);
            }
            if (found[instance][kind] != null) {
                throw new ArcFailure(instance, "more than one " + kindName(kind) + " with i=" + instance
                        + " (RFC 8617 section 5.2 step 3.1)");
            }
            found[instance][kind] = h;
            tags[instance][kind] = t;
            max = Math.max(max, instance);
        }
        if (!any) {
            return List.of();
        }
        List<ArcSet> sets = new ArrayList<>(max);
        for (int i = 1; i <= max; i++) {
            for (int k = 0; k < 3; k++) {
                if (found[i][k] == null) {
                    throw new ArcFailure(i, "no " + kindName(k) + " with i=" + i
                            + " (RFC 8617 section 5.2 step 3: sets must run 1.." + max + ", each complete)");
                }
            }
            sets.add(new ArcSet(i, found[i][0], found[i][1], tags[i][1], found[i][2], tags[i][2]));
        }
        ArcSet newest = sets.get(max - 1);
        String newestCv = newest.sealTags().get("cv");
        if (Ascii.equalsIgnoreCase("fail", newestCv)) {
            throw new ArcFailure(max, "ARC-Seal i=" + max + " reports cv=fail (RFC 8617 section 5.2 step 2)");
        }
        for (ArcSet s : sets) {
            String cv = s.sealTags().get("cv");
            String want = s.instance() == 1 ? "none" : "pass";
            if (!Ascii.equalsIgnoreCase(want, cv)) { // ABNF literals are case-insensitive (RFC 5234 §2.3)
                throw new ArcFailure(s.instance(), "ARC-Seal i=" + s.instance() + " has cv="
                        + (cv == null ? "(missing)" : cv) + ", must be " + want + " (RFC 8617 section 5.2 step 3.3)");
            }
        }
        return sets;
    }

    private static String kindName(int kind) {
        return kind == 0 ? ArcSet.AAR : kind == 1 ? ArcSet.AMS : ArcSet.AS;
    }

    /** RFC 8617 §4.2.1: {@code instance = [CFWS] %x69 [CFWS] "=" [CFWS] 1*2DIGIT [CFWS]}, 1..50. */
    static int instance(String v, String field) throws ArcFailure {
        if (v == null) {
            throw new ArcFailure(0, field + " has no i= tag (RFC 8617 section 4.2.1)");
        }
        if (v.isEmpty() || v.length() > 2 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ArcFailure(0, field + " has an invalid i=" + v + " (RFC 8617 section 4.2.1)");
        }
        int i = Integer.parseInt(v);
        if (i < 1 || i > MAX_SETS) {
            throw new ArcFailure(0, field + " i=" + i + " is outside 1..50 (RFC 8617 section 4.2.1, section 5.2 step 1)");
        }
        return i;
    }

    /** The AAR value starts with its instance tag and a semicolon (RFC 8617 §4.1.1). */
    static int aarInstance(String value) throws ArcFailure {
        int n = value.length();
        int p = skipFws(value, 0);
        if (p >= n || value.charAt(p) != 'i') {
            throw new ArcFailure(0, ArcSet.AAR + " does not start with i= (RFC 8617 section 4.1.1)");
        }
        p = skipFws(value, p + 1);
        if (p >= n || value.charAt(p) != '=') {
            throw new ArcFailure(0, ArcSet.AAR + " does not start with i= (RFC 8617 section 4.1.1)");
        }
        p = skipFws(value, p + 1);
        int semi = value.indexOf(';', p);
        if (semi < 0) {
            throw new ArcFailure(0, ArcSet.AAR + " has no ';' after its i= tag (RFC 8617 section 4.1.1)");
        }
        int e = semi;
        while (e > p && isFws(value.charAt(e - 1))) {
            e--;
        }
        return instance(value.substring(p, e), ArcSet.AAR);
    }

    private static int skipFws(String s, int p) {
        while (p < s.length() && isFws(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
