package org.mailauth4j.dmarc;

import java.util.List;
import java.util.Objects;

/**
 * The trace of one DNS Tree Walk (RFC 9989 §4.10) and the Organizational Domain it selects
 * (§4.10.2): the queries made, in order, and which rule decided.
 *
 * @param start the domain the walk started from
 * @param steps the queries, in order (at most 8)
 * @param organizationalDomain the Organizational Domain, or {@code null} when a temporary DNS
 *                             failure stopped the walk
 * @param rule which selection rule decided, readable (e.g. {@code "psd=y at bank.example"})
 */
public record TreeWalk(String start, List<RecordLookup> steps, String organizationalDomain, String rule) {
    /** The most queries one walk makes (RFC 9989 §4.10). */
    public static final int MAX_QUERIES = 8;

    public TreeWalk {
        Objects.requireNonNull(start, "start");
        steps = List.copyOf(steps);
    }

    /** Whether a temporary DNS failure stopped the walk. */
    public boolean tempFailed() {
        return organizationalDomain == null;
    }

    /** The lookup made for {@code domain} during this walk, or {@code null}. */
    public RecordLookup step(String domain) {
        for (RecordLookup l : steps) {
            if (l.domain().equals(domain)) {
                return l;
            }
        }
        return null;
    }

    /** A multi-line explanation, one query per line, then the decision. */
    public String explain() {
        StringBuilder sb = new StringBuilder("tree walk from ").append(start).append('\n');
        int i = 1;
        for (RecordLookup l : steps) {
            sb.append("  ").append(i++).append(". ").append(l).append('\n');
        }
        sb.append("  => organizational domain: ")
                .append(organizationalDomain == null ? "unknown (temporary DNS failure)" : organizationalDomain)
                .append(" [").append(rule).append("]\n");
        return sb.toString();
    }
}
