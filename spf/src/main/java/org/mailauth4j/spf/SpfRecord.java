package org.mailauth4j.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailauth4j.core.text.Ascii;

/**
 * A parsed SPF record (RFC 7208 §4.5, §4.6): its version and its terms in order. Records are
 * immutable; {@link #toString()} prints the record back as text that parses to an equal record.
 * Parse with {@link #parse(String)}.
 */
public final class SpfRecord {
    private final List<Term> terms;
    private final List<Mechanism> mechanisms;
    private final Modifier redirect;
    private final Modifier explanation;
    private final String text;

    SpfRecord(List<Term> terms) {
        this.terms = List.copyOf(terms);
        List<Mechanism> mechs = new ArrayList<>(terms.size());
        Modifier r = null;
        Modifier e = null;
        for (Term t : terms) {
            if (t instanceof Mechanism m) {
                mechs.add(m);
            } else if (t instanceof Modifier mod) {
                if (mod.isRedirect()) {
                    r = mod;
                } else if (mod.isExplanation()) {
                    e = mod;
                }
            }
        }
        this.mechanisms = List.copyOf(mechs);
        this.redirect = r;
        this.explanation = e;
        StringBuilder sb = new StringBuilder("v=spf1");
        for (Term t : terms) {
            sb.append(' ').append(t);
        }
        this.text = sb.toString();
    }

    /**
     * Parses the text of one SPF record (without the surrounding DNS quoting; several
     * character-strings already joined, RFC 7208 §3.3).
     *
     * @throws SpfSyntaxException when the record does not follow the grammar of RFC 7208 §4.6.1,
     *     §5, §6 and §7.1 (the check would yield permerror)
     */
    public static SpfRecord parse(String text) throws SpfSyntaxException {
        return SpfRecordParser.parse(text);
    }

    /**
     * Whether a TXT record is an SPF version 1 record: it begins with {@code v=spf1}
     * (case-insensitive) followed by a space or the end (RFC 7208 §4.5).
     */
    public static boolean isSpfRecord(String txt) {
        // the common lower-case spelling first: a plain comparison, cheaper than ignoring case
        return (txt.startsWith("v=spf1") || (txt.length() >= 6 && txt.regionMatches(true, 0, "v=spf1", 0, 6)))
                && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /** All terms in order. */
    public List<Term> terms() {
        return terms;
    }

    /** The mechanisms in order (RFC 7208 §5). */
    public List<Mechanism> mechanisms() {
        return mechanisms;
    }

    /** The {@code redirect=} modifier (RFC 7208 §6.1), or {@code null}. */
    public Modifier redirect() {
        return redirect;
    }

    /** The {@code exp=} modifier (RFC 7208 §6.2), or {@code null}. */
    public Modifier explanation() {
        return explanation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpfRecord r && text.equals(r.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The record as text: {@code v=spf1} and the terms separated by single spaces. */
    @Override
    public String toString() {
        return text;
    }

    /** A directive (mechanism with qualifier) or a modifier (RFC 7208 §4.6.1). */
    public sealed interface Term permits Mechanism, Modifier {
        /** Whether evaluating this term queries DNS and so counts against the limit of 10 (§4.6.4). */
        boolean queriesDns();
    }

    /** Qualifiers (RFC 7208 §4.6.2) and the result each gives when its mechanism matches. */
    public enum Qualifier {
        PASS('+', SpfResult.PASS), FAIL('-', SpfResult.FAIL), SOFTFAIL('~', SpfResult.SOFTFAIL),
        NEUTRAL('?', SpfResult.NEUTRAL);

        private final char symbol;
        private final SpfResult result;

        Qualifier(char symbol, SpfResult result) {
            this.symbol = symbol;
            this.result = result;
        }

        public char symbol() {
            return symbol;
        }

        public SpfResult result() {
            return result;
        }

        static Qualifier of(char c) {
            return switch (c) {
                case '+' -> PASS;
                case '-' -> FAIL;
                case '~' -> SOFTFAIL;
                case '?' -> NEUTRAL;
                default -> null;
            };
        }
    }

    /** Mechanism names (RFC 7208 §5). */
    public enum Kind {
        ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS;

        /** The mechanism name as written in records, e.g. {@code ip4}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String name) {
            return switch (Ascii.toLowerCase(name)) {
                case "all" -> ALL;
                case "include" -> INCLUDE;
                case "a" -> A;
                case "mx" -> MX;
                case "ptr" -> PTR;
                case "ip4" -> IP4;
                case "ip6" -> IP6;
                case "exists" -> EXISTS;
                default -> null;
            };
        }
    }

    /**
     * A mechanism with its qualifier (RFC 7208 §5): the kind, the domain-spec (for include, a, mx,
     * ptr, exists; {@code null} when absent), the network (ip4/ip6) and the CIDR lengths ({@code -1}
     * when absent).
     */
    public static final class Mechanism implements Term {
        private final Qualifier qualifier;
        private final Kind kind;
        private final MacroString domainSpec;
        private final String network;
        private final byte[] address;
        private final int cidr4;
        private final int cidr6;
        private final String text;

        Mechanism(Qualifier qualifier, Kind kind, MacroString domainSpec, String network, byte[] address,
                int cidr4, int cidr6) {
            this.qualifier = qualifier;
            this.kind = kind;
            this.domainSpec = domainSpec;
            this.network = network;
            this.address = address;
            this.cidr4 = cidr4;
            this.cidr6 = cidr6;
            StringBuilder sb = new StringBuilder();
            if (qualifier != Qualifier.PASS) {
                sb.append(qualifier.symbol());
            }
            sb.append(kind.word());
            if (domainSpec != null) {
                sb.append(':').append(domainSpec);
            }
            if (network != null) {
                sb.append(':').append(network);
            }
            if (kind == Kind.IP6) {
                if (cidr6 >= 0) {
                    sb.append('/').append(cidr6);
                }
            } else {
                if (cidr4 >= 0) {
                    sb.append('/').append(cidr4);
                }
                if (cidr6 >= 0) {
                    sb.append("//").append(cidr6);
                }
            }
            this.text = sb.toString();
        }

        public Qualifier qualifier() {
            return qualifier;
        }

        public Kind kind() {
            return kind;
        }

        /** The domain-spec as written (may contain macros), or {@code null}. */
        public String domainSpec() {
            return domainSpec == null ? null : domainSpec.toString();
        }

        MacroString domainMacro() {
            return domainSpec;
        }

        /** For ip4/ip6: the network address as written; otherwise {@code null}. */
        public String network() {
            return network;
        }

        byte[] address() {
            return address;
        }

        /** The IPv4 CIDR length, or -1 when absent. */
        public int cidr4() {
            return cidr4;
        }

        /** The IPv6 CIDR length, or -1 when absent. */
        public int cidr6() {
            return cidr6;
        }

        @Override
        public boolean queriesDns() {
            return switch (kind) {
                case INCLUDE, A, MX, PTR, EXISTS -> true;
                default -> false;
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Mechanism m && text.equals(m.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        /** The mechanism as text; a {@code +} qualifier is left out. */
        @Override
        public String toString() {
            return text;
        }
    }

    /** A modifier {@code name=value} (RFC 7208 §6): {@code redirect}, {@code exp} or unknown. */
    public static final class Modifier implements Term {
        private final String name;
        private final MacroString value;

        Modifier(String name, MacroString value) {
            this.name = name;
            this.value = value;
        }

        /** The name as written. */
        public String name() {
            return name;
        }

        /** The value as written (a domain-spec for redirect/exp, else a macro-string). */
        public String value() {
            return value.toString();
        }

        MacroString macro() {
            return value;
        }

        public boolean isRedirect() {
            return Ascii.equalsIgnoreCase(name, "redirect");
        }

        public boolean isExplanation() {
            return Ascii.equalsIgnoreCase(name, "exp");
        }

        @Override
        public boolean queriesDns() {
            return isRedirect();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Modifier m && toString().equals(m.toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }
}
