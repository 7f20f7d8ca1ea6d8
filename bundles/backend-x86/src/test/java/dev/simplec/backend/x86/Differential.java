package dev.simplec.backend.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.codegen.ArgLocation;
import dev.simplec.api.codegen.CallInlining;
import dev.simplec.api.codegen.Inlining;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInterpreter;
import dev.simplec.api.ir.IrMemory;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrTrap;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.backend.x86.abi.SysVAbi;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * Runs a module's entry natively (through {@link Harness}) and in {@link IrInterpreter}, and
 * demands the same answer bit for bit: the results, the bytes of every buffer passed by pointer,
 * or — when the interpreter traps — exit status 134 and exactly the trap line on stderr. Narrow
 * integer and f32 arguments get random garbage above their width, as C callers may leave it; a
 * single narrow integer result must come back sign-extended to 64 bits.
 */
final class Differential {
    /** An argument: a value, or the address of a buffer holding {@code bytes}. */
    sealed interface Arg {
    }

    record Val(IrValue value) implements Arg {
    }

    record Buf(byte[] bytes) implements Arg {
    }

    private static final Random GARBAGE = new Random(99);
    private static final X86Backend BACKEND = new X86Backend();

    private Differential() {
    }

    static Arg val(IrValue v) {
        return new Val(v);
    }

    static Arg buf(byte[] bytes) {
        return new Buf(bytes);
    }

    /**
     * Compiles {@code m} and checks every argument list; returns how many calls trapped. A module
     * whose calls the backend inlines is also compiled and checked with every call kept
     * ({@link Inlining#NONE}), so both the inlined bodies and the calls between functions are tested.
     */
    static int check(IrModule m, List<List<Arg>> calls) throws Exception {
        byte[] code = BACKEND.compile(m).code();
        int traps = check(m, code, calls);
        if (CallInlining.inline(m).module() != m) {
            check(m, X86Backend.build(m, Inlining.NONE).code(), calls);
        }
        return traps;
    }

    static int check(IrModule m, byte[] code, List<List<Arg>> calls) throws Exception {
        Harness h = Harness.get();
        h.load(code);
        int traps = 0;
        for (List<Arg> args : calls) {
            traps += checkOne(h, m, args) ? 1 : 0;
        }
        return traps;
    }

    /** The interpreter's answer: results, or the trap. */
    record Expected(@Nullable List<IrValue> results, @Nullable IrTrap trap, List<byte[]> buffers) {
    }

    static Expected interpret(IrModule m, List<Arg> args) {
        IrMemory mem = new IrMemory();
        List<IrValue> values = new ArrayList<>();
        List<Long> addrs = new ArrayList<>();
        List<Integer> lens = new ArrayList<>();
        for (Arg a : args) {
            if (a instanceof Val v) {
                values.add(v.value());
            } else if (a instanceof Buf b) {
                long addr = mem.place(b.bytes());
                addrs.add(addr);
                lens.add(b.bytes().length);
                values.add(IrValue.i64(addr));
            }
        }
        IrInterpreter interp = new IrInterpreter(m, mem);
        interp.stepLimit(5_000_000);
        @Nullable List<IrValue> r = null;
        @Nullable IrTrap trap = null;
        try {
            r = interp.run(values.toArray(new IrValue[0]));
        } catch (IrTrap t) {
            trap = t;
        }
        // The buffers also after a trap: what was stored before it stays stored.
        List<byte[]> bufs = new ArrayList<>();
        for (int i = 0; i < addrs.size(); i++) {
            bufs.add(mem.read(addrs.get(i), lens.get(i)));
        }
        return new Expected(r, trap, bufs);
    }

    private static boolean checkOne(Harness h, IrModule m, List<Arg> args) throws Exception {
        IrFunction f = m.entry();
        Expected want = interpret(m, args);
        String what = f.name() + " " + describe(args);
        Harness.Args native_ = marshal(h, f, args);
        IrTrap trap = want.trap();
        if (trap != null) {
            Harness.Forked got = h.fork(native_);
            assertEquals(TrapKind.EXIT_STATUS, got.status(), what + ": exit status (stderr: " + got.stderr() + ")");
            assertEquals(trap.getMessage() + "\n", got.stderr(), what + ": trap message");
            checkBuffers(h, want, args, what + " (trapped)");
            return true;
        }
        Harness.Out out = h.call(native_);
        assertEquals(0, out.badCalleeSaved(), what + ": callee-saved registers not preserved (mask)");
        List<IrValue> results = java.util.Objects.requireNonNull(want.results());
        assertEquals(results, decode(f, out), what);
        if (f.returns().size() == 1 && f.returns().get(0).isInt() && !f.returns().get(0).isVector()) {
            assertEquals(results.get(0).bits(), out.rax(), what + ": the narrow result is sign-extended in rax");
        }
        checkBuffers(h, want, args, what);
        return false;
    }

    /** The buffers after the call (the child's, after a trap: they are shared) hold what the interpreter's do. */
    private static void checkBuffers(Harness h, Expected want, List<Arg> args, String what) throws IOException {
        int b = 0;
        for (Arg a : args) {
            if (a instanceof Buf) {
                assertArrayEquals(want.buffers().get(b), h.dump(b), what + ": buffer " + b + " after the call");
                b++;
            }
        }
    }

    static String describe(List<Arg> args) {
        StringBuilder sb = new StringBuilder("(");
        for (Arg a : args) {
            sb.append(sb.length() > 1 ? ", " : "");
            sb.append(a instanceof Val v ? v.value().toString() : "buf[" + ((Buf) a).bytes().length + "]");
        }
        return sb.append(")").toString();
    }

    /** Places each argument where System V says; narrow values get garbage above their width. */
    static Harness.Args marshal(Harness h, IrFunction f, List<Arg> args) throws Exception {
        List<ArgLocation> locs = SysVAbi.params(f.params());
        String[] gprs = new String[6];
        long[][] vecs = new long[8][];
        List<String> stack = new ArrayList<>();
        int buffers = 0;
        for (int k = 0; k < args.size(); k++) {
            IrType t = f.params().get(k);
            Arg a = args.get(k);
            String scalar;
            long[] vec = null;
            if (a instanceof Buf b) {
                h.buffer(buffers, b.bytes());
                scalar = "@" + buffers++;
            } else {
                IrValue v = ((Val) a).value();
                if (t.isVector()) {
                    vec = pack(t, v.lanes());
                    scalar = "";
                } else {
                    long bits = v.bits();
                    if (t.bits() < 64) {
                        long mask = (1L << t.bits()) - 1;
                        bits = (bits & mask) | (GARBAGE.nextLong() & ~mask);
                    }
                    scalar = Long.toHexString(bits);
                    if (t.isFloat()) {
                        vec = new long[] {bits, GARBAGE.nextLong(), 0, 0};
                    }
                }
            }
            ArgLocation loc = locs.get(k);
            if (loc instanceof ArgLocation.InReg r) {
                int reg = r.reg();
                if (X86Target.INSTANCE.regClass(reg) == dev.simplec.api.codegen.RegClass.INT) {
                    gprs[SysVAbi.INT_ARGS.indexOf(X86Target.toGpr(reg))] = scalar;
                } else {
                    vecs[SysVAbi.FLOAT_ARGS.indexOf(X86Target.toXmm(reg))] = vec == null ? new long[4] : vec;
                }
            } else if (loc instanceof ArgLocation.OnStack s) {
                while (stack.size() < s.offset() / 8) {
                    stack.add("0");
                }
                if (vec != null && t.isVector()) {
                    stack.add(Long.toHexString(vec[0]));
                    stack.add(Long.toHexString(vec[1]));
                } else {
                    stack.add(scalar);
                }
            }
        }
        List<String> g = new ArrayList<>();
        for (String s : gprs) {
            g.add(s == null ? "0" : s);
        }
        List<long[]> v = new ArrayList<>();
        for (long[] x : vecs) {
            v.add(x == null ? new long[4] : x);
        }
        return new Harness.Args(g, v, stack);
    }

    /** Lanes to little-endian qwords. */
    static long[] pack(IrType t, long[] lanes) {
        long[] q = new long[4];
        int lb = t.laneBits();
        for (int i = 0; i < lanes.length; i++) {
            int bit = i * lb;
            long m = lb == 64 ? -1L : (1L << lb) - 1;
            q[bit / 64] |= (lanes[i] & m) << (bit % 64);
        }
        return q;
    }

    static long[] unpack(IrType t, long[] q) {
        long[] lanes = new long[t.lanes()];
        int lb = t.laneBits();
        for (int i = 0; i < lanes.length; i++) {
            int bit = i * lb;
            lanes[i] = q[bit / 64] >>> (bit % 64);
        }
        return lanes;
    }

    /** The results as the System V convention returns them (SysVAbi.returns). */
    static List<IrValue> decode(IrFunction f, Harness.Out out) {
        List<SysVAbi.ResultPart> parts = SysVAbi.returns(f.returns());
        List<IrValue> r = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            IrType t = f.returns().get(i);
            SysVAbi.ResultPart p = parts.get(i);
            long[] q = switch (p.reg()) {
                case 0 -> new long[] {out.rax()};
                case 2 -> new long[] {out.rdx()};
                case 16 -> out.v0();
                default -> out.v1();
            };
            if (t.isVector()) {
                r.add(new IrValue(t, unpack(t, q)));
            } else {
                r.add(IrValue.of(t, q[0] >>> p.shift()));
            }
        }
        return r;
    }
}
