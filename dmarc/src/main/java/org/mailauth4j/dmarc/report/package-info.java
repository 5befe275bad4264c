/**
 * DMARC reports.
 *
 * <ul>
 *   <li>Aggregate reports, RFC 9990 and RFC 7489 §7.2 /
 *       Appendix C: {@link org.mailauth4j.dmarc.report.AggregateReportBuilder} (grouping, one
 *       report per Policy Domain), {@link org.mailauth4j.dmarc.report.AggregateReportWriter} (XML,
 *       gzip, file name, subject, e-mail), {@link org.mailauth4j.dmarc.report.AggregateReportParser}
 *       (lenient: XML, gzip, zip, e-mail), {@link org.mailauth4j.dmarc.report.ReportDestinations}
 *       (§4 verifying external destinations);</li>
 *   <li>Failure reports, RFC 9991 (draft-ietf-dmarc-failure-reporting) on ARF (RFC 5965) and
 *       RFC 6591: {@link org.mailauth4j.dmarc.report.FailureReport},
 *       {@link org.mailauth4j.dmarc.report.FailureReportWriter},
 *       {@link org.mailauth4j.dmarc.report.FailureReportParser}.</li>
 * </ul>
 *
 * <p>Written from draft-ietf-dmarc-aggregate-reporting-24, the last draft before RFC 9990. Section
 * numbers checked against the published RFC through sources that quote it: §4 (verifying external
 * destinations; §3 in the draft) and §3.1.1.3 ({@code generator}). The others (§2.1, the XML schema)
 * keep the draft's numbering until someone reads the RFC itself.
 */
package org.mailauth4j.dmarc.report;
