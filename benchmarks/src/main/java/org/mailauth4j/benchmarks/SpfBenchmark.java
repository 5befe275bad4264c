package org.mailauth4j.benchmarks;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.SPF;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.spf.SpfEvaluator;
import org.mailauth4j.spf.SpfOutcome;
import org.mailauth4j.spf.SpfResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SPF {@code check_host()} with in-memory DNS: mailauth4j's evaluator (core ZoneResolver) and
 * Apache jSPF 1.0.5 (its synchronous executor and an in-memory {@link DNSService}) on the same
 * records, client address and sender. Both get a fresh evaluation per operation (no result cache).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpfBenchmark {
    @Param({"ip4", "google"})
    public String policy;

    private InetAddress ip;
    private String ipText;
    private String sender;
    private SpfEvaluator ours;
    private SPF jspf;

    /** jSPF's DNS SPI answered from a map: TXT records only; everything else has no records. */
    static final class JspfInMemoryDns implements DNSService {
        private final Map<String, String> txt;

        JspfInMemoryDns(Map<String, String> txt) {
            this.txt = txt;
        }

        @Override
        public List<String> getRecords(DNSRequest request) {
            if (request.getRecordType() != DNSRequest.TXT) {
                return null;
            }
            String r = txt.get(request.getHostname());
            return r == null ? null : List.of(r);
        }

        @Override
        public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
            return CompletableFuture.completedFuture(getRecords(request));
        }

        @Override
        public List<String> getLocalDomainNames() {
            return List.of("localhost");
        }

        @Override
        public void setTimeOut(int timeOut) {
        }

        @Override
        public int getRecordLimit() {
            return 10;
        }

        @Override
        public void setRecordLimit(int recordLimit) {
        }
    }

    @Setup
    public void setUp() throws Exception {
        Map<String, String> records = SpfPolicies.records(policy);
        ZoneResolver.Builder zone = ZoneResolver.builder();
        records.forEach(zone::txt);
        ours = SpfEvaluator.builder().resolver(zone.build()).build();
        JspfInMemoryDns dns = new JspfInMemoryDns(records);
        jspf = new SPF(dns, new SynchronousSPFExecutor(dns));
        ipText = SpfPolicies.clientIp(policy);
        ip = InetAddress.getByName(ipText);
        sender = "alice@" + SpfPolicies.domain(policy);
        SpfOutcome o = ours();
        if (o.result() != SpfResult.PASS) {
            throw new IllegalStateException("mailauth4j: " + o);
        }
        String j = jspf();
        if (!"pass".equals(j)) {
            throw new IllegalStateException("jSPF: " + j);
        }
    }

    @Benchmark
    public SpfOutcome ours() {
        return ours.check(ip, "mail.example.com", sender).join();
    }

    @Benchmark
    public String jspf() {
        return jspf.checkSPF(ipText, sender, "mail.example.com").getResult();
    }
}
