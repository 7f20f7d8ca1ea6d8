package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * {@code StrengthReduction} through whole templates against the interpreter: row-major indices
 * ({@code k * n + j}, {@code i * n + k}), strided counters, an index one add away from another,
 * wrapping products, and the traps of their bounds checks; and matmul's inner loop keeps no
 * multiplication.
 */
class X86StrengthReductionTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();
    private static final TypeInfo I64 = TypeInfo.integer(64, true);
    private static final TypeInfo F64 = TypeInfo.floating(64);
    private final Random rnd = new Random(5);

    private static final String MATMUL = """
            fn matmul<T: Num>(a: [T], b: [T], c: [T], n: i64) {
                for i in 0..n {
                    for j in 0..n {
                        var s: T = 0;
                        for k in 0..n {
                            s += a[i * n + k] * b[k * n + j];
                        }
                        c[i * n + j] = s;
                    }
                }
            }
            """;

    private byte[] words(int n, boolean floats) {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            if (floats) {
                b.putDouble(i % 11 == 4 ? Double.NaN : rnd.nextGaussian() * 10);
            } else {
                b.putLong(rnd.nextLong() >> rnd.nextInt(64));
            }
        }
        return b.array();
    }

    private static Differential.Arg i64(long v) {
        return Differential.val(IrValue.i64(v));
    }

    @Test
    void matmulKeepsItsResultsAndTraps() throws Exception {
        for (TypeInfo t : List.of(F64, I64)) {
            IrModule m = ENGINE.instantiate(MATMUL, List.of(t));
            boolean f = t == F64;
            List<List<Differential.Arg>> calls = new ArrayList<>();
            for (int n : new int[] {0, 1, 2, 3, 5, 8}) {
                calls.add(List.of(Differential.buf(words(n * n, f)), i64(n * n), Differential.buf(words(n * n, f)), i64(n * n),
                        Differential.buf(new byte[8 * n * n]), i64(n * n), i64(n)));
            }
            // b one short: the last column's last row traps (the second of a jammed pair: its check
            // fails first, and the first column goes on alone and stores, as the loop does before
            // the trap; memory is compared after it); c one short: its last store.
            calls.add(List.of(Differential.buf(words(16, f)), i64(16), Differential.buf(words(15, f)), i64(15),
                    Differential.buf(new byte[128]), i64(16), i64(4)));
            calls.add(List.of(Differential.buf(words(16, f)), i64(16), Differential.buf(words(16, f)), i64(16),
                    Differential.buf(new byte[128]), i64(15), i64(4)));
            assertEquals(2, Differential.check(m, calls));
        }
    }

    @Test
    void matmulsInnerLoopMultipliesNoIndex() {
        String listing = X86Backend.build(ENGINE.instantiate(MATMUL, List.of(F64))).listing();
        String code = listing.substring(listing.indexOf("matmul<f64>:"));
        long imuls = code.lines().filter(l -> l.contains("imul")).count();
        // i * n for the k loop's start, i * n + j for the store: none in the k loop.
        assertTrue(imuls <= 2, code);
    }

    @Test
    void stridedAndOffsetIndices() throws Exception {
        String src = """
                fn f(xs: [i64], n: i64, m: i64) -> i64 {
                    var s: i64 = 0;
                    var k: i64 = 1;
                    while k < n {
                        s += xs[k * m + 3] * (m * k - n) + xs[k * m + 4] - (k * m + 2) * 7;
                        k += 2;
                    }
                    for i in 0..n {
                        for j in 0..i {
                            s = s * 3 + xs[i * m + j] + xs[(j + 1) * m - 1] + i * j;
                        }
                    }
                    s
                }
                """;
        IrModule m = ENGINE.instantiate(src, List.of());
        List<List<Differential.Arg>> calls = new ArrayList<>();
        int len = 40;
        for (long n : new long[] {-1, 0, 1, 2, 3, 4, 5, 6}) {
            for (long mm : new long[] {0, 1, 2, 5, -1, Long.MAX_VALUE / 3, Long.MIN_VALUE + 1}) {
                calls.add(List.of(Differential.buf(words(len, false)), i64(len), i64(n), i64(mm)));
            }
        }
        int traps = Differential.check(m, calls);
        assertTrue(traps > 0 && traps < calls.size(), "some calls trap, others run: " + traps);
    }
}
