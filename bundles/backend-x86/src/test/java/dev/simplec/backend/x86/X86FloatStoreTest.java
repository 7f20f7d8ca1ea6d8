package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrType.F32;
import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * Scalar float stores canonicalize NaN without a branch, with AVX ({@code vcmpss}, {@code vblendvps})
 * and without ({@code -Dsimplec.x86.avx2=false}: SSE2 {@code cmpss}, {@code andps}/{@code andnps}/{@code orps}):
 * every NaN — quiet, signalling, negative, with payloads — is stored as {@code 0x7fc00000} /
 * {@code 0x7ff8000000000000}, every other value bit for bit. And saxpy through the real front end
 * (split by {@code BoundsSplitting}): results and traps as the interpreter says, with ys shorter than
 * xs trapping at its end after storing every element before it.
 */
class X86FloatStoreTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();

    private static final String SAXPY = """
            fn saxpy<T: Float>(a: T, xs: [T], ys: [T]) {
                for i in 0..len(xs) {
                    ys[i] = a * xs[i] + ys[i];
                }
            }
            """;

    private static final long[] F32_BITS = {0x7fc00000L, 0xffc00000L, 0x7f800001L, 0xff800001L, 0x7fffffffL, 0xffffffffL,
        0x7fc12345L, 0xffa00000L, 0, 0x80000000L, 0x7f800000L, 0xff800000L, 1, 0x80000001L, 0x7f7fffffL, 0x3f800000L};
    private static final long[] F64_BITS = {0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff0000000000001L, 0xfff0000000000001L,
        0x7fffffffffffffffL, 0xffffffffffffffffL, 0x7ff8123456789abcL, 0xfff4000000000000L, 0, 0x8000000000000000L,
        0x7ff0000000000000L, 0xfff0000000000000L, 1, 0x8000000000000001L, 0x7fefffffffffffffL, 0x3ff0000000000000L};

    /** Runs {@code body} with AVX as the host has it, then with it switched off (the SSE2 sequence). */
    private static void bothWays(WithoutAvx2.Body body) throws Exception {
        body.run();
        WithoutAvx2.run(body);
    }

    /** {@code fn st(p: i64, x: T) { p[1] = x; p[2] = -x; }}, every edge value. */
    @Test
    void everyNanIsStoredCanonical() throws Exception {
        bothWays(() -> {
            for (IrType t : List.of(F32, F64)) {
                Fb f = new Fb("st", List.of(), I64, t);
                int p = f.param(0);
                int x = f.param(1);
                f.store(t, p, x, t.bytes());
                f.store(t, p, f.op(IrOp.FNEG, t, x), 2L * t.bytes());
                f.ret();
                IrModule m = Fb.module(f.build());
                String listing = X86Backend.build(m).listing();
                assertFalse(listing.contains(" jp "), listing);
                assertTrue(listing.contains(HostCpu.hasAvx2() ? "vblendv" : "andnps"), listing);
                List<List<Differential.Arg>> calls = new ArrayList<>();
                for (long bits : t == F32 ? F32_BITS : F64_BITS) {
                    IrValue v = IrValue.of(t, bits);
                    List<Differential.Arg> args = List.of(Differential.buf(new byte[4 * t.bytes()]), Differential.val(v));
                    calls.add(args);
                    // The interpreter (which the native code must match) stores the canonical bits.
                    ByteBuffer stored = ByteBuffer.wrap(Differential.interpret(m, args).buffers().get(0)).order(ByteOrder.LITTLE_ENDIAN);
                    boolean nan = t == F32 ? Float.isNaN(Float.intBitsToFloat((int) bits)) : Double.isNaN(Double.longBitsToDouble(bits));
                    long got = t == F32 ? stored.getInt(4) & 0xFFFF_FFFFL : stored.getLong(8);
                    long gotNeg = t == F32 ? stored.getInt(8) & 0xFFFF_FFFFL : stored.getLong(16);
                    long canonical = t == F32 ? 0x7fc00000L : 0x7ff8000000000000L;
                    long sign = t == F32 ? 0x80000000L : 0x8000000000000000L;
                    assertEquals(nan ? canonical : bits, got, Long.toHexString(bits));
                    assertEquals(nan ? canonical : bits ^ sign, gotNeg, Long.toHexString(bits));
                }
                Differential.check(m, calls);
            }
        });
    }

    private static byte[] floats(IrType t, int n, int nanEvery) {
        ByteBuffer b = ByteBuffer.allocate(n * t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            boolean nan = nanEvery > 0 && i % nanEvery == nanEvery - 1;
            if (t == F32) {
                b.putInt(nan ? 0xff812345 + i : Float.floatToRawIntBits(i * 0.75f - 3));
            } else {
                b.putLong(nan ? 0x7ff0000000000001L + i : Double.doubleToRawLongBits(i * 0.75 - 3));
            }
        }
        return b.array();
    }

    /** saxpy for f32 and f64: whole runs, NaN inputs, ys shorter than xs (a trap after the stores before it), and longer. */
    @Test
    void saxpyStoresAndTrapsLikeTheInterpreter() throws Exception {
        bothWays(() -> {
            for (IrType t : List.of(F32, F64)) {
                IrModule m = ENGINE.instantiate(SAXPY, List.of(TypeInfo.floating(t.bits())));
                String listing = X86Backend.build(m).listing();
                assertFalse(listing.contains(" jp "), listing);
                IrValue a = t == F32 ? IrValue.f32(1.5f) : IrValue.f64(1.5);
                List<List<Differential.Arg>> calls = new ArrayList<>();
                for (int[] nm : new int[][] {{0, 0}, {1, 1}, {7, 7}, {40, 40}, {40, 41}, {40, 39}, {40, 25}, {5, 0}, {33, 1}}) {
                    int n = nm[0];
                    int len = nm[1];
                    calls.add(List.of(Differential.val(a), Differential.buf(floats(t, n, 5)), Differential.val(IrValue.i64(n)),
                            Differential.buf(floats(t, len, 7)), Differential.val(IrValue.i64(len))));
                }
                int traps = Differential.check(m, calls);
                assertEquals(4, traps, "ys shorter than xs: 40/39, 40/25, 5/0, 33/1");
            }
        });
    }
}
