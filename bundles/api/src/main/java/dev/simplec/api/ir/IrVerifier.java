package dev.simplec.api.ir;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * Checks that IR is well formed before anything relies on it: every value defined once and its
 * definition dominating every use, operand and result types as {@link IrOp} documents them, calls
 * and block arguments matching their targets, returns matching the signature. A failure is an
 * {@link ErrorKind#INTERNAL} error (IR comes from our own lowering) naming function, block and
 * instruction.
 */
public final class IrVerifier {
    private final IrModule module;
    private final IrFunction f;
    private final @Nullable IrType[] types;

    private IrVerifier(IrModule module, IrFunction f) {
        this.module = module;
        this.f = f;
        this.types = new @Nullable IrType[f.valueCount()];
    }

    /** Verifies every function of the module. */
    public static void verify(IrModule module) {
        for (IrFunction f : module.functions()) {
            verify(module, f);
        }
    }

    /** Verifies {@code f} and returns the type of every value (null for numbers never defined). */
    public static @Nullable IrType[] verify(IrModule module, IrFunction f) {
        IrVerifier v = new IrVerifier(module, f);
        v.run();
        return v.types;
    }

    private void run() {
        List<IrBlock> blocks = f.blocks();
        if (blocks.isEmpty()) {
            throw error("has no blocks");
        }
        if (!blocks.get(0).params().isEmpty()) {
            throw error("b0: the entry block has parameters");
        }
        // Pass 1: every definition and its type.
        for (int b = 0; b < blocks.size(); b++) {
            IrBlock block = blocks.get(b);
            for (IrBlockParam p : block.params()) {
                define(p.value(), p.type(), "b" + b + " parameter");
            }
            for (IrInst inst : block.insts()) {
                String where = "b" + b + ": `" + inst + "`";
                if (inst.dst() != IrInst.NO_VALUE) {
                    define(inst.dst(), resultType(inst, where), where);
                }
                if (inst.dst2() != IrInst.NO_VALUE) {
                    define(inst.dst2(), callee(inst, where).returns().get(1), where);
                }
            }
        }
        // Pass 2: uses, types and dominance.
        int[] idom = Dominators.immediate(f);
        for (int b = 0; b < blocks.size(); b++) {
            IrBlock block = blocks.get(b);
            BitSet local = new BitSet();
            for (IrBlockParam p : block.params()) {
                local.set(p.value());
            }
            for (IrInst inst : block.insts()) {
                String where = "b" + b + ": `" + inst + "`";
                for (int a : inst.args()) {
                    use(a, b, local, idom, where);
                }
                checkOperands(inst, where);
                if (inst.dst() != IrInst.NO_VALUE) {
                    local.set(inst.dst());
                }
                if (inst.dst2() != IrInst.NO_VALUE) {
                    local.set(inst.dst2());
                }
            }
            checkTerminator(b, block.terminator(), local, idom);
        }
    }

    private void define(int v, IrType type, String where) {
        if (v < 0 || v >= types.length) {
            throw error(where + ": v" + v + " is outside v0..v" + (types.length - 1));
        }
        if (types[v] != null) {
            throw error(where + ": v" + v + " is defined twice");
        }
        types[v] = type;
    }

    /** A use in block {@code b}: defined earlier in the block, or in a block that dominates it. */
    private IrType use(int v, int b, BitSet local, int[] idom, String where) {
        IrType t = v >= 0 && v < types.length ? types[v] : null;
        if (t == null) {
            throw error(where + ": v" + v + " is never defined");
        }
        if (!local.get(v) && idom[b] != Dominators.UNREACHABLE) {
            int def = definingBlock(v);
            if (def == b || !Dominators.dominates(idom, def, b)) {
                throw error(where + ": the definition of v" + v + " does not dominate this use");
            }
        }
        return t;
    }

    private int definingBlock(int v) {
        for (int b = 0; b < f.blocks().size(); b++) {
            IrBlock block = f.blocks().get(b);
            for (IrBlockParam p : block.params()) {
                if (p.value() == v) {
                    return b;
                }
            }
            for (IrInst inst : block.insts()) {
                if (inst.dst() == v || inst.dst2() == v) {
                    return b;
                }
            }
        }
        return -1;
    }

    private IrType typeOf(int v) {
        IrType t = types[v];
        if (t == null) {
            throw new IllegalStateException("v" + v);
        }
        return t;
    }

    /** The type the instruction's dst gets. */
    private IrType resultType(IrInst inst, String where) {
        if (inst.op() == IrOp.STORE) {
            throw error(where + ": a store defines no value");
        }
        if (inst.op().isComparison()) {
            return inst.type().compareResult();
        }
        if (inst.op() == IrOp.CALL) {
            IrFunction callee = callee(inst, where);
            if (callee.returns().isEmpty()) {
                throw error(where + ": " + callee.name() + " returns nothing");
            }
            return callee.returns().get(0);
        }
        return inst.type();
    }

    private IrFunction callee(IrInst inst, String where) {
        if (inst.op() != IrOp.CALL || inst.imm() < 0 || inst.imm() >= module.functions().size()) {
            throw error(where + ": f" + inst.imm() + " is not a function of the module");
        }
        return module.functions().get((int) inst.imm());
    }

    private void checkOperands(IrInst inst, String where) {
        IrType t = inst.type();
        int[] a = inst.args();
        switch (inst.op()) {
            case PARAM -> {
                if (inst.imm() < 0 || inst.imm() >= f.params().size() || f.params().get((int) inst.imm()) != t) {
                    throw error(where + ": the function has no parameter " + inst.imm() + " of type " + t.text());
                }
            }
            case ICONST -> require(t.isInt() && !t.isVector(), where, "needs an integer scalar type");
            case FCONST -> require(t.isFloat() && !t.isVector(), where, "needs a float scalar type");
            case COPY -> same(a, t, where);
            case SELECT -> {
                require(typeOf(a[0]) == IrType.I8, where, "needs an i8 condition");
                same(new int[] {a[1], a[2]}, t, where);
            }
            case ADD, SUB, MUL, AND, OR, XOR -> {
                require(t.isInt(), where, "needs an integer type");
                same(a, t, where);
            }
            case SDIV, UDIV, SREM, UREM -> {
                require(t.isInt() && !t.isVector(), where, "needs an integer scalar type");
                same(a, t, where);
            }
            case SHL, SSHR, USHR -> {
                require(t.isInt() && !t.isVector(), where, "needs an integer scalar type");
                require(typeOf(a[0]) == t, where, "shifts a value of another type");
                IrType amount = typeOf(a[1]);
                require(amount.isInt() && !amount.isVector(), where, "needs an integer shift amount");
            }
            case FADD, FSUB, FMUL, FDIV, FNEG, FABS, FSQRT, FMIN, FMAX -> {
                require(t.isFloat(), where, "needs a float type");
                same(a, t, where);
            }
            case EQ, NE, SLT, SLE, SGT, SGE, ULT, ULE, UGT, UGE -> {
                require(t.isInt(), where, "compares integers");
                same(a, t, where);
            }
            case FEQ, FNE, FLT, FLE, FGT, FGE -> {
                require(t.isFloat(), where, "compares floats");
                same(a, t, where);
            }
            case SEXT, ZEXT -> conversion(a, where, s -> s.isInt() && t.isInt() && s.bits() < t.bits(), "widens a narrower integer");
            case TRUNC -> conversion(a, where, s -> s.isInt() && t.isInt() && s.bits() > t.bits(), "narrows a wider integer");
            case SITOF, UITOF -> conversion(a, where, s -> s.isInt() && t.isFloat(), "converts an integer to a float");
            case FTOSI, FTOUI -> conversion(a, where, s -> s.isFloat() && t.isInt(), "converts a float to an integer");
            case FPROMOTE -> conversion(a, where, s -> s == IrType.F32 && t == IrType.F64, "converts f32 to f64");
            case FDEMOTE -> conversion(a, where, s -> s == IrType.F64 && t == IrType.F32, "converts f64 to f32");
            case LOAD -> require(typeOf(a[0]) == IrType.I64, where, "needs an i64 address");
            case STORE -> {
                require(typeOf(a[0]) == IrType.I64, where, "needs an i64 address");
                require(typeOf(a[1]) == t, where, "stores a value of another type");
            }
            case STACK_ADDR -> require(t == IrType.I64 && inst.imm() >= 0 && inst.imm() < f.stackSlots().size(), where,
                    "names no stack slot of the function");
            case FUNC_ADDR -> require(t == IrType.I64 && inst.imm() >= 0 && inst.imm() < module.functions().size(), where,
                    "names no function of the module");
            case CALL -> {
                IrFunction callee = callee(inst, where);
                require(a.length == callee.params().size(), where, "passes " + a.length + " arguments to " + callee.name()
                        + ", which takes " + callee.params().size());
                for (int i = 0; i < a.length; i++) {
                    require(typeOf(a[i]) == callee.params().get(i), where, "argument " + i + " is not " + callee.params().get(i).text());
                }
                int results = (inst.dst() != IrInst.NO_VALUE ? 1 : 0) + (inst.dst2() != IrInst.NO_VALUE ? 1 : 0);
                require(results == 0 || results == callee.returns().size(), where,
                        "takes " + results + " results of " + callee.name() + ", which returns " + callee.returns().size());
            }
            case CALL_INDIRECT -> require(a.length >= 1 && typeOf(a[0]) == IrType.I64, where, "needs an i64 function address");
            case SPLAT -> require(t.isVector() && typeOf(a[0]) == t.lane(), where, "splats a lane into a vector");
            case EXTRACT -> {
                IrType v = typeOf(a[0]);
                require(v.isVector() && v.lane() == t && inst.imm() >= 0 && inst.imm() < v.lanes(), where,
                        "extracts an existing lane of a vector");
            }
            case REDUCE_ADD -> {
                IrType v = typeOf(a[0]);
                require(v.isVector() && v.lane() == t, where, "adds the lanes of a vector");
            }
        }
    }

    private void conversion(int[] a, String where, java.util.function.Predicate<IrType> ok, String what) {
        IrType s = typeOf(a[0]);
        require(!s.isVector() && ok.test(s), where, what + ", not " + s.text());
    }

    private void same(int[] args, IrType t, String where) {
        for (int v : args) {
            IrType have = typeOf(v);
            if (have != t) {
                throw error(where + ": v" + v + " is " + have.text() + ", expected " + t.text());
            }
        }
    }

    private void require(boolean ok, String where, String what) {
        if (!ok) {
            throw error(where + ": " + what);
        }
    }

    private void checkTerminator(int b, IrTerminator term, BitSet local, int[] idom) {
        String where = "b" + b + ": `" + IrPrinter.terminator(term) + "`";
        if (term instanceof IrTerminator.Ret ret) {
            int[] values = ret.values();
            require(values.length == f.returns().size(), where, "returns " + values.length + " values, the function "
                    + f.returns().size());
            for (int i = 0; i < values.length; i++) {
                IrType t = use(values[i], b, local, idom, where);
                require(t == f.returns().get(i), where, "returns " + t.text() + " as value " + i + ", the function "
                        + f.returns().get(i).text());
            }
        } else if (term instanceof IrTerminator.Jump j) {
            edge(b, j.target(), j.args(), local, idom, where);
        } else if (term instanceof IrTerminator.Branch br) {
            require(use(br.cond(), b, local, idom, where) == IrType.I8, where, "branches on a value that is not i8");
            edge(b, br.thenTarget(), br.thenArgs(), local, idom, where);
            edge(b, br.elseTarget(), br.elseArgs(), local, idom, where);
        }
    }

    private void edge(int b, int target, int[] args, BitSet local, int[] idom, String where) {
        require(target > 0 && target < f.blocks().size(), where, "b" + target + " is not a block that can be jumped to");
        List<IrBlockParam> params = f.blocks().get(target).params();
        require(args.length == params.size(), where, "passes " + args.length + " arguments to b" + target + ", which has "
                + params.size() + " parameters");
        for (int i = 0; i < args.length; i++) {
            IrType t = use(args[i], b, local, idom, where);
            require(t == params.get(i).type(), where, "argument " + i + " to b" + target + " is " + t.text() + ", not "
                    + params.get(i).type().text());
        }
    }

    private SimplecException error(String message) {
        return new SimplecException(ErrorKind.INTERNAL, "malformed IR: function " + f.name() + ": " + message);
    }

    /** Successor blocks of each block. */
    static List<int[]> successors(IrFunction f) {
        List<int[]> out = new ArrayList<>();
        for (IrBlock block : f.blocks()) {
            IrTerminator t = block.terminator();
            if (t instanceof IrTerminator.Jump j) {
                out.add(new int[] {j.target()});
            } else if (t instanceof IrTerminator.Branch br) {
                out.add(new int[] {br.thenTarget(), br.elseTarget()});
            } else {
                out.add(new int[0]);
            }
        }
        return out;
    }
}
