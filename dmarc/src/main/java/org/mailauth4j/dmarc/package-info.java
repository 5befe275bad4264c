/**
 * DMARC, RFC 9989 (with an RFC 7489 mode): where each rule lives.
 *
 * <ul>
 *   <li>{@link org.mailauth4j.dmarc.DmarcRecord} / {@code DmarcRecordParser} — §4.7 tags and
 *       defaults, §4.8 syntax (lenient: errors fall back to defaults), Appendix C.5 legacy tags;</li>
 *   <li>{@code DiscoverySession}, {@link org.mailauth4j.dmarc.DmarcPolicyDiscovery},
 *       {@link org.mailauth4j.dmarc.TreeWalk} — §4.10 DNS Tree Walk (at most 8 queries; 8+ labels
 *       jump to 7), §4.10.1 policy discovery (Author Domain, Organizational Domain, PSD),
 *       §4.10.2 Organizational Domain selection (psd=n, psd=y, fewest labels); RFC 7489 §6.6.3
 *       discovery in RFC 7489 mode;</li>
 *   <li>{@link org.mailauth4j.dmarc.PublicSuffixList} — RFC 7489 §3.2 Organizational Domain;</li>
 *   <li>{@link org.mailauth4j.dmarc.DmarcEvaluator} — §5.3 Mail Receiver actions: §5.3.1 one
 *       Author Domain (from {@code org.mailauth4j.core.address.AuthorDomain}), §3.2.10/§4.4
 *       alignment, §5.3.5 pass/fail, §5.3.6 DNS errors, §4.7 p/sp/np and t, §3.2.13 and
 *       Appendix A.4 non-existent domains, §11.5 several Author Domains; RFC 7489 §6.6.4 pct;</li>
 *   <li>{@link org.mailauth4j.dmarc.DmarcOutcome#toResInfo()} — §9.1/§9.2 Authentication-Results
 *       {@code dmarc} method, {@code header.from}, {@code policy.dmarc}.</li>
 * </ul>
 *
 * <p>Written from draft-ietf-dmarc-dmarcbis-41 and audited against statements of the published
 * RFC 9989. Section numbers are RFC 9989's: published quotations of the RFC place the rules cited
 * here at the same numbers as the draft (§4.7 record format, §4.8 formal definition, §4.10 tree
 * walk, §4.10.1 policy discovery, §4.10.2 Organizational Domain selection, §5.3.1, §5.3.6,
 * Appendix A.4, A.6, C.5.2). The remaining numbers (§3.2.x, §4.4, §9.x, §11.5) are the draft's
 * and could not be checked against the RFC text itself.
 */
package org.mailauth4j.dmarc;
