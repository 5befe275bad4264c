package org.mailauth4j.core.address;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the value of an address field — From, Sender, Reply-To — into mailboxes
 * (RFC 5322 §3.4, with the obsolete syntax of §4.4 and UTF-8 of RFC 6532 §3.2), as far as
 * authentication needs: which mailboxes, and the domain of each.
 *
 * <p>Accepted: display names (atoms, quoted strings with escapes, RFC 2047 encoded-words —
 * decoded, even inside quotes as common mail readers do — and obs-phrase dots as in
 * {@code John Q. Public}), comments anywhere CFWS is allowed (nested, with escapes), groups
 * ({@code name: a@x, b@y;}, RFC 6854 allows them in From; group members count as mailboxes),
 * angle-addr with an obsolete source route ({@code <@a,@b:user@dom>}, the route is ignored),
 * domain literals, quoted local parts, CFWS around dots (obs-local-part, obs-domain), empty list
 * elements ({@code a@x,,b@y}, obs-mbox-list), and — leniently, because old mobile carriers issued
 * such addresses — local parts with leading, trailing or doubled dots. The domain is never
 * guessed: it is the part after the '@' of an addr-spec, never text from a display name or
 * comment.
 *
 * <p>Everything else is an {@link AddressException} naming the problem and its offset:
 * unterminated quoted strings, comments or domain literals, unbalanced '(' ')' '<' '>' '[' ']',
 * a stray '\', control characters or NUL, text after an address that is not ',', a display
 * name with no address, a nested or unterminated group, a domain that is not a DNS name.
 * A mailbox without '@' ({@code From: user} or {@code <user>}) is not an error: it is returned
 * with a {@code null} domain so callers can report it as such.
 */
public final class AddressParser {

    private AddressParser() {
    }

    /**
     * Parses an address-list or mailbox-list value (for From: RFC 5322 §3.6.2) into its mailboxes
     * in order, group members included; an empty value or an empty group gives none.
     *
     * @param value the unfolded field value (see {@code HeaderField.unfoldedValue()})
     */
    public static List<Mailbox> parseMailboxList(String value) throws AddressException {
        return new Run(value).list();
    }

    /** Parses a value that must hold exactly one mailbox, such as Sender (RFC 5322 §3.6.2). */
    public static Mailbox parseMailbox(String value) throws AddressException {
        List<Mailbox> all = parseMailboxList(value);
        if (all.size() != 1) {
            throw new AddressException("expected one mailbox, found " + all.size(), 0);
        }
        return all.get(0);
    }

    // ------------------------------------------------------------------ tokens

    private enum Kind { ATOM, QUOTED, LITERAL, SPECIAL }

    /**
     * A lexical token of RFC 5322 §3.2: atom, quoted-string (text unescaped), domain literal
     * (brackets kept) or one of the specials. {@code space} tells whether CFWS preceded it.
     */
    private record Token(Kind kind, String text, int position, boolean space) {
        boolean is(char special) {
            return kind == Kind.SPECIAL && text.charAt(0) == special;
        }

        boolean isWord() {
            return kind == Kind.ATOM || kind == Kind.QUOTED;
        }

        String describe() {
            return switch (kind) {
                case ATOM -> "'" + text + "'";
                case QUOTED -> "quoted string";
                case LITERAL -> "domain literal " + text;
                case SPECIAL -> "'" + text + "'";
            };
        }
    }

    private static List<Token> tokenize(String s) throws AddressException {
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        boolean space = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                space = true;
                i++;
            } else if (c == '(') {
                i = skipComment(s, i);
                space = true;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                int start = i++;
                while (true) {
                    if (i >= n) {
                        throw new AddressException("unterminated quoted string", start);
                    }
                    char q = s.charAt(i);
                    if (q == '"') {
                        i++;
                        break;
                    }
                    if (q == '\\') {
                        if (i + 1 >= n) {
                            throw new AddressException("unterminated quoted string", start);
                        }
                        q = s.charAt(++i);
                    }
                    if (q == 0) {
                        throw new AddressException("NUL character", i);
                    }
                    if (q != '\r' && q != '\n') {
                        text.append(q);
                    }
                    i++;
                }
                out.add(new Token(Kind.QUOTED, text.toString(), start, space));
                space = false;
            } else if (c == '[') {
                int start = i++;
                while (true) {
                    if (i >= n) {
                        throw new AddressException("unterminated domain literal", start);
                    }
                    char d = s.charAt(i);
                    if (d == ']') {
                        i++;
                        break;
                    }
                    if (d == '[' || d == '\\' || d < 0x20 || d == 0x7f) {
                        throw new AddressException("invalid character in domain literal", i);
                    }
                    i++;
                }
                out.add(new Token(Kind.LITERAL, s.substring(start, i).replace(" ", "").replace("\t", ""), start, space));
                space = false;
            } else if ("<>@,;:.".indexOf(c) >= 0) {
                out.add(new Token(Kind.SPECIAL, String.valueOf(c), i, space));
                space = false;
                i++;
            } else if (Mailbox.isAtext(c)) {
                int start = i;
                while (i < n && Mailbox.isAtext(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.ATOM, s.substring(start, i), start, space));
                space = false;
            } else if (c == ')') {
                throw new AddressException("unbalanced ')'", i);
            } else if (c == ']') {
                throw new AddressException("unbalanced ']'", i);
            } else if (c == '\\') {
                throw new AddressException("'\\' outside a quoted string or comment", i);
            } else {
                throw new AddressException(String.format("invalid character U+%04X", (int) c), i);
            }
        }
        return out;
    }

    /** Skips a comment (RFC 5322 §3.2.2: nested, with quoted-pairs); returns the index after it. */
    private static int skipComment(String s, int start) throws AddressException {
        int depth = 0;
        int i = start;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == 0) {
                throw new AddressException("NUL character", i);
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        throw new AddressException("unterminated comment", start);
    }

    // ------------------------------------------------------------------ grammar

    /** One parse of one value. */
    private static final class Run {
        private final String value;
        private List<Token> tokens;
        private int i;
        private final List<Mailbox> out = new ArrayList<>();

        Run(String value) {
            this.value = value;
        }

        private Token peek() {
            return i < tokens.size() ? tokens.get(i) : null;
        }

        private int here() {
            Token t = peek();
            return t == null ? value.length() : t.position();
        }

        private String describeHere() {
            Token t = peek();
            return t == null ? "end of value" : t.describe();
        }

        /** address-list / mailbox-list, with the empty elements obs-addr-list allows. */
        List<Mailbox> list() throws AddressException {
            tokens = tokenize(value);
            while (peek() != null) {
                if (peek().is(',')) {
                    i++;
                    continue;
                }
                address(false);
                Token t = peek();
                if (t != null && !t.is(',')) {
                    throw new AddressException("unexpected " + t.describe() + " after an address (missing ','?)", t.position());
                }
            }
            return out;
        }

        /** address = mailbox / group (§3.4). */
        private void address(boolean inGroup) throws AddressException {
            int start = i;
            int j = i;
            while (j < tokens.size() && (tokens.get(j).isWord() || tokens.get(j).is('.'))) {
                j++;
            }
            Token next = j < tokens.size() ? tokens.get(j) : null;
            if (next != null && next.is('<')) {
                String name = j > start ? displayName(start, j) : null;
                i = j;
                angleAddr(name);
            } else if (next != null && next.is(':')) {
                if (inGroup) {
                    throw new AddressException("group inside a group", next.position());
                }
                if (j == start) {
                    throw new AddressException("group without a display name", next.position());
                }
                i = j + 1;
                group();
            } else if (next != null && next.is('@')) {
                if (j == start) {
                    throw new AddressException("'@' without a local part", next.position());
                }
                String local = localPart(start, j);
                i = j + 1;
                out.add(new Mailbox(null, local, domain()));
            } else if (j > start) {
                // Words not followed by '<', ':' or '@': an address without a domain if they
                // form a local part ("From: user"), otherwise a display name with no address.
                String local = localPartOrNull(start, j);
                if (local == null) {
                    throw new AddressException("display name without an address", tokens.get(start).position());
                }
                i = j;
                out.add(new Mailbox(null, local, null));
            } else {
                throw new AddressException("unexpected " + describeHere(), here());
            }
        }

        /** group = display-name ":" [group-list] ";" (§3.4, obs-group-list allows empty elements). */
        private void group() throws AddressException {
            while (true) {
                Token t = peek();
                if (t == null) {
                    throw new AddressException("group not closed with ';'", value.length());
                }
                if (t.is(';')) {
                    i++;
                    return;
                }
                if (t.is(',')) {
                    i++;
                    continue;
                }
                address(true);
                Token after = peek();
                if (after != null && !after.is(',') && !after.is(';')) {
                    throw new AddressException("unexpected " + after.describe() + " in a group", after.position());
                }
            }
        }

        /** angle-addr = "<" [obs-route] addr-spec ">" (§3.4, §4.4). */
        private void angleAddr(String name) throws AddressException {
            int open = here();
            i++; // '<'
            Token t = peek();
            if (t != null && (t.is('@') || t.is(','))) {
                route();
            }
            int start = i;
            int j = i;
            while (j < tokens.size() && (tokens.get(j).isWord() || tokens.get(j).is('.'))) {
                j++;
            }
            Token next = j < tokens.size() ? tokens.get(j) : null;
            Mailbox m;
            if (next != null && next.is('@')) {
                if (j == start) {
                    throw new AddressException("'@' without a local part", next.position());
                }
                String local = localPart(start, j);
                i = j + 1;
                m = new Mailbox(name, local, domain());
            } else if (j > start && next != null && next.is('>')) {
                String local = localPartOrNull(start, j);
                if (local == null) {
                    throw new AddressException("invalid local part", tokens.get(start).position());
                }
                i = j;
                m = new Mailbox(name, local, null);
            } else if (j == start && next != null && next.is('>')) {
                throw new AddressException("empty address <>", open);
            } else {
                throw new AddressException(next == null ? "'<' without '>'" : "unexpected " + next.describe() + " in <...>",
                        next == null ? open : next.position());
            }
            Token close = peek();
            if (close == null) {
                throw new AddressException("'<' without '>'", open);
            }
            if (!close.is('>')) {
                throw new AddressException("unexpected " + close.describe() + " in <...>", close.position());
            }
            i++;
            out.add(m);
        }

        /** obs-route = obs-domain-list ":" ; the route domains are checked and ignored. */
        private void route() throws AddressException {
            boolean any = false;
            while (true) {
                Token t = peek();
                if (t == null) {
                    throw new AddressException("unterminated source route", value.length());
                }
                if (t.is(',')) {
                    i++;
                } else if (t.is('@')) {
                    i++;
                    domain();
                    any = true;
                } else if (t.is(':') && any) {
                    i++;
                    return;
                } else {
                    throw new AddressException("invalid source route at " + t.describe(), t.position());
                }
            }
        }

        /** domain = dot-atom / domain-literal / obs-domain, validated as a DNS name unless a literal. */
        private String domain() throws AddressException {
            Token t = peek();
            if (t == null) {
                throw new AddressException("missing domain after '@'", value.length());
            }
            if (t.kind() == Kind.LITERAL) {
                i++;
                return t.text();
            }
            if (t.kind() != Kind.ATOM) {
                throw new AddressException("missing domain after '@' (found " + t.describe() + ")", t.position());
            }
            StringBuilder d = new StringBuilder(t.text());
            i++;
            while (peek() != null && peek().is('.')) {
                Token dot = peek();
                i++;
                Token label = peek();
                if (label == null || label.kind() != Kind.ATOM) {
                    throw new AddressException("domain ends with '.' or has an empty label", dot.position());
                }
                d.append('.').append(label.text());
                i++;
            }
            String domain = d.toString();
            if (Mailbox.toAscii(domain) == null) {
                throw new AddressException("not a valid DNS domain: " + domain, t.position());
            }
            return domain;
        }

        private String localPart(int from, int to) throws AddressException {
            String local = localPartOrNull(from, to);
            if (local == null) {
                throw new AddressException("invalid local part (words must be joined by '.')", tokens.get(from).position());
            }
            return local;
        }

        /**
         * local-part = dot-atom / quoted-string / obs-local-part: words joined by dots. Words
         * separated only by whitespace are not a local part. Empty words (leading, trailing or
         * doubled dots) are tolerated.
         */
        private String localPartOrNull(int from, int to) {
            StringBuilder sb = new StringBuilder();
            boolean lastWasWord = false;
            for (int k = from; k < to; k++) {
                Token t = tokens.get(k);
                if (t.isWord()) {
                    if (lastWasWord) {
                        return null;
                    }
                    sb.append(t.text());
                    lastWasWord = true;
                } else {
                    sb.append('.');
                    lastWasWord = false;
                }
            }
            return sb.length() == 0 ? null : sb.toString();
        }

        /** display-name = phrase (obs-phrase allows '.'); encoded-words decoded. */
        private String displayName(int from, int to) {
            StringBuilder sb = new StringBuilder();
            for (int k = from; k < to; k++) {
                Token t = tokens.get(k);
                if (k > from && t.space()) {
                    sb.append(' ');
                }
                sb.append(t.text());
            }
            return EncodedWords.decode(sb.toString());
        }
    }
}
