package org.mailauth4j.dmarc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed DMARC Policy Record (RFC 9989 §4.7, formal syntax §4.8). Parsing is lenient as §4.8
 * requires: unknown tags are ignored, syntax errors in a tag make that tag take its default value
 * and are listed in {@link #problems()}. Only a missing or misplaced {@code v=DMARC1} makes the
 * text "not a DMARC record" ({@link #parse} returns empty).
 *
 * @param text the TXT record, character-strings joined
 * @param requestedPolicy {@code p}; {@code null} when absent or invalid (see {@link #pStatus})
 * @param pStatus whether {@code p} was absent, valid or invalid
 * @param subdomainPolicy {@code sp}; {@code null} when absent or invalid
 * @param spInvalid {@code sp} was present with an invalid value
 * @param nonExistentPolicy {@code np} (RFC 9989 §4.7, RFC 9091); {@code null} when absent or invalid
 * @param npInvalid {@code np} was present with an invalid value
 * @param psd {@code psd}: y, n or u (default u)
 * @param testing {@code t=y}
 * @param adkim DKIM alignment mode (default relaxed)
 * @param aspf SPF alignment mode (default relaxed)
 * @param rua valid aggregate-report URIs, in order (obsolete {@code !size} suffixes removed)
 * @param ruf valid failure-report URIs, in order
 * @param fo failure reporting options (default {@code "0"})
 * @param pct RFC 7489 {@code pct} (0..100), {@code null} when absent or invalid; legacy in RFC 9989
 * @param rf RFC 7489 {@code rf}, or {@code null}; legacy
 * @param ri RFC 7489 {@code ri} in seconds, or {@code null}; legacy
 * @param legacyTags the removed tags present ({@code pct}, {@code rf}, {@code ri}), RFC 9989 Appendix C.5.2
 * @param unknownTags names of tags this version does not know (ignored, §4.7)
 * @param problems readable descriptions of every syntax error found
 */
public record DmarcRecord(String text, DmarcPolicy requestedPolicy, TagStatus pStatus, DmarcPolicy subdomainPolicy,
        boolean spInvalid, DmarcPolicy nonExistentPolicy, boolean npInvalid, Psd psd, boolean testing,
        Alignment adkim, Alignment aspf, List<String> rua, List<String> ruf, String fo, Integer pct, String rf,
        Integer ri, List<String> legacyTags, List<String> unknownTags, List<String> problems) {

    /** Whether a tag was absent, present and valid, or present and invalid. */
    public enum TagStatus { ABSENT, VALID, INVALID }

    /** The {@code psd} tag (RFC 9989 §4.7). */
    public enum Psd {
        /** The domain is a Public Suffix Domain. */
        Y,
        /** The domain is not a PSD and is the Organizational Domain of itself and its subdomains. */
        N,
        /** Unknown (default): the tree walk decides. */
        U;

        public String letter() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DmarcRecord {
        Objects.requireNonNull(text, "text");
        rua = List.copyOf(rua);
        ruf = List.copyOf(ruf);
        legacyTags = List.copyOf(legacyTags);
        unknownTags = List.copyOf(unknownTags);
        problems = List.copyOf(problems);
    }

    /** Most records kept by {@link #parse}; the cache is emptied when it is full. */
    static final int CACHE_LIMIT = 4096;
    /** Longest TXT text kept (real policy records are a few hundred characters). */
    static final int MAX_CACHED_TEXT = 2048;
    private static final Map<String, DmarcRecord> CACHE = new ConcurrentHashMap<>();

    /**
     * Parses a TXT record. Empty when the text is not a DMARC record: the first tag is not
     * {@code v} or its value is not exactly {@code DMARC1} (RFC 9989 §4.7 {@code v}). Records are
     * immutable and cached by text (at most {@value #CACHE_LIMIT} of at most {@value
     * #MAX_CACHED_TEXT} characters, so a sender naming many distinct domains cannot grow it
     * without bound), as DKIM key records and SPF records are.
     */
    public static Optional<DmarcRecord> parse(String text) {
        DmarcRecord cached = CACHE.get(text);
        if (cached != null) {
            return Optional.of(cached);
        }
        DmarcRecord r = DmarcRecordParser.parse(text);
        if (r != null && text.length() <= MAX_CACHED_TEXT) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(text, r);
        }
        return Optional.ofNullable(r);
    }

    /** Whether {@code text} starts with the {@code v=DMARC1} tag (RFC 9989 §4.10 step 2). */
    public static boolean isDmarcRecord(String text) {
        return DmarcRecordParser.startsWithVersion(text);
    }

    /** Whether at least one {@code rua} URI is syntactically valid. */
    public boolean hasValidRua() {
        return !rua.isEmpty();
    }

    /**
     * Whether the record can be applied. RFC 9989 §4.10.1: a record that "does not contain a valid
     * {@code p} tag" (absent or invalid), or whose {@code sp} or {@code np} is invalid, is applied
     * only when its {@code rua} holds at least one syntactically valid URI; otherwise the Mail
     * Receiver applies no DMARC processing. RFC 7489 §6.6.3 step 5 has the same rule.
     * <p>What is applied then: for an invalid {@code p}, {@code sp} or {@code np}, a record
     * containing {@code p=none} (every policy {@code none}); for an absent {@code p} in RFC 9989
     * mode, the record as published with {@code p=none} added (§4.7 {@code p}: "treated as if it
     * included p=none"), so a valid {@code sp} or {@code np} still applies to subdomains.
     */
    public boolean usable(DmarcMode mode) {
        return (pStatus == TagStatus.VALID && !spInvalid && !npInvalid) || hasValidRua();
    }

    private boolean fallsBackToNone(DmarcMode mode) {
        return pStatus == TagStatus.INVALID || spInvalid || npInvalid
                || (mode == DmarcMode.RFC7489 && pStatus == TagStatus.ABSENT);
    }

    /** The policy for the domain itself ({@code p}), per {@link #usable} rules. */
    public DmarcPolicy policy(DmarcMode mode) {
        if (fallsBackToNone(mode) || requestedPolicy == null) {
            return DmarcPolicy.NONE;
        }
        return requestedPolicy;
    }

    /** The policy for existing subdomains: {@code sp}, else {@code p} (RFC 9989 §4.7 {@code sp}). */
    public DmarcPolicy subdomainPolicy(DmarcMode mode) {
        if (fallsBackToNone(mode)) {
            return DmarcPolicy.NONE;
        }
        return subdomainPolicy != null ? subdomainPolicy : policy(mode);
    }

    /** The policy for non-existent subdomains: {@code np}, else {@code sp}, else {@code p} (§4.7 {@code np}). */
    public DmarcPolicy nonExistentSubdomainPolicy(DmarcMode mode) {
        if (fallsBackToNone(mode)) {
            return DmarcPolicy.NONE;
        }
        return nonExistentPolicy != null ? nonExistentPolicy : subdomainPolicy(mode);
    }

    /** The effective {@code pct} (default 100). */
    public int pctOrDefault() {
        return pct == null ? 100 : pct;
    }
}
