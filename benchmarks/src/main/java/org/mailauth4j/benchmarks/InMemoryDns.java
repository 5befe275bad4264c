package org.mailauth4j.benchmarks;

import java.util.List;
import org.mailauth4j.core.dns.ZoneResolver;

/** In-memory DNS for the benchmarks: answers complete immediately, nothing touches the network. */
final class InMemoryDns {
    private InMemoryDns() {
    }

    /** A zone publishing the key records of {@code signers}. */
    static ZoneResolver.Builder keys(ZoneResolver.Builder zone, List<Corpus.Signer> signers) {
        for (Corpus.Signer s : signers) {
            zone.txt(s.recordName(), s.keyRecord());
        }
        return zone;
    }

    static ZoneResolver keys(List<Corpus.Signer> signers) {
        return keys(ZoneResolver.builder(), signers).build();
    }
}
