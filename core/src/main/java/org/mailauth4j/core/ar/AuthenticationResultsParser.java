package org.mailauth4j.core.ar;

import java.util.ArrayList;
import java.util.List;
import org.mailauth4j.core.text.Ascii;

/**
 * Reads an Authentication-Results value (RFC 8601 §2.2):
 *
 * <pre>
 * authres-payload = [CFWS] authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo ) [CFWS]
 * no-result       = [CFWS] ";" [CFWS] "none"
 * resinfo         = [CFWS] ";" methodspec [ CFWS reasonspec ] [ CFWS 1*propspec ]
 * methodspec      = [CFWS] method [CFWS] "=" [CFWS] result      ; method = Keyword [ "/" version ]
 * reasonspec      = "reason" [CFWS] "=" [CFWS] value
 * propspec        = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue
 * pvalue          = [CFWS] ( value / [ [ local-part ] "@" ] domain-name ) [CFWS]
 * </pre>
 *
 * Comments are skipped wherever CFWS may appear, so a ';' inside a comment never separates
 * results. Method, result, ptype and property names are returned in lower case (they are
 * case-insensitive keywords).
 *
 * <p>Strict mode follows the grammar and throws {@link AuthenticationResultsException} at the
 * first deviation. Lenient mode (the default) accepts what large providers actually send and
 * never throws: a missing authserv-id (Microsoft starts with {@code spf=pass}) gives an empty
 * one; {@code key=value} items without a ptype ({@code action=none}) become properties with an
 * empty type; unquoted values may hold any characters but whitespace, ';', '(' and '"'
 * ({@code header.b=ab+/c=}); a reason may follow properties; stray words, empty results
 * ({@code ;;}) and a trailing ';' are skipped; a result that cannot be read is dropped up to the
 * next ';'; an unterminated comment or quoted string runs to the end of the value.
 */
final class AuthenticationResultsParser {
    private final String s;
    private final boolean strict;
    private int pos;

    private AuthenticationResultsParser(String s, boolean strict) {
        this.s = s;
        this.strict = strict;
    }

    static AuthenticationResults parse(String value, boolean strict) throws AuthenticationResultsException {
        return new AuthenticationResultsParser(value, strict).payload();
    }

    private AuthenticationResultsException error(String problem) {
        return new AuthenticationResultsException(problem, pos);
    }

    private boolean atEnd() {
        return pos >= s.length();
    }

    private char peek() {
        return s.charAt(pos);
    }

    // ------------------------------------------------------------------ payload

    private AuthenticationResults payload() throws AuthenticationResultsException {
        skipCfws();
        String authservId = "";
        int version = 0;
        List<ResInfo> results = new ArrayList<>();
        boolean none = false;
        if (!strict && (atEnd() || peek() == ';' || looksLikeMethodspec())) {
            // Lenient: no authserv-id (e.g. Microsoft's "spf=pass ...; dkim=...").
            if (!atEnd() && peek() != ';') {
                lenientResinfo(results);
            }
        } else if (strict) {
            authservId = value("authserv-id");
            skipCfws();
            if (!atEnd() && isDigit(peek())) {
                version = number();
                skipCfws();
            }
            if (atEnd()) {
                throw error("expected ';' after the authserv-id");
            }
        } else {
            int start = pos;
            try {
                authservId = value("authserv-id");
                skipCfws();
                if (!atEnd() && isDigit(peek())) {
                    version = number();
                }
            } catch (AuthenticationResultsException e) {
                pos = start;
                skipToSemicolon(); // unreadable authserv-id: keep "" and read the results
            }
        }
        while (true) {
            skipCfws();
            if (atEnd()) {
                break;
            }
            if (peek() != ';') {
                if (strict) {
                    throw error("expected ';' but found '" + peek() + "'");
                }
                skipToSemicolon();
                continue;
            }
            pos++;
            skipCfws();
            if (atEnd() || peek() == ';') {
                if (strict) {
                    throw error("empty result after ';'");
                }
                continue;
            }
            if (results.isEmpty() && !none && isWordHere("none")) {
                pos += 4;
                none = true;
                skipCfws();
                if (strict && !atEnd()) {
                    throw error("text after 'none'");
                }
                continue;
            }
            if (strict) {
                results.add(resinfo());
            } else {
                lenientResinfo(results);
            }
        }
        if (strict && results.isEmpty() && !none) {
            throw error("no results and no 'none'");
        }
        return new AuthenticationResults(authservId, version, results);
    }

    private void lenientResinfo(List<ResInfo> results) {
        int start = pos;
        try {
            results.add(resinfo());
        } catch (AuthenticationResultsException e) {
            pos = start;
            skipToSemicolon();
        }
    }

    /** Whether a keyword followed by '=' or '/' starts here (so it is a methodspec, not an authserv-id). */
    private boolean looksLikeMethodspec() {
        int save = pos;
        try {
            if (keywordOrEmpty().isEmpty()) {
                return false;
            }
            skipCfws();
            return !atEnd() && (peek() == '=' || peek() == '/');
        } catch (AuthenticationResultsException e) {
            return false;
        } finally {
            pos = save;
        }
    }

    private boolean isWordHere(String word) {
        if (!s.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        int after = pos + word.length();
        return after >= s.length() || !isKeywordChar(s.charAt(after));
    }

    // ------------------------------------------------------------------ resinfo

    private ResInfo resinfo() throws AuthenticationResultsException {
        String method = keyword("method");
        skipCfws();
        int methodVersion = 0;
        if (!atEnd() && peek() == '/') {
            pos++;
            skipCfws();
            methodVersion = number();
            skipCfws();
        }
        expect('=', "after method " + method);
        skipCfws();
        String result = keyword("result");
        String reason = null;
        List<ResInfo.Property> props = new ArrayList<>();
        while (true) {
            skipCfws();
            if (atEnd() || peek() == ';') {
                break;
            }
            int itemStart = pos;
            String word = keywordOrEmpty();
            if (word.isEmpty()) {
                if (strict) {
                    throw error("unexpected '" + peek() + "'");
                }
                skipWord();
                continue;
            }
            skipCfws();
            if (!atEnd() && peek() == '.') {
                pos++;
                skipCfws();
                String property = keyword("property");
                skipCfws();
                expect('=', "after " + word + "." + property);
                props.add(new ResInfo.Property(lower(word), lower(property), pvalue()));
            } else if (!atEnd() && peek() == '=') {
                pos++;
                skipCfws();
                if (Ascii.equalsIgnoreCase(word, "reason") && reason == null && (!strict || props.isEmpty())) {
                    reason = value("reason");
                } else if (strict) {
                    pos = itemStart;
                    throw error(Ascii.equalsIgnoreCase(word, "reason") ? "misplaced reason" : "expected ptype.property=value, found " + word + "=");
                } else {
                    props.add(new ResInfo.Property("", lower(word), pvalue()));
                }
            } else if (strict) {
                pos = itemStart;
                throw error("expected reason=... or ptype.property=..., found " + word);
            }
        }
        return new ResInfo(lower(method), methodVersion, lower(result), reason, props);
    }

    /** pvalue: a quoted-string, a token, or {@code [local-part]@domain} (lenient: any bare run). */
    private String pvalue() throws AuthenticationResultsException {
        skipCfws();
        if (atEnd()) {
            throw error("missing value");
        }
        String v;
        if (peek() == '"') {
            v = quotedString();
            if (!atEnd() && peek() == '@') { // quoted local-part of an address
                pos++;
                v = quote(v) + "@" + bareRun(true);
            }
        } else {
            int start = pos;
            v = bareRun(false);
            if (v.isEmpty()) {
                throw error("missing value");
            }
            if (strict && !AuthenticationResultsFormatter.isToken(v) && !AuthenticationResultsFormatter.isAddress(v)) {
                pos = start;
                throw error("value is neither a token nor [local-part]@domain: " + v);
            }
        }
        skipCfws();
        return v;
    }

    /** Characters of an unquoted pvalue: strict = token and atext characters and '@'. */
    private String bareRun(boolean domainOnly) {
        int start = pos;
        while (!atEnd()) {
            char c = peek();
            boolean ok = strict || domainOnly
                    ? AuthenticationResultsFormatter.isTokenChar(c) || c == '@' || c == '/' || c == '=' || c == '?' || (c >= 0x80 && !strict)
                    : c > 0x20 && c != ';' && c != '(' && c != ')' && c != '"' && c != 0x7f;
            if (!ok) {
                break;
            }
            pos++;
        }
        return s.substring(start, pos);
    }

    /** value = token / quoted-string (RFC 2045 §5.1); lenient: any bare run. */
    private String value(String what) throws AuthenticationResultsException {
        if (atEnd()) {
            throw error("missing " + what);
        }
        if (peek() == '"') {
            return quotedString();
        }
        int start = pos;
        if (strict) {
            while (!atEnd() && AuthenticationResultsFormatter.isTokenChar(peek())) {
                pos++;
            }
        } else {
            bareRun(false);
        }
        if (pos == start) {
            throw error("missing " + what);
        }
        return s.substring(start, pos);
    }

    private String quotedString() throws AuthenticationResultsException {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                if (strict) {
                    pos = start;
                    throw error("unterminated quoted string");
                }
                return sb.toString();
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\' && !atEnd()) {
                c = s.charAt(pos++);
            } else if (c == '\r' || c == '\n') {
                continue; // folding inside the quoted string
            }
            sb.append(c);
        }
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------ lexical

    private String keyword(String what) throws AuthenticationResultsException {
        String k = keywordOrEmpty();
        if (k.isEmpty()) {
            throw error("missing " + what);
        }
        return k;
    }

    /** Keyword = Ldh-str; lenient also accepts '_'. */
    private String keywordOrEmpty() throws AuthenticationResultsException {
        int start = pos;
        while (!atEnd() && isKeywordChar(peek())) {
            pos++;
        }
        String k = s.substring(start, pos);
        if (strict && k.endsWith("-")) {
            throw error("keyword ends with '-': " + k);
        }
        return k;
    }

    private boolean isKeywordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || (!strict && c == '_');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private int number() throws AuthenticationResultsException {
        int start = pos;
        while (!atEnd() && isDigit(peek())) {
            pos++;
        }
        if (pos == start || pos - start > 9) {
            pos = start;
            throw error("expected a version number");
        }
        return Integer.parseInt(s.substring(start, pos));
    }

    private void expect(char c, String where) throws AuthenticationResultsException {
        if (atEnd() || peek() != c) {
            throw error("expected '" + c + "' " + where);
        }
        pos++;
    }

    /** Skips whitespace (folding included) and comments (nested, with quoted-pairs; RFC 5322 §3.2.2). */
    private void skipCfws() throws AuthenticationResultsException {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                int start = pos;
                int depth = 0;
                while (true) {
                    if (atEnd()) {
                        if (strict) {
                            pos = start;
                            throw error("unterminated comment");
                        }
                        return;
                    }
                    char d = s.charAt(pos++);
                    if (d == '\\') {
                        pos = Math.min(pos + 1, s.length());
                    } else if (d == '(') {
                        depth++;
                    } else if (d == ')' && --depth == 0) {
                        break;
                    }
                }
            } else {
                return;
            }
        }
    }

    /** Lenient recovery: skip to the next ';' that is outside comments and quoted strings. */
    private void skipToSemicolon() {
        while (!atEnd() && peek() != ';') {
            char c = peek();
            if (c == '(') {
                try {
                    skipCfws();
                } catch (AuthenticationResultsException e) {
                    pos = s.length(); // cannot happen in lenient mode
                }
            } else if (c == '"') {
                try {
                    quotedString();
                } catch (AuthenticationResultsException e) {
                    pos = s.length();
                }
            } else {
                pos++;
            }
        }
    }

    /** Lenient: skips one unexpected word or character inside a resinfo. */
    private void skipWord() {
        if (!atEnd() && peek() == '"') {
            try {
                quotedString();
            } catch (AuthenticationResultsException e) {
                pos = s.length();
            }
            return;
        }
        int start = pos;
        while (!atEnd() && peek() > 0x20 && peek() != ';' && peek() != '(' && peek() != '"') {
            pos++;
        }
        if (pos == start) {
            pos++;
        }
    }

    private static String lower(String k) {
        return Ascii.toLowerCase(k);
    }
}
