package org.mailauth4j.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailauth4j.core.address.AuthorDomain;
import org.mailauth4j.core.address.Mailbox;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.dkim.DkimResult;
import org.mailauth4j.spf.SpfResult;

/**
 * What DMARC evaluates (RFC 9989 §5.3.1, §5.3.3): the Author Domain, the SPF result with the
 * domain it was computed for, and every DKIM result with its {@code d=}.
 *
 * @param author the Author Domain, or why there is none, from the foundation's From parser
 *               ({@link AuthorDomain#of(List)})
 * @param spfResult the SPF result ({@link SpfResult#NONE} when SPF was not checked)
 * @param spfDomain the SPF domain: the RFC5321.MailFrom domain, or the HELO identity when the
 *                  reverse-path was null (RFC 7208 §2.4, RFC 9989 §3.2.4); may be {@code null}
 * @param spfDomainIsHelo whether {@code spfDomain} is the HELO identity (reported as scope "helo")
 * @param dkim the DKIM results, in signature order
 */
public record DmarcInput(AuthorDomain author, SpfResult spfResult, String spfDomain, boolean spfDomainIsHelo,
        List<DkimCheck> dkim) {

    public DmarcInput {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(spfResult, "spfResult");
        dkim = List.copyOf(dkim);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DmarcInput}. */
    public static final class Builder {
        private AuthorDomain author;
        private SpfResult spfResult = SpfResult.NONE;
        private String spfDomain;
        private boolean helo;
        private final List<DkimCheck> dkim = new ArrayList<>();

        private Builder() {
        }

        /**
         * A known Author Domain (e.g. taken from an upstream parser). An invalid DNS name becomes
         * {@link AuthorDomain.Status#SYNTAX_ERROR}, which never passes.
         */
        public Builder authorDomain(String domain) {
            String problem = DnsNames.problem(domain);
            if (problem != null) {
                this.author = new AuthorDomain(AuthorDomain.Status.SYNTAX_ERROR, List.of(), List.of(),
                        "invalid Author Domain: " + problem);
            } else {
                String c = DnsNames.canonical(domain);
                this.author = new AuthorDomain(AuthorDomain.Status.SINGLE, List.of(c),
                        List.of(new Mailbox(null, "postmaster", c)), "From domain " + c);
            }
            return this;
        }

        public Builder author(AuthorDomain author) {
            this.author = author;
            return this;
        }

        /** The Author Domain from the message's header fields (its From fields). */
        public Builder headers(List<HeaderField> fields) {
            this.author = AuthorDomain.of(fields);
            return this;
        }

        /** The SPF result for the MAIL FROM domain. */
        public Builder spf(SpfResult result, String mailFromDomain) {
            this.spfResult = result;
            this.spfDomain = mailFromDomain;
            this.helo = false;
            return this;
        }

        /** The SPF result for the HELO identity, used when MAIL FROM was empty (RFC 7208 §2.4). */
        public Builder spfHelo(SpfResult result, String heloDomain) {
            this.spfResult = result;
            this.spfDomain = heloDomain;
            this.helo = true;
            return this;
        }

        public Builder dkim(DkimResult result, String signingDomain) {
            dkim.add(new DkimCheck(result, signingDomain));
            return this;
        }

        public Builder dkim(DkimResult result, String signingDomain, String selector) {
            dkim.add(new DkimCheck(result, signingDomain, selector));
            return this;
        }

        public Builder dkim(DkimCheck check) {
            dkim.add(check);
            return this;
        }

        public DmarcInput build() {
            if (author == null) {
                throw new IllegalStateException("no Author Domain: call authorDomain, author or headers");
            }
            return new DmarcInput(author, spfResult, spfDomain, helo, dkim);
        }
    }
}
