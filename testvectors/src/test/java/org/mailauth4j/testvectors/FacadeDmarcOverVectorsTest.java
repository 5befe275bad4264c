package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.dmarc.DmarcMode;

/**
 * DMARC on top of a third-party DKIM vector: the RFC 8463 Appendix A message (From
 * joe@football.example.com, two signatures with d=football.example.com that pass) with a DMARC
 * record {@code p=reject} published for football.example.com. An aligned DKIM pass makes DMARC
 * pass (RFC 7489 §4.2, RFC 9989 §4.4), in both DMARC modes; with the body altered both signatures fail, SPF gives no
 * aligned pass, so DMARC fails and the policy asks for reject (RFC 7489 §6.6.2).
 */
class FacadeDmarcOverVectorsTest {

    private static Authenticator authenticator(DmarcMode mode) throws Exception {
        DkimCorpora.Row row = DkimCorpora.rfc8463().get(0);
        DnsResolver keys = row.dns();
        ZoneResolver policy = ZoneResolver.builder().txt("_dmarc.football.example.com", "v=DMARC1; p=reject").build();
        DnsResolver both = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return name.toLowerCase(Locale.ROOT).startsWith("_dmarc.football.example.com") ? policy.query(name, type)
                        : keys.query(name, type);
            }
        };
        return Authenticator.builder().resolver(both).clock(row.clock()).authservId("mx.example.net").dmarcMode(mode)
                .build();
    }

    private static byte[] message() throws Exception {
        return DkimCorpora.rfc8463().get(0).message();
    }

    @ParameterizedTest
    @EnumSource(DmarcMode.class)
    void alignedDkimPassIsDmarcPass(DmarcMode mode) throws Exception {
        AuthenticationReport r = authenticator(mode).authenticate(message(), Envelope.of("192.0.2.7", "mx.example.org",
                "bounce@elsewhere.example"));
        assertThat(r.dkim()).extracting(AuthenticationReport.Dkim::result).containsExactly("pass", "pass");
        assertThat(r.dmarc().result()).as("%s", r.dmarc()).isEqualTo("pass");
        assertThat(r.dmarc().domain()).isEqualTo("football.example.com");
        assertThat(r.dmarc().policy()).isEqualTo("reject");
        List<ResInfo> stated = AuthenticationResults.parseStrict(r.authenticationResultsValue()).results();
        assertThat(stated).filteredOn(ri -> ri.method().equals("dmarc")).singleElement()
                .satisfies(ri -> assertThat(ri.result()).isEqualTo("pass"))
                .satisfies(ri -> assertThat(ri.property("header", "from")).isEqualTo("football.example.com"));
        System.out.println("facade DMARC over rfc8463 (" + mode + "): aligned DKIM pass -> dmarc=pass");
    }

    @ParameterizedTest
    @EnumSource(DmarcMode.class)
    void alteredBodyFailsDkimAndDmarcAsksForReject(DmarcMode mode) throws Exception {
        byte[] m = new String(message(), StandardCharsets.ISO_8859_1).replace("hungry", "angry")
                .getBytes(StandardCharsets.ISO_8859_1);
        AuthenticationReport r = authenticator(mode).authenticate(m, Envelope.of("192.0.2.7", "mx.example.org",
                "bounce@elsewhere.example"));
        assertThat(r.dkim()).extracting(AuthenticationReport.Dkim::result).containsExactly("fail", "fail");
        assertThat(r.dmarc().result()).as("%s", r.dmarc()).isEqualTo("fail");
        assertThat(r.dmarc().disposition()).isEqualTo("reject");
        System.out.println("facade DMARC over rfc8463 (" + mode + "): altered body -> dkim=fail x2, dmarc=fail, reject");
    }
}
