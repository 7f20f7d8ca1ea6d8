package dev.simplec.api.ir;

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
    /** Where the check is, for messages only: built when an error is reported, never per instruction. */
    private String where = "";
    private final int[] definedIn;
    /** {@link #dominatedBy}'s marks: block {@code x} dominates block {@code chainOf} when {@code chainMark[x] == chainOf + 1}. */
    private int @Nullable [] chainMark;
    private int chainOf = -1;
    private int atBlock = -1;
    private @Nullable IrInst atInst;
    private @Nullable IrTerminator atTerm;

    private IrVerifier(IrModule module, IrFunction f) {
        this.module = module;
        this.f = f;
        this.types = new @Nullable IrType[f.valueCount()];
        this.definedIn = new int[f.valueCount()];
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
        if (v.inOnePass()) {
            return v.types;
        }
        // A fault, or a block no path reaches: the two passes below find the first fault in their
        // order, so the message is always the same one.
        IrVerifier w = new IrVerifier(module, f);
        w.run();
        return w.types;
    }

    /**
     * The checks of {@link #run} in one walk, for a function whose every block the entry reaches:
     * blocks in reverse postorder, where each block's dominators come before it, so a value
     * defined where its uses may see it is defined before the walk meets them. Whether everything
     * held; on any fault it stops (it builds no message: {@link #run} finds and names the fault).
     */
    private boolean inOnePass() {
        List<IrBlock> blocks = f.blocks();
        if (blocks.isEmpty() || !blocks.get(0).params().isEmpty()) {
            return false;
        }
        Dominators.Tree tree = Dominators.tree(f);
        int[] idom = tree.idom();
        int[] order = tree.order();
        if (order.length != blocks.size()) {
            return false;
        }
        int[] local = new int[f.valueCount()];
        try {
            for (int b : order) {
                checkBlock(b, local, idom, true);
            }
            return true;
        } catch (RuntimeException fault) {
            return false;
        }
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
            at(b, null, null);
            where = " parameter";
            for (IrBlockParam p : block.params()) {
                define(p.value(), p.type());
            }
            where = "";
            for (IrInst inst : block.insts()) {
                at(b, inst, null);
                if (inst.dst() != IrInst.NO_VALUE) {
                    define(inst.dst(), resultType(inst));
                }
                if (inst.dst2() != IrInst.NO_VALUE) {
                    define(inst.dst2(), callee(inst).returns().get(1));
                }
            }
        }
        // Pass 2: uses, types and dominance.
        int[] idom = Dominators.immediate(f);
        // Per value, 1 + the block whose walk has passed its definition: defined earlier in the
        // current block exactly when it holds that block's mark (no clearing between blocks).
        int[] local = new int[f.valueCount()];
        for (int b = 0; b < blocks.size(); b++) {
            checkBlock(b, local, idom, false);
        }
    }

    /**
     * Pass 2's checks of block {@code b}: its uses, their dominance and types, its terminator; with
     * {@code define}, pass 1's definitions too, made as the walk passes them ({@link #inOnePass}).
     */
    private void checkBlock(int b, int[] local, int[] idom, boolean define) {
        IrBlock block = f.blocks().get(b);
        List<IrBlockParam> params = block.params();
        for (int k = 0, m = params.size(); k < m; k++) {
            IrBlockParam p = params.get(k);
            if (define) {
                define(p.value(), p.type());
            }
            local[p.value()] = b + 1;
        }
        List<IrInst> insts = block.insts();
        for (int k = 0, m = insts.size(); k < m; k++) {
            IrInst inst = insts.get(k);
            at(b, inst, null);
            for (int a : inst.argsShared()) {
                use(a, b, local, idom);
            }
            checkOperands(inst);
            if (inst.dst() != IrInst.NO_VALUE) {
                if (define) {
                    define(inst.dst(), resultType(inst));
                }
                local[inst.dst()] = b + 1;
            }
            if (inst.dst2() != IrInst.NO_VALUE) {
                if (define) {
                    define(inst.dst2(), callee(inst).returns().get(1));
                }
                local[inst.dst2()] = b + 1;
            }
        }
        checkTerminator(b, block.terminator(), local, idom);
    }

    private void at(int block, @Nullable IrInst inst, @Nullable IrTerminator term) {
        atBlock = block;
        atInst = inst;
        atTerm = term;
    }

    private void define(int v, IrType type) {
        if (v < 0 || v >= types.length) {
            throw error("v" + v + " is outside v0..v" + (types.length - 1));
        }
        if (types[v] != null) {
            throw error("v" + v + " is defined twice");
        }
        types[v] = type;
        definedIn[v] = atBlock;
    }

    /** A use in block {@code b}: defined earlier in the block, or in a block that dominates it. */
    private IrType use(int v, int b, int[] local, int[] idom) {
        IrType t = v >= 0 && v < types.length ? types[v] : null;
        if (t == null) {
            throw error("v" + v + " is never defined");
        }
        if (local[v] != b + 1 && idom[b] != Dominators.UNREACHABLE) {
            int def = definedIn[v];
            if (def == b || !dominatedBy(b, def, idom)) {
                throw error("the definition of v" + v + " does not dominate this use");
            }
        }
        return t;
    }

    /**
     * Whether block {@code def} dominates block {@code b} ({@link Dominators#dominates}): {@code b}'s
     * chain of dominators is marked once, when a use in {@code b} first asks, not walked per use.
     */
    private boolean dominatedBy(int b, int def, int[] idom) {
        int[] mark = chainMark;
        if (mark == null) {
            mark = new int[idom.length];
            chainMark = mark;
        }
        if (chainOf != b) {
            chainOf = b;
            int x = b;
            mark[x] = b + 1;
            while (x != 0 && idom[x] != Dominators.UNREACHABLE) {
                x = idom[x];
                mark[x] = b + 1;
            }
        }
        return mark[def] == b + 1;
    }

    private IrType typeOf(int v) {
        IrType t = types[v];
        if (t == null) {
            throw new IllegalStateException("v" + v);
        }
        return t;
    }

    /** The type the instruction's dst gets. */
    private IrType resultType(IrInst inst) {
        if (inst.op() == IrOp.STORE) {
            throw error("a store defines no value");
        }
        if (inst.op().isComparison()) {
            return inst.type().compareResult();
        }
        if (inst.op() == IrOp.CALL) {
            IrFunction callee = callee(inst);
            if (callee.returns().isEmpty()) {
                throw error(callee.name() + " returns nothing");
            }
            return callee.returns().get(0);
        }
        return inst.type();
    }

    private IrFunction callee(IrInst inst) {
        if (inst.op() != IrOp.CALL || inst.imm() < 0 || inst.imm() >= module.functions().size()) {
            throw error("f" + inst.imm() + " is not a function of the module");
        }
        return module.functions().get((int) inst.imm());
    }

    private void checkOperands(IrInst inst) {
        IrType t = inst.type();
        int[] a = inst.argsShared();
        switch (inst.op()) {
            case PARAM -> {
                if (inst.imm() < 0 || inst.imm() >= f.params().size() || f.params().get((int) inst.imm()) != t) {
                    throw error("the function has no parameter " + inst.imm() + " of type " + t.text());
                }
            }
            case ICONST -> require(t.isInt() && !t.isVector(), "needs an integer scalar type");
            case FCONST -> require(t.isFloat() && !t.isVector(), "needs a float scalar type");
            case COPY -> same(a, t);
            case SELECT -> {
                require(typeOf(a[0]) == IrType.I8, "needs an i8 condition");
                same(new int[] {a[1], a[2]}, t);
            }
            case ADD, SUB, MUL, AND, OR, XOR -> {
                require(t.isInt(), "needs an integer type");
                same(a, t);
            }
            case SDIV, UDIV, SREM, UREM -> {
                require(t.isInt() && !t.isVector(), "needs an integer scalar type");
                same(a, t);
            }
            case SHL, SSHR, USHR -> {
                require(t.isInt() && !t.isVector(), "needs an integer scalar type");
                require(typeOf(a[0]) == t, "shifts a value of another type");
                IrType amount = typeOf(a[1]);
                require(amount.isInt() && !amount.isVector(), "needs an integer shift amount");
            }
            case FADD, FSUB, FMUL, FDIV, FNEG, FABS, FSQRT, FMIN, FMAX -> {
                require(t.isFloat(), "needs a float type");
                same(a, t);
            }
            case EQ, NE, SLT, SLE, SGT, SGE, ULT, ULE, UGT, UGE -> {
                require(t.isInt(), "compares integers");
                same(a, t);
            }
            case FEQ, FNE, FLT, FLE, FGT, FGE -> {
                require(t.isFloat(), "compares floats");
                same(a, t);
            }
            case SEXT, ZEXT -> conversion(a, s -> s.isInt() && t.isInt() && s.bits() < t.bits(), "widens a narrower integer");
            case TRUNC -> conversion(a, s -> s.isInt() && t.isInt() && s.bits() > t.bits(), "narrows a wider integer");
            case SITOF, UITOF -> conversion(a, s -> s.isInt() && t.isFloat(), "converts an integer to a float");
            case FTOSI, FTOUI -> conversion(a, s -> s.isFloat() && t.isInt(), "converts a float to an integer");
            case FPROMOTE -> conversion(a, s -> s == IrType.F32 && t == IrType.F64, "converts f32 to f64");
            case FDEMOTE -> conversion(a, s -> s == IrType.F64 && t == IrType.F32, "converts f64 to f32");
            case LOAD -> require(typeOf(a[0]) == IrType.I64, "needs an i64 address");
            case STORE -> {
                require(typeOf(a[0]) == IrType.I64, "needs an i64 address");
                require(typeOf(a[1]) == t, "stores a value of another type");
            }
            case STACK_ADDR -> require(t == IrType.I64 && inst.imm() >= 0 && inst.imm() < f.stackSlots().size(),
                    "names no stack slot of the function");
            case FUNC_ADDR -> require(t == IrType.I64 && inst.imm() >= 0 && inst.imm() < module.functions().size(),
                    "names no function of the module");
            case CALL -> {
                IrFunction callee = callee(inst);
                if (a.length != callee.params().size()) {
                    throw error("passes " + a.length + " arguments to " + callee.name()
                        + ", which takes " + callee.params().size());
                }
                for (int i = 0; i < a.length; i++) {
                    if (typeOf(a[i]) != callee.params().get(i)) {
                        throw error("argument " + i + " is not " + callee.params().get(i).text());
                    }
                }
                int results = (inst.dst() != IrInst.NO_VALUE ? 1 : 0) + (inst.dst2() != IrInst.NO_VALUE ? 1 : 0);
                if (results != 0 && results != callee.returns().size()) {
                    throw error("takes " + results + " results of " + callee.name() + ", which returns " + callee.returns().size());
                }
            }
            case CALL_INDIRECT -> require(a.length >= 1 && typeOf(a[0]) == IrType.I64, "needs an i64 function address");
            case SPLAT -> require(t.isVector() && typeOf(a[0]) == t.lane(), "splats a lane into a vector");
            case EXTRACT -> {
                IrType v = typeOf(a[0]);
                require(v.isVector() && v.lane() == t && inst.imm() >= 0 && inst.imm() < v.lanes(),
                        "extracts an existing lane of a vector");
            }
            case REDUCE_ADD -> {
                IrType v = typeOf(a[0]);
                require(v.isVector() && v.lane() == t, "adds the lanes of a vector");
            }
        }
    }

    private void conversion(int[] a, java.util.function.Predicate<IrType> ok, String what) {
        IrType s = typeOf(a[0]);
        if (s.isVector() || !ok.test(s)) {
            throw error(what + ", not " + s.text());
        }
    }

    private void same(int[] args, IrType t) {
        for (int v : args) {
            IrType have = typeOf(v);
            if (have != t) {
                throw error("v" + v + " is " + have.text() + ", expected " + t.text());
            }
        }
    }

    /** The message is built only when the check fails, never per instruction. */
    private void require(boolean ok, String what) {
        if (!ok) {
            throw error(what);
        }
    }

    private void checkTerminator(int b, IrTerminator term, int[] local, int[] idom) {
        at(b, null, term);
        if (term instanceof IrTerminator.Ret ret) {
            int[] values = ret.valuesShared();
            if (values.length != f.returns().size()) {
                throw error("returns " + values.length + " values, the function "
                    + f.returns().size());
            }
            for (int i = 0; i < values.length; i++) {
                IrType t = use(values[i], b, local, idom);
                if (t != f.returns().get(i)) {
                    throw error("returns " + t.text() + " as value " + i + ", the function "
                        + f.returns().get(i).text());
                }
            }
        } else if (term instanceof IrTerminator.Jump j) {
            edge(b, j.target(), j.argsShared(), local, idom);
        } else if (term instanceof IrTerminator.Branch br) {
            require(use(br.cond(), b, local, idom) == IrType.I8, "branches on a value that is not i8");
            edge(b, br.thenTarget(), br.thenArgsShared(), local, idom);
            edge(b, br.elseTarget(), br.elseArgsShared(), local, idom);
        }
    }

    private void edge(int b, int target, int[] args, int[] local, int[] idom) {
        if (target <= 0 || target >= f.blocks().size()) {
            throw error("b" + target + " is not a block that can be jumped to");
        }
        List<IrBlockParam> params = f.blocks().get(target).params();
        if (args.length != params.size()) {
            throw error("passes " + args.length + " arguments to b" + target + ", which has "
                + params.size() + " parameters");
        }
        for (int i = 0; i < args.length; i++) {
            IrType t = use(args[i], b, local, idom);
            if (t != params.get(i).type()) {
                throw error("argument " + i + " to b" + target + " is " + t.text() + ", not "
                    + params.get(i).type().text());
            }
        }
    }

    private SimplecException error(String message) {
        IrInst inst = atInst;
        IrTerminator term = atTerm;
        String location = atBlock < 0 ? "" : "b" + atBlock + where
                + (inst != null ? ": `" + inst + "`" : term != null ? ": `" + IrPrinter.terminator(term) + "`" : "") + ": ";
        return new SimplecException(ErrorKind.INTERNAL, "malformed IR: function " + f.name() + ": " + location + message);
    }
}
