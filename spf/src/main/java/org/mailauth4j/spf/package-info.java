/**
 * SPF, RFC 7208: is the SMTP client allowed to send mail for this domain?
 *
 * <p>Entry point: {@link org.mailauth4j.spf.SpfEvaluator} ({@code check}, {@code checkHelo},
 * {@code checkHost}) giving an {@link org.mailauth4j.spf.SpfOutcome}; record it with
 * {@link org.mailauth4j.spf.ReceivedSpf}.
 *
 * <p>Where each part of the RFC lives:
 * <table>
 *   <caption>RFC 7208 sections and files</caption>
 *   <tr><th>RFC 7208</th><th>file</th></tr>
 *   <tr><td>§2.3, §2.4 identities; §4.3 initial processing</td><td>{@code SpfEvaluator#check}, {@code identityDomainProblem}</td></tr>
 *   <tr><td>§4.4, §4.5 record lookup and selection</td><td>{@code SpfEvaluator.Run#checkHost}, {@link org.mailauth4j.spf.SpfRecord#isSpfRecord}</td></tr>
 *   <tr><td>§4.6.1, §5, §6 grammar (terms, mechanisms, modifiers)</td><td>{@code SpfRecordParser}, {@link org.mailauth4j.spf.SpfRecord}</td></tr>
 *   <tr><td>§4.6.2, §4.7 evaluation order, default result</td><td>{@code SpfEvaluator.Run#evaluate}</td></tr>
 *   <tr><td>§4.6.4 processing limits</td><td>{@link org.mailauth4j.spf.SpfLimits}, {@code Run#countTerm}, {@code Run#countVoid}</td></tr>
 *   <tr><td>§5.1–§5.7 mechanisms</td><td>{@code Run#include}, {@code #a}, {@code #mx}, {@code #ptr}, {@code #exists}, {@code #matchesNetwork}</td></tr>
 *   <tr><td>§6.1 redirect, §6.2 exp</td><td>{@code Run#evaluate}, {@code Run#explain}</td></tr>
 *   <tr><td>§7 macros</td><td>{@code MacroExpander}, {@code MacroString}</td></tr>
 *   <tr><td>§9.1 Received-SPF, §9.2 Authentication-Results</td><td>{@link org.mailauth4j.spf.ReceivedSpf}</td></tr>
 * </table>
 */
package org.mailauth4j.spf;
