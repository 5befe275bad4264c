package org.mailauth4j.core.address;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mailauth4j.core.message.HeaderField;

/**
 * The author domain of a message: the domain of the single mailbox in its single From field
 * (RFC 7489 §3.1.1, RFC 9989 "Author Domain"), or the exact reason there is not exactly one.
 *
 * <p>Ambiguity is reported, never resolved by guessing: two From fields, two mailboxes in one
 * field, a mailbox with no domain and unparseable syntax each have their own {@link Status},
 * and only {@link Status#SINGLE} carries an author domain. Parsers that silently pick one of
 * several candidates are what the "Composition Kills" attacks (Chen et al., USENIX Security
 * 2020) exploit. DMARC must not pass a message whose status is anything but {@code SINGLE}.
 *
 * @param status what was found
 * @param domains the distinct domains of all mailboxes found (in every From field that could be
 *     parsed), as lower-case A-labels, in order of appearance; exactly one when {@code SINGLE}
 * @param mailboxes all mailboxes found, in order
 * @param detail a human-readable explanation, e.g. {@code "2 From header fields"}
 */
public record AuthorDomain(Status status, List<String> domains, List<Mailbox> mailboxes, String detail) {

    /** Why a message has, or does not have, a single author domain. */
    public enum Status {
        /** Exactly one From field holding exactly one mailbox with a DNS domain. */
        SINGLE,
        /** No From field at all. */
        NO_FIELD,
        /** More than one From field (RFC 5322 §3.6 allows exactly one). */
        MULTIPLE_FIELDS,
        /** One From field without any mailbox: empty, or an empty group such as {@code undisclosed:;}. */
        NO_MAILBOX,
        /** One From field holding more than one mailbox (their domains are in {@code domains}). */
        MULTIPLE_MAILBOXES,
        /** One mailbox, but without a DNS domain: no '@', or a domain literal such as {@code [192.0.2.1]}. */
        NO_DOMAIN,
        /** The From field does not follow RFC 5322 §3.4 (unbalanced quotes or brackets, invalid domain …). */
        SYNTAX_ERROR
    }

    public AuthorDomain {
        Objects.requireNonNull(status, "status");
        domains = List.copyOf(domains);
        mailboxes = List.copyOf(mailboxes);
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Finds the author domain among a message's header fields (all of them, in order; only the
     * ones named From, case-insensitively, are read).
     */
    public static AuthorDomain of(List<HeaderField> headers) {
        List<HeaderField> from = new ArrayList<>(1);
        for (HeaderField h : headers) {
            if (h.hasName("From")) {
                from.add(h);
            }
        }
        if (from.isEmpty()) {
            return new AuthorDomain(Status.NO_FIELD, List.of(), List.of(), "no From header field");
        }
        if (from.size() > 1) {
            List<Mailbox> all = new ArrayList<>();
            for (HeaderField h : from) {
                try {
                    all.addAll(AddressParser.parseMailboxList(h.unfoldedValue()));
                } catch (AddressException e) {
                    // Reported through the status; the other fields' mailboxes are still listed.
                }
            }
            return new AuthorDomain(Status.MULTIPLE_FIELDS, domainsOf(all), all, from.size() + " From header fields");
        }
        return ofValue(from.get(0).unfoldedValue());
    }

    /** The author domain given the (unfolded) value of the only From field. */
    public static AuthorDomain ofValue(String fromValue) {
        List<Mailbox> boxes;
        try {
            boxes = AddressParser.parseMailboxList(fromValue);
        } catch (AddressException e) {
            return new AuthorDomain(Status.SYNTAX_ERROR, List.of(), List.of(), "From: " + e.getMessage());
        }
        List<String> domains = domainsOf(boxes);
        if (boxes.isEmpty()) {
            return new AuthorDomain(Status.NO_MAILBOX, domains, boxes, "From holds no mailbox");
        }
        if (boxes.size() > 1) {
            return new AuthorDomain(Status.MULTIPLE_MAILBOXES, domains, boxes, "From holds " + boxes.size() + " mailboxes");
        }
        Mailbox m = boxes.get(0);
        if (m.domain() == null) {
            return new AuthorDomain(Status.NO_DOMAIN, domains, boxes, "From mailbox has no domain");
        }
        if (m.isDomainLiteral()) {
            return new AuthorDomain(Status.NO_DOMAIN, domains, boxes, "From domain literal " + m.domain() + " is not a DNS domain");
        }
        return new AuthorDomain(Status.SINGLE, domains, boxes, "From domain " + domains.get(0));
    }

    private static List<String> domainsOf(List<Mailbox> boxes) {
        Set<String> out = new LinkedHashSet<>();
        for (Mailbox m : boxes) {
            String d = m.asciiDomain();
            if (d != null) {
                out.add(d);
            }
        }
        return new ArrayList<>(out);
    }

    /** Whether there is exactly one author domain. */
    public boolean isSingle() {
        return status == Status.SINGLE;
    }

    /**
     * The author domain as lower-case A-labels.
     *
     * @throws IllegalStateException unless {@link #isSingle()}, so an ambiguous From can never be
     *     used as if it had one domain
     */
    public String domain() {
        if (status != Status.SINGLE) {
            throw new IllegalStateException("no single author domain: " + status + " (" + detail + ")");
        }
        return domains.get(0);
    }
}
