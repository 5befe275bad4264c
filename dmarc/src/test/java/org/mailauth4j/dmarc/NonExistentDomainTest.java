package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.DnsAnswer;

/**
 * Whether the Author Domain exists, for the {@code np} tag. RFC 9989 §3.2.13: "if the response code
 * received for a query for a domain name is NXDOMAIN, then the domain name and any possible
 * subdomains do not exist" (the RFC 8020 meaning); Appendix A.4: "if any RR exists for a domain,
 * then the domain exists" (so NODATA means it exists).
 */
class NonExistentDomainTest {
    private static final DnsAnswer<String> NX = DnsAnswer.nxDomain(60);
    private static final DnsAnswer<String> NODATA = DnsAnswer.noData(60);
    private static final DnsAnswer<String> TEMP = DnsAnswer.tempFail("TIMEOUT");
    private static final DnsAnswer<String> RECORDS = DnsAnswer.records(List.of("192.0.2.1"), 60);

    private static DmarcEvaluator.Existence rfc9989(DnsAnswer<?>... answers) {
        return DmarcEvaluator.existence(DmarcMode.RFC9989, List.of(answers));
    }

    @Test
    void allNxdomainMeansNonExistent() {
        assertThat(rfc9989(NX, NX, NX)).isEqualTo(DmarcEvaluator.Existence.NON_EXISTENT);
        assertThat(DmarcEvaluator.existence(DmarcMode.RFC7489, List.of(NX, NX, NX)))
                .isEqualTo(DmarcEvaluator.Existence.NON_EXISTENT);
    }

    @Test
    void anyRecordOrNodataMeansExists() {
        assertThat(rfc9989(NX, RECORDS, TEMP)).isEqualTo(DmarcEvaluator.Existence.EXISTS);
        assertThat(rfc9989(TEMP, TEMP, NODATA)).isEqualTo(DmarcEvaluator.Existence.EXISTS);
    }

    /** One NXDOMAIN settles it in RFC 9989 mode: the failed query cannot make the name exist. */
    @Test
    void oneNxdomainDecidesDespiteATemporaryFailure() {
        assertThat(rfc9989(NX, TEMP, TEMP)).isEqualTo(DmarcEvaluator.Existence.NON_EXISTENT);
        assertThat(rfc9989(TEMP, NX, NX)).isEqualTo(DmarcEvaluator.Existence.NON_EXISTENT);
    }

    @Test
    void onlyTemporaryFailuresLeaveItOpen() {
        assertThat(rfc9989(TEMP, TEMP, TEMP)).isEqualTo(DmarcEvaluator.Existence.UNKNOWN);
    }

    /** RFC 7489 mode keeps its rule (np of RFC 9091): every query must answer NXDOMAIN. */
    @Test
    void rfc7489ModeNeedsEveryAnswer() {
        assertThat(DmarcEvaluator.existence(DmarcMode.RFC7489, List.of(NX, TEMP, NX)))
                .isEqualTo(DmarcEvaluator.Existence.UNKNOWN);
    }
}
