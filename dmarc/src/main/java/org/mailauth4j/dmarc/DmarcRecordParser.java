package org.mailauth4j.dmarc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mailauth4j.core.text.Ascii;

/**
 * Lenient parser of DMARC Policy Records, RFC 9989 §4.7 (tags) and §4.8 (ABNF): {@code dmarc-sep
 * = *WSP ";" *WSP}, {@code equals = *WSP "=" *WSP}; the version tag first and case-sensitive;
 * unknown tags ignored; a tag with a syntax error takes its default. Tag names are matched
 * case-insensitively (ABNF quoted strings), as are the keyword values.
 */
final class DmarcRecordParser {
    /** Bound on how much of a (hostile) TXT record is parsed. */
    static final int MAX_LENGTH = 8192;
    private static final Set<String> KNOWN = Set.of("v", "p", "sp", "np", "psd", "t", "adkim", "aspf", "rua", "ruf",
            "fo", "pct", "rf", "ri");

    private DmarcRecordParser() {
    }

    static boolean startsWithVersion(String text) {
        if (text == null) {
            return false;
        }
        int i = skipWsp(text, 0);
        if (i >= text.length() || (text.charAt(i) != 'v' && text.charAt(i) != 'V')) {
            return false;
        }
        i = skipWsp(text, i + 1);
        if (i >= text.length() || text.charAt(i) != '=') {
            return false;
        }
        i = skipWsp(text, i + 1);
        if (!text.startsWith("DMARC1", i)) {
            return false;
        }
        int end = skipWsp(text, i + 6);
        return end == text.length() || text.charAt(end) == ';';
    }

    private static int skipWsp(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The record, or {@code null} when {@code text} is not a DMARC record. */
    static DmarcRecord parse(String text) {
        if (!startsWithVersion(text)) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        String body = text;
        if (body.length() > MAX_LENGTH) {
            problems.add("record longer than " + MAX_LENGTH + " characters; the rest is ignored");
            body = body.substring(0, MAX_LENGTH);
        }
        DmarcPolicy p = null;
        DmarcRecord.TagStatus pStatus = DmarcRecord.TagStatus.ABSENT;
        DmarcPolicy sp = null;
        boolean spInvalid = false;
        DmarcPolicy np = null;
        boolean npInvalid = false;
        DmarcRecord.Psd psd = DmarcRecord.Psd.U;
        boolean testing = false;
        Alignment adkim = Alignment.RELAXED;
        Alignment aspf = Alignment.RELAXED;
        List<String> rua = List.of();
        List<String> ruf = List.of();
        String fo = "0";
        Integer pct = null;
        String rf = null;
        Integer ri = null;
        List<String> legacy = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new HashSet<>();

        String[] specs = body.split(";", -1);
        for (int k = 1; k < specs.length; k++) {
            String spec = specs[k].strip();
            if (spec.isEmpty()) {
                continue;
            }
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                problems.add("ignored \"" + shorten(spec) + "\": not a tag=value pair");
                continue;
            }
            String name = Ascii.toLowerCase(spec.substring(0, eq).strip());
            String value = spec.substring(eq + 1).strip();
            if (!name.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                problems.add("ignored tag with invalid name \"" + shorten(name) + "\"");
                continue;
            }
            if (!KNOWN.contains(name)) {
                unknown.add(name);
                continue;
            }
            if (!seen.add(name)) {
                problems.add("duplicate tag " + name + "; the first one is used");
                continue;
            }
            switch (name) {
                case "v" -> problems.add("tag v repeated after the first position");
                case "p" -> {
                    p = DmarcPolicy.fromWord(value);
                    pStatus = p == null ? DmarcRecord.TagStatus.INVALID : DmarcRecord.TagStatus.VALID;
                    if (p == null) {
                        problems.add("invalid p=" + shorten(value));
                    }
                }
                case "sp" -> {
                    sp = DmarcPolicy.fromWord(value);
                    spInvalid = sp == null;
                    if (sp == null) {
                        problems.add("invalid sp=" + shorten(value));
                    }
                }
                case "np" -> {
                    np = DmarcPolicy.fromWord(value);
                    npInvalid = np == null;
                    if (np == null) {
                        problems.add("invalid np=" + shorten(value));
                    }
                }
                case "psd" -> {
                    switch (Ascii.toLowerCase(value)) {
                        case "y" -> psd = DmarcRecord.Psd.Y;
                        case "n" -> psd = DmarcRecord.Psd.N;
                        case "u" -> psd = DmarcRecord.Psd.U;
                        default -> problems.add("invalid psd=" + shorten(value) + "; default u used");
                    }
                }
                case "t" -> {
                    switch (Ascii.toLowerCase(value)) {
                        case "y" -> testing = true;
                        case "n" -> testing = false;
                        default -> problems.add("invalid t=" + shorten(value) + "; default n used");
                    }
                }
                case "adkim" -> adkim = alignment(name, value, problems);
                case "aspf" -> aspf = alignment(name, value, problems);
                case "rua" -> rua = uris(name, value, problems);
                case "ruf" -> ruf = uris(name, value, problems);
                case "fo" -> {
                    if (validFo(value)) {
                        fo = Ascii.toLowerCase(value).replace(" ", "");
                    } else {
                        problems.add("invalid fo=" + shorten(value) + "; default 0 used");
                    }
                }
                case "pct" -> {
                    legacy.add("pct");
                    Integer n = smallInt(value);
                    if (n == null || n > 100) {
                        problems.add("invalid pct=" + shorten(value) + "; default 100 used");
                    } else {
                        pct = n;
                    }
                }
                case "rf" -> {
                    legacy.add("rf");
                    rf = value;
                }
                case "ri" -> {
                    legacy.add("ri");
                    Integer n = smallInt(value);
                    if (n == null) {
                        problems.add("invalid ri=" + shorten(value));
                    } else {
                        ri = n;
                    }
                }
                default -> throw new AssertionError(name);
            }
        }
        return new DmarcRecord(text, p, pStatus, sp, spInvalid, np, npInvalid, psd, testing, adkim, aspf, rua, ruf,
                fo, pct, rf, ri, legacy, unknown, problems);
    }

    private static Alignment alignment(String name, String value, List<String> problems) {
        switch (Ascii.toLowerCase(value)) {
            case "r":
                return Alignment.RELAXED;
            case "s":
                return Alignment.STRICT;
            default:
                problems.add("invalid " + name + "=" + shorten(value) + "; default r used");
                return Alignment.RELAXED;
        }
    }

    /** {@code dmarc-urilist}; each URI must parse and have a scheme; the obsolete {@code !size} is dropped. */
    private static List<String> uris(String name, String value, List<String> problems) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String u = part.strip();
            if (u.isEmpty()) {
                continue;
            }
            int bang = u.lastIndexOf('!');
            if (bang > 0 && u.substring(bang + 1).matches("[0-9]+[kmgtKMGT]?")) {
                u = u.substring(0, bang);
            }
            try {
                URI uri = new URI(u);
                if (uri.getScheme() == null || uri.getSchemeSpecificPart() == null
                        || uri.getSchemeSpecificPart().isEmpty()) {
                    problems.add("invalid " + name + " URI \"" + shorten(u) + "\": no scheme");
                } else {
                    out.add(u);
                }
            } catch (URISyntaxException e) {
                problems.add("invalid " + name + " URI \"" + shorten(u) + "\": " + e.getReason());
            }
        }
        return out;
    }

    /** {@code dmarc-fo}: colon-separated 0, 1, d, s; 0 and 1 exclusive; each at most once. */
    static boolean validFo(String value) {
        String[] parts = value.split(":", -1);
        Set<String> seen = new HashSet<>();
        for (String raw : parts) {
            String x = Ascii.toLowerCase(raw.strip());
            if (!(x.equals("0") || x.equals("1") || x.equals("d") || x.equals("s")) || !seen.add(x)) {
                return false;
            }
        }
        return !(seen.contains("0") && seen.contains("1"));
    }

    private static Integer smallInt(String value) {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Integer.parseInt(value);
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
