package org.mailauth4j.spf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.dns.ZoneResolver;

/**
 * Random SPF scenarios for differential testing: a zone with policies forming random trees of
 * include/redirect/ip4/ip6/a/mx/exists/ptr terms, addresses, MX and PTR records, some timeouts,
 * duplicate or broken records, exp= explanations; a client address and a sender. Deterministic
 * for a given seed.
 */
final class RandomPolicies {
    private RandomPolicies() {
    }

    /** One DNS record of a scenario: type TXT, A, AAAA, MX ("pref host"), PTR, CNAME or TIMEOUT. */
    record Rr(String name, String type, String value) {
    }

    record Scenario(String id, String ip, String sender, String helo, List<Rr> zone) {
        ZoneResolver resolver() {
            ZoneResolver.Builder b = ZoneResolver.builder();
            for (Rr r : zone) {
                switch (r.type()) {
                    case "TXT" -> b.txt(r.name(), r.value());
                    case "A", "AAAA" -> b.address(r.name(), r.value());
                    case "MX" -> {
                        int sp = r.value().indexOf(' ');
                        b.mx(r.name(), Integer.parseInt(r.value().substring(0, sp)), r.value().substring(sp + 1));
                    }
                    case "PTR" -> b.ptr(r.name(), r.value());
                    case "CNAME" -> b.cname(r.name(), r.value());
                    case "TIMEOUT" -> b.fail(r.name(), null, "TIMEOUT");
                    default -> throw new IllegalArgumentException(r.type());
                }
            }
            return b.build();
        }
    }

    static final String[] V4 = {"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.77", "192.0.2.200",
        "198.51.100.1", "198.51.100.2", "198.51.100.130", "203.0.113.9"};
    static final String[] V6 = {"2001:db8::1", "2001:db8::2", "2001:db8::1:5", "2001:db8:1::1", "2001:db8:ffff::9"};
    static final String ROOT = "example.com";
    static final int SPF_NAMES = 6;
    static final int HOSTS = 6;
    static final String[] LOCALS = {"user", "john.doe", "a-b+c", "postmaster", "x_y"};

    static List<Scenario> generate(long seed, int count) {
        Random rnd = new Random(seed);
        List<Scenario> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            out.add(scenario(rnd, "c" + k));
        }
        return out;
    }

    private static String spfName(int i) {
        return "s" + i + ".example.net";
    }

    private static String host(int i) {
        return "h" + i + ".example.org";
    }

    private static <T> T pick(Random r, T[] a) {
        return a[r.nextInt(a.length)];
    }

    private static Scenario scenario(Random r, String id) {
        List<Rr> zone = new ArrayList<>();
        boolean v6 = r.nextInt(5) == 0;
        String ip = v6 ? pick(r, V6) : pick(r, V4);
        String clientText = ip;
        if (!v6 && r.nextInt(20) == 0) {
            clientText = "::ffff:" + ip; // IPv4-mapped: evaluated as IPv4 (RFC 7208 §5)
        }
        String local = pick(r, LOCALS);
        String sender = local + "@" + ROOT;
        String helo = "mail.example.com";

        // host addresses
        for (int h = 0; h < HOSTS; h++) {
            int n = r.nextInt(4);
            for (int a = 0; a < n; a++) {
                zone.add(new Rr(host(h), r.nextInt(3) == 0 ? "AAAA" : "A", r.nextInt(3) == 0 ? pick(r, V6) : pick(r, V4)));
            }
            if (n == 0 && r.nextBoolean()) {
                zone.add(new Rr(host(h), "TXT", "not spf"));
            }
        }
        // fix the AAAA/A types to match the address family
        zone.replaceAll(rr -> rr.type().equals("A") || rr.type().equals("AAAA")
                ? new Rr(rr.name(), rr.value().indexOf(':') >= 0 ? "AAAA" : "A", rr.value()) : rr);
        // MX records
        List<String> policyNames = new ArrayList<>();
        policyNames.add(ROOT);
        for (int s = 0; s < SPF_NAMES; s++) {
            policyNames.add(spfName(s));
        }
        for (String name : policyNames) {
            if (r.nextBoolean()) {
                int n = r.nextInt(40) == 0 ? 11 : 1 + r.nextInt(3);
                for (int m = 0; m < n; m++) {
                    String target = r.nextInt(8) == 0 ? "nx.example.org" : host(r.nextInt(HOSTS));
                    zone.add(new Rr(name, "MX", (m * 10) + " " + target));
                }
            }
        }
        // PTR records for the client
        if (r.nextBoolean()) {
            String rev = DnsNames.reverseName(parse(ip));
            int n = 1 + r.nextInt(3);
            for (int p = 0; p < n; p++) {
                zone.add(new Rr(rev, "PTR", host(r.nextInt(HOSTS))));
            }
        }
        // DNSBL-style names for exists:%{ir}.bl.example.org and %{l}.users.example.org
        for (int b = 0; b < 3; b++) {
            String listed = r.nextBoolean() ? pick(r, V4) : pick(r, V6);
            String rev = DnsNames.reverseName(parse(listed));
            String prefix = rev.endsWith(".in-addr.arpa") ? rev.substring(0, rev.length() - ".in-addr.arpa".length())
                    : rev.substring(0, rev.length() - ".ip6.arpa".length());
            zone.add(new Rr(prefix + ".bl.example.org", "A", "127.0.0.2"));
        }
        zone.add(new Rr(pick(r, LOCALS).replace('.', '-') + ".users.example.org", "A", "127.0.0.2"));
        // explanation
        String[] exps = {"Denied %{i} for %{s}", "%{d} says no to %{c} (helo %{h}, %{v})", "See %{L} at %{O}",
            "sender %{l} via %{d2}"};
        zone.add(new Rr("exp.example.net", "TXT", pick(r, exps)));
        if (r.nextInt(10) == 0) {
            zone.add(new Rr("exp2.example.net", "TXT", "one"));
            zone.add(new Rr("exp2.example.net", "TXT", "two"));
        }
        // policies
        for (String name : policyNames) {
            int roll = r.nextInt(100);
            if (roll < 4) {
                zone.add(new Rr(name, "TIMEOUT", ""));
                continue;
            }
            if (roll < 10 && !name.equals(ROOT)) {
                continue; // no record
            }
            zone.add(new Rr(name, "TXT", policy(r, name)));
            if (roll >= 97) {
                zone.add(new Rr(name, "TXT", policy(r, name))); // two SPF records
            }
            if (r.nextInt(4) == 0) {
                zone.add(new Rr(name, "TXT", "google-site-verification=abc"));
            }
        }
        if (r.nextInt(10) == 0) {
            zone.add(new Rr("alias.example.net", "CNAME", spfName(r.nextInt(SPF_NAMES))));
        }
        return new Scenario(id, clientText, sender, helo, zone);
    }

    private static String qualifier(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "+";
            case 1, 2 -> "-";
            case 3 -> "~";
            case 4 -> "?";
            default -> "";
        };
    }

    private static String policy(Random r, String self) {
        StringBuilder sb = new StringBuilder("v=spf1");
        int terms = r.nextInt(6);
        for (int t = 0; t < terms; t++) {
            sb.append(' ').append(qualifier(r)).append(mechanism(r));
        }
        if (r.nextInt(30) == 0) {
            sb.append(' ').append(pick(r, new String[] {"ip4:192.0.2.300", "a:foo-bar", "mx//200", "include",
                "exp=", "%{x}", "foo=%q"}));
        }
        int end = r.nextInt(10);
        if (end < 6) {
            sb.append(' ').append(qualifier(r)).append("all");
        } else if (end < 9) {
            sb.append(" redirect=").append(r.nextInt(8) == 0 ? "alias.example.net" : spfName(r.nextInt(SPF_NAMES)));
        }
        if (r.nextInt(6) == 0) {
            sb.append(r.nextInt(5) == 0 ? " exp=exp2.example.net" : r.nextInt(5) == 0 ? " exp=nx.example.net" : " exp=exp.example.net");
        }
        if (r.nextInt(10) == 0) {
            sb.append(" unknown-mod=%{d}");
        }
        return sb.toString();
    }

    private static String mechanism(Random r) {
        String[] cidr4 = {"", "", "/32", "/31", "/24", "/16", "/8", "/0"};
        String[] cidr6 = {"", "", "//128", "//64", "//48", "//32", "//0"};
        return switch (r.nextInt(12)) {
            case 0, 1 -> "ip4:" + pick(r, V4) + pick(r, cidr4);
            case 2 -> "ip6:" + pick(r, V6) + pick(r, cidr6).replace("//", "/");
            case 3, 4 -> "a" + (r.nextBoolean() ? ":" + (r.nextInt(6) == 0 ? "nx.example.org" : host(r.nextInt(HOSTS))) : "")
                    + pick(r, cidr4) + pick(r, cidr6);
            case 5 -> "mx" + (r.nextBoolean() ? ":" + spfName(r.nextInt(SPF_NAMES)) : "") + pick(r, cidr4) + pick(r, cidr6);
            case 6, 7 -> "include:" + (r.nextInt(10) == 0 ? "nx.example.net" : spfName(r.nextInt(SPF_NAMES)));
            case 8 -> "exists:" + pick(r, new String[] {"%{ir}.bl.example.org", "%{i}.nx.example.org", host(r.nextInt(HOSTS)),
                "%{l-}.users.example.org", "%{ir}.%{v}.bl.example.org"});
            case 9 -> "ptr" + (r.nextBoolean() ? "" : ":example.org");
            case 10 -> "a:%{d}";
            default -> "ip4:" + pick(r, V4) + "/24";
        };
    }

    static InetAddress parse(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
