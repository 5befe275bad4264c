package org.mailauth4j.dmarc.report;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.text.Ascii;
import org.mailauth4j.dmarc.DmarcRecord;

/**
 * Which report URIs of a policy record may receive reports — "Verifying External Destinations"
 * (RFC 9990 §4; RFC 9991 §5 for {@code ruf}): a {@code mailto:} destination whose host has a
 * different Organizational Domain than the policy domain is used only when
 * {@code <policy domain>._report._dmarc.<destination host>} publishes a TXT record starting with
 * {@code v=DMARC1}; an override {@code rua}/{@code ruf} there replaces the URI if it keeps the same
 * host. A temporary DNS failure excludes the URI (it may be retried later).
 */
public final class ReportDestinations {
    /** One URI and whether reports may go to it. */
    public record Destination(String uri, boolean authorized, String detail) {
    }

    private ReportDestinations() {
    }

    /**
     * Checks each URI of {@code rua} (or {@code ruf} when {@code failureReports}) of the record
     * published at {@code policyDomain}.
     *
     * @param organizationalDomain maps a domain to its Organizational Domain (e.g. a PSL, or a
     *                             completed tree walk); a name mapped to itself is its own
     */
    public static CompletableFuture<List<Destination>> verify(DnsResolver resolver, String policyDomain,
            DmarcRecord record, boolean failureReports, Function<String, String> organizationalDomain) {
        List<String> uris = failureReports ? record.ruf() : record.rua();
        List<CompletableFuture<Destination>> checks = new ArrayList<>();
        String policyOrg = organizationalDomain.apply(policyDomain.toLowerCase(Locale.ROOT));
        for (String uri : uris) {
            checks.add(check(resolver, policyDomain, policyOrg, uri, failureReports, organizationalDomain));
        }
        return CompletableFuture.allOf(checks.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<Destination> out = new ArrayList<>();
            for (CompletableFuture<Destination> c : checks) {
                out.add(c.join());
            }
            return out;
        });
    }

    /** The host of a {@code mailto:} URI, or {@code null}. */
    static String mailtoHost(String uri) {
        try {
            URI u = new URI(uri);
            if (!Ascii.equalsIgnoreCase("mailto", u.getScheme())) {
                return null;
            }
            String ssp = u.getSchemeSpecificPart();
            int q = ssp.indexOf('?');
            String addr = q >= 0 ? ssp.substring(0, q) : ssp;
            int at = addr.lastIndexOf('@');
            return at < 0 ? null : DnsNames.canonical(addr.substring(at + 1).strip());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static CompletableFuture<Destination> check(DnsResolver resolver, String policyDomain, String policyOrg,
            String uri, boolean failure, Function<String, String> org) {
        String host = mailtoHost(uri);
        if (host == null) {
            return CompletableFuture.completedFuture(new Destination(uri, false, "not a mailto: URI with a domain"));
        }
        if (org.apply(host).equals(policyOrg)) {
            return CompletableFuture.completedFuture(new Destination(uri, true, "same Organizational Domain"));
        }
        String name = policyDomain + "._report._dmarc." + host;
        if (DnsNames.problem(name) != null) {
            return CompletableFuture.completedFuture(new Destination(uri, false, "verification name too long"));
        }
        return resolver.txt(name).handle((DnsAnswer<String> a, Throwable e) -> {
            if (e != null || a.isTempFail()) {
                return new Destination(uri, false, "temporary DNS failure at " + name);
            }
            for (String txt : a.records()) {
                java.util.Optional<DmarcRecord> r = DmarcRecord.parse(txt);
                if (r.isPresent()) {
                    List<String> override = failure ? r.get().ruf() : r.get().rua();
                    for (String o : override) {
                        if (host.equals(mailtoHost(o))) {
                            return new Destination(o, true, "authorized by " + name + ", destination overridden");
                        }
                    }
                    return new Destination(uri, true, "authorized by " + name);
                }
            }
            return new Destination(uri, false, "no v=DMARC1 record at " + name);
        });
    }
}
