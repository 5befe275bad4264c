package org.mailauth4j.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SPF policies measured, as TXT records by name. {@code ip4}: one line. {@code google}: shaped
 * like a large provider's: the domain includes one record that includes three netblock records
 * of ip4/ip6 ranges; the client address matches in the third block, so every block is walked.
 */
final class SpfPolicies {
    static final String CLIENT_IP = "192.0.2.25";
    static final String GOOGLE_CLIENT_IP = "172.253.117.40";

    private SpfPolicies() {
    }

    /** TXT records of the policy named {@code policy} ({@code ip4} or {@code google}). */
    static Map<String, String> records(String policy) {
        Map<String, String> txt = new LinkedHashMap<>();
        switch (policy) {
            case "ip4" -> txt.put("example.com", "v=spf1 ip4:192.0.2.0/24 -all");
            case "google" -> {
                txt.put("example.net", "v=spf1 include:_spf.example.net ~all");
                txt.put("_spf.example.net", "v=spf1 include:_netblocks.example.net include:_netblocks2.example.net "
                        + "include:_netblocks3.example.net ~all");
                txt.put("_netblocks.example.net", "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 "
                        + "ip4:66.249.80.0/20 ip4:72.14.192.0/18 ip4:74.125.0.0/16 ip4:108.177.8.0/21 "
                        + "ip4:173.194.0.0/16 ip4:209.85.128.0/17 ip4:216.58.192.0/19 ip4:216.239.32.0/19 ~all");
                txt.put("_netblocks2.example.net", "v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 "
                        + "ip6:2607:f8b0:4000::/36 ip6:2800:3f0:4000::/36 ip6:2a00:1450:4000::/36 "
                        + "ip6:2c0f:fb50:4000::/36 ~all");
                txt.put("_netblocks3.example.net", "v=spf1 ip4:172.217.0.0/19 ip4:172.217.32.0/20 "
                        + "ip4:172.217.128.0/19 ip4:172.217.160.0/20 ip4:172.217.192.0/19 ip4:172.253.56.0/21 "
                        + "ip4:172.253.112.0/20 ip4:108.177.96.0/19 ip4:35.191.0.0/16 ip4:130.211.0.0/22 ~all");
            }
            default -> throw new IllegalArgumentException(policy);
        }
        return txt;
    }

    static String domain(String policy) {
        return policy.equals("ip4") ? "example.com" : "example.net";
    }

    static String clientIp(String policy) {
        return policy.equals("ip4") ? CLIENT_IP : GOOGLE_CLIENT_IP;
    }
}
