package org.mailauth4j.spf;

import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.text.Ascii;

/**
 * Parses SPF records (RFC 7208 §4.5, §4.6.1, §5, §6, §7.1) into {@link SpfRecord}s. The whole
 * record is checked, so a syntax error anywhere is found even when an earlier term would match
 * (§4.6: "syntax errors anywhere in the record" give permerror). No regular expressions.
 */
final class SpfRecordParser {
    private SpfRecordParser() {
    }

    static SpfRecord parse(String text) throws SpfSyntaxException {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 || ch > 0x7e) {
                // §3.1 / §4.6.1: records are 7-bit ASCII, terms are separated by spaces only
                throw new SpfSyntaxException(String.format("character U+%04X not allowed in an SPF record", (int) ch), i);
            }
        }
        if (!SpfRecord.isSpfRecord(text)) {
            throw new SpfSyntaxException("record does not begin with \"v=spf1\"", 0);
        }
        List<SpfRecord.Term> terms = new ArrayList<>();
        boolean redirect = false;
        boolean exp = false;
        int i = 6;
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int end = text.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            SpfRecord.Term t = parseTerm(text, i, end);
            if (t instanceof SpfRecord.Modifier m) {
                if (m.isRedirect()) {
                    if (redirect) {
                        throw new SpfSyntaxException("more than one redirect= modifier (RFC 7208 section 6)", i);
                    }
                    redirect = true;
                } else if (m.isExplanation()) {
                    if (exp) {
                        throw new SpfSyntaxException("more than one exp= modifier (RFC 7208 section 6)", i);
                    }
                    exp = true;
                }
            }
            terms.add(t);
            i = end;
        }
        return new SpfRecord(terms);
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static SpfRecord.Term parseTerm(String text, int start, int end) throws SpfSyntaxException {
        // modifier = name "=" value, name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) (§4.6.1, §6)
        int i = start;
        if (isAlpha(text.charAt(i))) {
            i++;
            while (i < end) {
                char c = text.charAt(i);
                if (isAlpha(c) || isDigit(c) || c == '-' || c == '_' || c == '.') {
                    i++;
                } else {
                    break;
                }
            }
            if (i < end && text.charAt(i) == '=') {
                return parseModifier(text, start, i, end);
            }
        }
        return parseMechanism(text, start, end);
    }

    private static SpfRecord.Modifier parseModifier(String text, int start, int eq, int end) throws SpfSyntaxException {
        String name = text.substring(start, eq);
        String value = text.substring(eq + 1, end);
        MacroString macro;
        if (Ascii.equalsIgnoreCase(name, "redirect") || Ascii.equalsIgnoreCase(name, "exp")) {
            // §6.1 redirect = "redirect" "=" domain-spec; §6.2 explanation = "exp" "=" domain-spec
            macro = parseDomainSpec(value, eq + 1, name);
        } else {
            // §6: unknown-modifier = name "=" macro-string; never expanded
            macro = MacroExpander.parse(value, true);
        }
        return new SpfRecord.Modifier(name, macro);
    }

    private static SpfRecord.Mechanism parseMechanism(String text, int start, int end) throws SpfSyntaxException {
        int i = start;
        SpfRecord.Qualifier q = SpfRecord.Qualifier.of(text.charAt(i));
        if (q != null) {
            i++;
        } else {
            q = SpfRecord.Qualifier.PASS;
        }
        int nameEnd = i;
        while (nameEnd < end && text.charAt(nameEnd) != ':' && text.charAt(nameEnd) != '/') {
            nameEnd++;
        }
        String name = text.substring(i, nameEnd);
        SpfRecord.Kind kind = SpfRecord.Kind.of(name);
        if (kind == null) {
            throw new SpfSyntaxException("unknown mechanism \"" + text.substring(start, end) + "\"", start);
        }
        String rest = text.substring(nameEnd, end);
        int restAt = nameEnd;
        String term = text.substring(start, end);
        switch (kind) {
            case ALL -> {
                // §5.1 all = "all"
                if (!rest.isEmpty()) {
                    throw new SpfSyntaxException("\"all\" takes no argument: \"" + term + "\"", restAt);
                }
                return new SpfRecord.Mechanism(q, kind, null, null, null, -1, -1);
            }
            case INCLUDE, EXISTS -> {
                // §5.2 include = "include" ":" domain-spec; §5.7 exists = "exists" ":" domain-spec
                if (!rest.startsWith(":")) {
                    throw new SpfSyntaxException("\"" + kind.word() + "\" needs \":domain\": \"" + term + "\"", restAt);
                }
                MacroString d = parseDomainSpec(rest.substring(1), restAt + 1, kind.word());
                return new SpfRecord.Mechanism(q, kind, d, null, null, -1, -1);
            }
            case PTR -> {
                // §5.5 PTR = "ptr" [ ":" domain-spec ]
                MacroString d = null;
                if (!rest.isEmpty()) {
                    if (rest.charAt(0) != ':') {
                        throw new SpfSyntaxException("\"ptr\" takes no CIDR length: \"" + term + "\"", restAt);
                    }
                    d = parseDomainSpec(rest.substring(1), restAt + 1, "ptr");
                }
                return new SpfRecord.Mechanism(q, kind, d, null, null, -1, -1);
            }
            case A, MX -> {
                // §5.3 / §5.4: "a" / "mx" [ ":" domain-spec ] [ dual-cidr-length ]
                int cidr6 = -1;
                int cidr4 = -1;
                String s = rest;
                int digits = trailingDigits(s);
                if (digits > 0 && s.length() - digits >= 2 && s.charAt(s.length() - digits - 1) == '/'
                        && s.charAt(s.length() - digits - 2) == '/') {
                    cidr6 = parseCidr(s.substring(s.length() - digits), 128, term, restAt);
                    s = s.substring(0, s.length() - digits - 2);
                    digits = trailingDigits(s);
                }
                if (digits > 0 && s.length() - digits >= 1 && s.charAt(s.length() - digits - 1) == '/') {
                    cidr4 = parseCidr(s.substring(s.length() - digits), 32, term, restAt);
                    s = s.substring(0, s.length() - digits - 1);
                }
                MacroString d = null;
                if (!s.isEmpty()) {
                    if (s.charAt(0) != ':') {
                        throw new SpfSyntaxException("malformed \"" + kind.word() + "\" mechanism: \"" + term + "\"", restAt);
                    }
                    d = parseDomainSpec(s.substring(1), restAt + 1, kind.word());
                }
                return new SpfRecord.Mechanism(q, kind, d, null, null, cidr4, cidr6);
            }
            case IP4, IP6 -> {
                // §5.6 ip4 = "ip4" ":" ip4-network [ ip4-cidr-length ]; ip6 likewise
                if (!rest.startsWith(":")) {
                    throw new SpfSyntaxException("\"" + kind.word() + "\" needs \":address\": \"" + term + "\"", restAt);
                }
                String net = rest.substring(1);
                int cidr = -1;
                int slash = net.indexOf('/');
                if (slash >= 0) {
                    cidr = parseCidr(net.substring(slash + 1), kind == SpfRecord.Kind.IP4 ? 32 : 128, term, restAt);
                    net = net.substring(0, slash);
                }
                byte[] addr = kind == SpfRecord.Kind.IP4 ? IpAddresses.parse4(net) : IpAddresses.parse6(net);
                if (addr == null) {
                    throw new SpfSyntaxException("invalid " + (kind == SpfRecord.Kind.IP4 ? "IPv4" : "IPv6")
                            + " network \"" + net + "\" in \"" + term + "\"", restAt + 1);
                }
                return kind == SpfRecord.Kind.IP4
                        ? new SpfRecord.Mechanism(q, kind, null, net, addr, cidr, -1)
                        : new SpfRecord.Mechanism(q, kind, null, net, addr, -1, cidr);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static int trailingDigits(String s) {
        int k = s.length();
        while (k > 0 && isDigit(s.charAt(k - 1))) {
            k--;
        }
        return s.length() - k;
    }

    /** CIDR length: decimal, no leading zeros (RFC 7208 §5.6 ABNF), at most {@code max}. */
    private static int parseCidr(String digits, int max, String term, int offset) throws SpfSyntaxException {
        boolean ok = !digits.isEmpty() && digits.length() <= 3 && (digits.length() == 1 || digits.charAt(0) != '0');
        for (int k = 0; ok && k < digits.length(); k++) {
            ok = isDigit(digits.charAt(k));
        }
        int v = ok ? Integer.parseInt(digits) : -1;
        if (!ok || v > max) {
            throw new SpfSyntaxException("invalid CIDR length \"/" + digits + "\" in \"" + term + "\"", offset);
        }
        return v;
    }

    /**
     * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
     * (RFC 7208 §7.1).
     */
    static MacroString parseDomainSpec(String spec, int offset, String what) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("empty domain-spec in " + what, offset);
        }
        MacroString ms;
        try {
            ms = MacroExpander.parse(spec, false);
        } catch (SpfSyntaxException e) {
            throw new SpfSyntaxException(e.getMessage() + " in \"" + spec + "\"", offset + Math.max(0, e.offset()));
        }
        if (ms.endsWithMacro()) {
            return ms;
        }
        String s = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = s.lastIndexOf('.');
        if (dot < 0 || !isTopLabel(s, dot + 1, s.length())) {
            throw new SpfSyntaxException("domain-spec \"" + spec + "\" must end in a macro or \".\" and a valid top label", offset);
        }
        return ms;
    }

    /**
     * toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
     * (RFC 7208 §7.1): letters, digits and inner hyphens, not all digits.
     */
    static boolean isTopLabel(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean alpha = false;
        boolean hyphen = false;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (isAlpha(c)) {
                alpha = true;
            } else if (c == '-') {
                hyphen = true;
            } else if (!isDigit(c)) {
                return false;
            }
        }
        if (s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        return alpha || hyphen;
    }
}
