package org.mailauth4j.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.dmarc.DmarcRecord;
import org.mailauth4j.dmarc.PublicSuffixList;

/** Verifying external destinations (RFC 9990 §4), with the RFC 9989 Appendix B.2.3 and B.2.4 records. */
class ReportDestinationsTest {
    static final PublicSuffixList PSL = PublicSuffixList.bundled();

    @Test
    void appendixB23ThirdPartyAuthorizes() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; "
                + "ruf=mailto:auth-reports@thirdparty.example.net").orElseThrow();
        ZoneResolver z = ZoneResolver.builder().txt("example.com._report._dmarc.thirdparty.example.net", "v=DMARC1;")
                .build();
        List<ReportDestinations.Destination> ruf = ReportDestinations.verify(z, "example.com", r, true,
                PSL::organizationalDomain).join();
        assertThat(ruf).singleElement().satisfies(d -> {
            assertThat(d.authorized()).isTrue();
            assertThat(d.uri()).isEqualTo("mailto:auth-reports@thirdparty.example.net");
        });
        List<ReportDestinations.Destination> rua = ReportDestinations.verify(z, "example.com", r, false,
                PSL::organizationalDomain).join();
        assertThat(rua).singleElement().satisfies(d -> assertThat(d.detail()).contains("same Organizational"));
    }

    @Test
    void appendixB24OverrideKeepsTheHost() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=none; ruf=mailto:auth-reports@thirdparty.example.net")
                .orElseThrow();
        ZoneResolver z = ZoneResolver.builder().txt("example.com._report._dmarc.thirdparty.example.net",
                "v=DMARC1; rua=mailto:aggregate-reports@thirdparty.example.net; "
                        + "ruf=mailto:failure-reports@thirdparty.example.net").build();
        List<ReportDestinations.Destination> ruf = ReportDestinations.verify(z, "example.com", r, true,
                PSL::organizationalDomain).join();
        assertThat(ruf.get(0).uri()).isEqualTo("mailto:failure-reports@thirdparty.example.net");
        assertThat(ruf.get(0).authorized()).isTrue();
    }

    @Test
    void unauthorizedAndTemporaryFailures() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=none; rua=mailto:x@victim.example, mailto:y@slow.example, "
                + "https://reports.example/upload").orElseThrow();
        ZoneResolver z = ZoneResolver.builder().fail("example.com._report._dmarc.slow.example", null, "TIMEOUT")
                .build();
        List<ReportDestinations.Destination> rua = ReportDestinations.verify(z, "example.com", r, false,
                PSL::organizationalDomain).join();
        assertThat(rua).extracting(ReportDestinations.Destination::authorized).containsExactly(false, false, false);
        assertThat(rua.get(1).detail()).contains("temporary");
    }
}
