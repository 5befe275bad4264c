package org.mailauth4j.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The key record cache is process-wide and its keys are chosen by senders ({@code s=}, {@code d=}
 * name a zone they control, TXT answers reach 64 KB): it must stay small in bytes, not just in
 * entries, while still sparing the parse of ordinary records.
 */
class KeyRecordCacheTest {
    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void ordinaryRecordsAreCachedHugeOnesAreNot() throws Exception {
        String key = DkimKeys.keyRecord(DkimKeys.generateEd25519().publicKey());
        assertThat(DkimKeyRecord.parse(key)).isSameAs(DkimKeyRecord.parse(key));
        String huge = key + "; n=" + "x".repeat(60_000);
        DkimKeyRecord first = DkimKeyRecord.parse(huge);
        assertThat(first.publicKey()).isNotNull();
        assertThat(DkimKeyRecord.parse(huge)).isNotSameAs(first);
        String bigFailure = "v=DKIM2; n=" + "x".repeat(60_000);
        for (int i = 0; i < 2; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DkimKeyRecord.parse(bigFailure))
                    .isInstanceOf(DkimFormatException.class).hasMessageStartingWith("key record has v=DKIM2");
        }
    }

    /** 1000 distinct 60 KB records (60 MB of text) must not be retained (review F8: 116 MB before). */
    @Test
    void manyHugeRecordsAreNotRetained() throws Exception {
        String key = DkimKeys.keyRecord(DkimKeys.generateEd25519().publicKey());
        String pad = "x".repeat(60_000);
        long before = usedAfterGc();
        for (int i = 0; i < 1000; i++) {
            DkimKeyRecord.parse(key + "; n=" + pad + i);
        }
        long retained = usedAfterGc() - before;
        assertThat(retained).as("bytes retained").isLessThan(32L << 20);
    }
}
