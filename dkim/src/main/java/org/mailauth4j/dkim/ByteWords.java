package org.mailauth4j.dkim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time: reading and writing a byte array as little-endian 64-bit words (byte k
 * of a word is bits 8k..8k+7) and exact per-byte tests on a word, each giving a mask with the high
 * bit of exactly the bytes that pass (no carry crosses a byte: {@code (x & 0x7f) + c} stays below
 * 0x100). Used by the canonicalizers, where most bytes need no work.
 */
final class ByteWords {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;

    private ByteWords() {
    }

    static long get(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    static void put(byte[] b, int i, long w) {
        LONGS.set(b, i, w);
    }

    /** Bytes equal to zero. */
    static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x) & HIGH;
    }

    /** Bytes equal to {@code c}. */
    static long equalBytes(long w, byte c) {
        return zeroBytes(w ^ ((c & 0xffL) * ONES));
    }

    /** Bytes at most 0x20 (unsigned): SP, TAB, CR, LF and the other controls. */
    static long lessOrEqual20(long w) {
        return ~(((w & LOW7) + 0x5f5f5f5f5f5f5f5fL) | w) & HIGH;
    }

    /**
     * The bytes of {@code w} that relaxed canonicalization may have to change: a byte of at most
     * 0x20 that is below 0x20 (TAB, CR, LF, other controls) or is followed by another byte of at
     * most 0x20 (two spaces, a space before a line end). {@code low} is {@link #lessOrEqual20} of
     * {@code w}, {@code nextLow} that of the word after it, whose first byte follows byte 7.
     * Among bytes of at most 0x20, those below 0x20 have bit 5 clear; {@code << 2} moves bit 5 to
     * bit 7 of the same byte.
     */
    static long relaxedTrouble(long w, long low, long nextLow) {
        return low & ((low >>> 8) | (nextLow << 56) | (~w << 2));
    }

    /** The index of the first byte {@code c} in {@code b[from, to)}, or {@code to}. */
    static int indexOf(byte[] b, int from, int to, byte c) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long m = equalBytes(get(b, i), c);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        while (i < to && b[i] != c) {
            i++;
        }
        return i;
    }
}
