package dev.simplec.api.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The reference interpreter: the executable definition of the IR's semantics (see {@link IrOp}),
 * and the oracle every backend's code is tested against. Slow on purpose — clear over clever.
 */
public final class IrInterpreter {
    /** A C function that interpreted code can call through a pointer ({@link IrOp#CALL_INDIRECT}). */
    @FunctionalInterface
    public interface HostFunction {
        @Nullable IrValue call(List<IrValue> args);
    }

    /** Where {@link IrOp#FUNC_ADDR} places the module's functions: far from any memory region. */
    private static final long FUNCTION_BASE = 0x7f00_0000_0000L;
    private static final long CANONICAL_NAN_64 = 0x7ff8_0000_0000_0000L;
    private static final long CANONICAL_NAN_32 = 0x7fc0_0000L;

    private final IrModule module;
    private final IrMemory memory;
    private final List<@Nullable IrType[]> valueTypes = new ArrayList<>();
    private final Map<Long, @Nullable HostFunction> hosts = new HashMap<>(); // @Nullable: get() of a missing key
    private long stepsLeft = 200_000_000L;
    private int depth;

    public IrInterpreter(IrModule module, IrMemory memory) {
        IrVerifier.verify(module);
        this.module = module;
        this.memory = memory;
        for (IrFunction f : module.functions()) {
            valueTypes.add(IrVerifier.verify(module, f));
        }
    }

    /** Makes {@code fn} callable at {@code address} (which must not be a module function's). */
    public void host(long address, HostFunction fn) {
        hosts.put(address, fn);
    }

    /** Bounds the instructions executed; exceeding it is an {@link IllegalStateException}. */
    public void stepLimit(long steps) {
        stepsLeft = steps;
    }

    /** The address {@link IrOp#FUNC_ADDR} gives for function {@code index}. */
    public static long functionAddress(int index) {
        return FUNCTION_BASE + 16L * index;
    }

    /** Runs the entry function. */
    public List<IrValue> run(IrValue... args) {
        return call(0, List.of(args));
    }

    /** Runs function {@code index} of the module; throws {@link IrTrap} when the code traps. */
    public List<IrValue> call(int index, List<IrValue> args) {
        IrFunction f = module.functions().get(index);
        if (args.size() != f.params().size()) {
            throw new IllegalArgumentException(f.name() + " takes " + f.params().size() + " arguments, got " + args.size());
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).type() != f.params().get(i)) {
                throw new IllegalArgumentException(f.name() + " argument " + i + " is " + f.params().get(i).text()
                        + ", got " + args.get(i).type().text());
            }
        }
        if (++depth > 10_000) {
            depth = 0;
            throw new IllegalStateException("call depth exceeds 10000 in " + f.name());
        }
        try {
            return execute(index, f, args);
        } finally {
            depth--;
        }
    }

    private List<IrValue> execute(int index, IrFunction f, List<IrValue> args) {
        @Nullable IrType[] types = valueTypes.get(index);
        long[][] vals = new long[f.valueCount()][];
        long[] slots = new long[f.stackSlots().size()];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = memory.allocate(f.stackSlots().get(s).size(), f.stackSlots().get(s).align());
        }
        try {
            int b = 0;
            while (true) {
                IrBlock block = f.blocks().get(b);
                for (IrInst inst : block.insts()) {
                    if (--stepsLeft < 0) {
                        throw new IllegalStateException("step limit reached in " + f.name());
                    }
                    step(f, inst, vals, types, slots, args);
                }
                IrTerminator t = block.terminator();
                if (t instanceof IrTerminator.Ret ret) {
                    List<IrValue> out = new ArrayList<>();
                    int[] v = ret.values();
                    for (int i = 0; i < v.length; i++) {
                        IrType rt = f.returns().get(i);
                        out.add(new IrValue(rt, canonicalNaN(rt, vals[v[i]])));
                    }
                    return out;
                } else if (t instanceof IrTerminator.Jump j) {
                    bind(f.blocks().get(j.target()), j.args(), vals);
                    b = j.target();
                } else if (t instanceof IrTerminator.Branch br) {
                    boolean taken = vals[br.cond()][0] != 0;
                    int target = taken ? br.thenTarget() : br.elseTarget();
                    bind(f.blocks().get(target), taken ? br.thenArgs() : br.elseArgs(), vals);
                    b = target;
                } else if (t instanceof IrTerminator.Trap trap) {
                    throw new IrTrap(trap.kind(), f.name());
                }
            }
        } finally {
            for (long s : slots) {
                memory.release(s);
            }
        }
    }

    private static void bind(IrBlock target, int[] args, long[][] vals) {
        long[][] incoming = new long[args.length][];
        for (int i = 0; i < args.length; i++) {
            incoming[i] = vals[args[i]];
        }
        for (int i = 0; i < args.length; i++) {
            vals[target.params().get(i).value()] = incoming[i];
        }
    }

    private IrType typeOf(@Nullable IrType[] types, int v) {
        IrType t = types[v];
        if (t == null) {
            throw new IllegalStateException("v" + v + " has no type");
        }
        return t;
    }

    private void step(IrFunction f, IrInst inst, long[][] vals, @Nullable IrType[] types, long[] slots, List<IrValue> args) {
        IrType t = inst.type();
        IrType lane = t.lane();
        int[] a = inst.args();
        long[] r;
        switch (inst.op()) {
            case PARAM -> r = args.get((int) inst.imm()).lanes();
            case ICONST, FCONST -> r = new long[] {IrValue.canonical(t, inst.imm())};
            case COPY -> r = vals[a[0]];
            case SELECT -> r = vals[a[0]][0] != 0 ? vals[a[1]] : vals[a[2]];
            case LOAD -> {
                long addr = vals[a[0]][0] + inst.imm();
                r = new long[t.lanes()];
                int size = lane.bytes();
                for (int i = 0; i < r.length; i++) {
                    r[i] = IrValue.canonical(lane, memory.loadBits(addr + (long) i * size, size));
                }
            }
            case STORE -> {
                long addr = vals[a[0]][0] + inst.imm();
                long[] v = canonicalNaN(t, vals[a[1]]);
                int size = lane.bytes();
                for (int i = 0; i < v.length; i++) {
                    memory.storeBits(addr + (long) i * size, size, v[i]);
                }
                return;
            }
            case STACK_ADDR -> r = new long[] {slots[(int) inst.imm()]};
            case FUNC_ADDR -> r = new long[] {functionAddress((int) inst.imm())};
            case CALL -> {
                List<IrValue> callArgs = new ArrayList<>();
                IrFunction callee = module.functions().get((int) inst.imm());
                for (int i = 0; i < a.length; i++) {
                    callArgs.add(new IrValue(callee.params().get(i), vals[a[i]]));
                }
                List<IrValue> out = call((int) inst.imm(), callArgs);
                if (inst.dst2() != IrInst.NO_VALUE) {
                    vals[inst.dst2()] = out.get(1).lanes();
                }
                if (inst.dst() == IrInst.NO_VALUE) {
                    return;
                }
                r = out.get(0).lanes();
            }
            case CALL_INDIRECT -> {
                r = callIndirect(inst, vals, types);
                if (r.length == 0) {
                    return;
                }
            }
            case SPLAT -> {
                r = new long[t.lanes()];
                java.util.Arrays.fill(r, vals[a[0]][0]);
            }
            case EXTRACT -> r = new long[] {vals[a[0]][(int) inst.imm()]};
            case REDUCE_ADD -> {
                long[] v = vals[a[0]];
                long acc = v[0];
                for (int i = 1; i < v.length; i++) {
                    acc = lane.isFloat() ? Floats.binary(IrOp.FADD, lane, acc, v[i]) : IrValue.canonical(lane, acc + v[i]);
                }
                r = new long[] {acc};
            }
            case SEXT, ZEXT, TRUNC, SITOF, UITOF, FTOSI, FTOUI, FPROMOTE, FDEMOTE ->
                r = new long[] {Conversions.convert(inst.op(), typeOf(types, a[0]), t, vals[a[0]][0])};
            default -> r = laneWise(f, inst, vals);
        }
        vals[inst.dst()] = r;
    }

    private long[] callIndirect(IrInst inst, long[][] vals, @Nullable IrType[] types) {
        int[] a = inst.args();
        long address = vals[a[0]][0];
        List<IrValue> callArgs = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            callArgs.add(new IrValue(typeOf(types, a[i]), vals[a[i]]));
        }
        long index = (address - FUNCTION_BASE) / 16;
        if (address >= FUNCTION_BASE && (address - FUNCTION_BASE) % 16 == 0 && index < module.functions().size()) {
            List<IrValue> out = call((int) index, callArgs);
            return out.isEmpty() || inst.dst() == IrInst.NO_VALUE ? new long[0] : out.get(0).lanes();
        }
        @Nullable HostFunction host = hosts.get(address);
        if (host == null) {
            throw new IllegalStateException("call through 0x" + Long.toHexString(address) + ", which is no function");
        }
        IrValue out = host.call(callArgs);
        return out == null || inst.dst() == IrInst.NO_VALUE ? new long[0] : out.lanes();
    }

    /** Arithmetic and comparisons, lane by lane. */
    private long[] laneWise(IrFunction f, IrInst inst, long[][] vals) {
        IrType t = inst.type();
        IrType lane = t.lane();
        int[] a = inst.args();
        long[] x = vals[a[0]];
        long[] y = a.length > 1 ? vals[a[1]] : x;
        long[] r = new long[t.lanes()];
        IrOp op = inst.op();
        for (int i = 0; i < r.length; i++) {
            if (op.isComparison()) {
                boolean c = lane.isFloat() ? Floats.compare(op, lane, x[i], y[i]) : Integers.compare(op, lane, x[i], y[i]);
                r[i] = c ? (t.isVector() ? -1 : 1) : 0;
            } else if (lane.isFloat()) {
                r[i] = a.length == 1 ? Floats.unary(op, lane, x[i]) : Floats.binary(op, lane, x[i], y[i]);
            } else {
                long amount = op == IrOp.SHL || op == IrOp.SSHR || op == IrOp.USHR ? vals[a[1]][0] : y[i];
                r[i] = Integers.binary(op, lane, x[i], amount, f.name());
            }
        }
        return r;
    }

    private static long[] canonicalNaN(IrType t, long[] lanes) {
        if (!t.isFloat()) {
            return lanes;
        }
        long[] out = lanes.clone();
        for (int i = 0; i < out.length; i++) {
            if (t.laneBits() == 64 && Double.isNaN(Double.longBitsToDouble(out[i]))) {
                out[i] = CANONICAL_NAN_64;
            } else if (t.laneBits() == 32 && Float.isNaN(Float.intBitsToFloat((int) out[i]))) {
                out[i] = CANONICAL_NAN_32;
            }
        }
        return out;
    }
}
