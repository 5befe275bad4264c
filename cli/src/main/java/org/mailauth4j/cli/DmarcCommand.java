package org.mailauth4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.dmarc.DmarcMode;
import org.mailauth4j.dmarc.DmarcPolicyDiscovery;
import org.mailauth4j.dmarc.PolicyDiscovery;
import org.mailauth4j.dmarc.PublicSuffixList;
import org.mailauth4j.dmarc.RecordLookup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailauth4j dmarc}: DMARC policy discovery for a domain, with the DNS Tree Walk explained. */
@Command(name = "dmarc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Discover the DMARC policy that applies to mail from DOMAIN (RFC 9989 §4.10), showing every "
            + "query of the DNS Tree Walk and how the policy and Organizational Domain were chosen."})
final class DmarcCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dns", paramLabel = "FILE", description = "Zone file or snapshot instead of live DNS (repeatable).")
    List<Path> dns = new ArrayList<>();

    @Option(names = "--rfc7489", description = "Use RFC 7489 discovery (Public Suffix List) instead of RFC 9989.")
    boolean rfc7489;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "DOMAIN", description = "The Author Domain (the RFC5322.From domain).")
    String domain;

    @Override
    public Integer call() {
        String problem = DnsNames.problem(domain);
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "DOMAIN: " + problem);
        }
        DnsResolver r = Dns.resolver(spec, dns);
        DmarcPolicyDiscovery d = DmarcPolicyDiscovery.of(r != null ? r : Dns.live(),
                rfc7489 ? DmarcMode.RFC7489 : DmarcMode.RFC9989, PublicSuffixList.bundled());
        PolicyDiscovery p = d.discover(domain).join();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("domain", p.authorDomain());
            m.put("status", p.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("policyDomain", p.policyDomain());
            m.put("record", p.record() == null ? null : p.record().text());
            m.put("organizationalDomain", p.organizationalDomain());
            m.put("mode", p.mode().name());
            m.put("detail", p.detail());
            List<Object> walk = new ArrayList<>();
            if (p.walk() != null) {
                for (RecordLookup l : p.walk().steps()) {
                    walk.add(l.toString());
                }
            }
            m.put("treeWalk", walk);
            out.println(Json.write(m));
        } else {
            out.println("DMARC policy discovery for " + p.authorDomain() + " (" + p.mode() + ")");
            out.println("  status: " + p.status().name().toLowerCase(java.util.Locale.ROOT) + " - " + p.detail());
            if (p.policyDomain() != null) {
                out.println("  policy domain: " + p.policyDomain());
            }
            if (p.record() != null) {
                out.println("  record: " + p.record().text());
            }
            out.println("  organizational domain: " + (p.organizationalDomain() == null ? "unknown" : p.organizationalDomain()));
            if (p.walk() != null) {
                out.print("  " + p.walk().explain().replace("\n", "\n  ").stripTrailing() + "\n");
            }
        }
        return p.status() == PolicyDiscovery.Status.TEMPFAIL ? Main.PROCESSING_ERROR : Main.OK;
    }
}
