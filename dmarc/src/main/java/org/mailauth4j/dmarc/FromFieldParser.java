package org.mailauth4j.dmarc;

import java.util.ArrayList;
import java.util.List;

/**
 * Extracts the domains of the mailboxes in a From field value (RFC 5322 §3.4 {@code mailbox-list}
 * / {@code address-list}): display names, quoted strings, comments (nested), angle addresses and
 * groups are understood; a domain literal or a mailbox without {@code @} is reported as a problem.
 * A stand-in until the foundation's address parser is wired in.
 */
final class FromFieldParser {
    /** Bound on the work done for one (hostile) field. */
    static final int MAX_LENGTH = 16384;
    static final int MAX_MAILBOXES = 100;

    record Result(List<String> domains, int mailboxes, String problem) {
    }

    private FromFieldParser() {
    }

    static Result domains(String value) {
        if (value.length() > MAX_LENGTH) {
            return new Result(List.of(), 0, "From field longer than " + MAX_LENGTH + " characters");
        }
        // 1. Split into mailboxes at top-level commas and group delimiters, dropping comments.
        List<String> mailboxes = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    cur.append(value.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    cur.append(c);
                }
                case '(' -> {
                    depth = 1;
                    cur.append(' ');
                }
                case '<' -> {
                    angle = true;
                    cur.append(c);
                }
                case '>' -> {
                    angle = false;
                    cur.append(c);
                }
                case ',', ';' -> {
                    if (angle) {
                        cur.append(c);
                    } else {
                        mailboxes.add(cur.toString());
                        cur.setLength(0);
                    }
                }
                case ':' -> {
                    if (angle) {
                        cur.append(c); // route syntax inside <...>
                    } else {
                        cur.setLength(0); // group display name "name:"
                    }
                }
                default -> cur.append(c);
            }
        }
        mailboxes.add(cur.toString());
        if (quoted || depth > 0) {
            return new Result(List.of(), 0, "unterminated quoted string or comment in From");
        }
        // 2. Take the addr-spec of each mailbox and its domain.
        List<String> domains = new ArrayList<>();
        int count = 0;
        String problem = null;
        for (String m : mailboxes) {
            String s = m.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (++count > MAX_MAILBOXES) {
                return new Result(domains, count, "more than " + MAX_MAILBOXES + " mailboxes in From");
            }
            int lt = s.lastIndexOf('<');
            String addr = s;
            if (lt >= 0) {
                int gt = s.indexOf('>', lt);
                addr = gt < 0 ? s.substring(lt + 1) : s.substring(lt + 1, gt);
                int colon = addr.lastIndexOf(':'); // obsolete route "@a,@b:user@dom"
                if (colon >= 0 && addr.indexOf('"') < 0) {
                    addr = addr.substring(colon + 1);
                }
            }
            int at = lastAtOutsideQuotes(addr);
            if (at < 0) {
                problem = "mailbox without a domain: \"" + DmarcRecordParser.shorten(s) + "\"";
                continue;
            }
            String domain = addr.substring(at + 1).strip();
            if (domain.startsWith("[")) {
                problem = "domain literal " + DmarcRecordParser.shorten(domain) + " cannot have a DMARC policy";
                continue;
            }
            domain = domain.replace(" ", "").replace("\t", "");
            if (domain.endsWith(".")) {
                domain = domain.substring(0, domain.length() - 1);
            }
            if (domain.isEmpty() || org.mailauth4j.core.dns.DnsNames.problem(domain) != null) {
                problem = "invalid domain in From: \"" + DmarcRecordParser.shorten(domain) + "\"";
                continue;
            }
            domains.add(domain);
        }
        return new Result(domains, count, problem);
    }

    private static int lastAtOutsideQuotes(String addr) {
        boolean q = false;
        int at = -1;
        for (int i = 0; i < addr.length(); i++) {
            char c = addr.charAt(i);
            if (c == '\\' && q) {
                i++;
            } else if (c == '"') {
                q = !q;
            } else if (c == '@' && !q) {
                at = i;
            }
        }
        return at;
    }
}
