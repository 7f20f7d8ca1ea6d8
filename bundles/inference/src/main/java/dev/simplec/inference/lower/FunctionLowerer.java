package dev.simplec.inference.lower;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.inference.check.Builtin;
import dev.simplec.inference.check.CallKind;
import dev.simplec.inference.check.CheckedFunction;
import dev.simplec.inference.check.LiteralRanges;
import dev.simplec.inference.check.ReturnRules;
import dev.simplec.inference.check.Substitution;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.diag.Spans;
import dev.simplec.inference.syntax.BinaryOp;
import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.ParamDecl;
import dev.simplec.inference.syntax.Stmt;
import dev.simplec.inference.syntax.TypeExpr;
import dev.simplec.inference.syntax.UnaryOp;
import dev.simplec.inference.util.Lists;

/**
 * Lowers one instance of a checked function (its type parameters replaced by concrete types) to
 * IR, following docs/ir.md's conventions. Variables are SSA values; a {@code var} that may change
 * in a branch or loop travels through block parameters at every join (if/else, loop header, loop
 * exit, {@code &&}/{@code ||}). Values are numbered in evaluation order, parameters first. The body
 * is already well typed, so what can fail here is what depends on the instance (a literal that does
 * not fit the chosen type, a type that cannot be returned) or what the IR cannot express.
 */
final class FunctionLowerer {
    /** A variable in scope: its concrete type and current IR values. */
    private static final class Binding {
        final String name;
        /** The name's hash: a lookup passes most bindings on an int compare, without reading their Strings. */
        final int hash;
        final Type type;
        final boolean mutable;
        int[] vals;
        /** The IR types of its values, made when a join first needs them (a var is in many joins). */
        IrType @Nullable [] irTypes;

        Binding(String name, Type type, boolean mutable, int[] vals) {
            this.name = name;
            this.hash = name.hashCode();
            this.type = type;
            this.mutable = mutable;
            this.vals = vals;
        }

        IrType[] irTypes() {
            IrType[] t = irTypes;
            if (t == null) {
                t = new IrType[IrTypes.width(type)];
                IrTypes.flatten(type, t, 0);
                irTypes = t;
            }
            return t;
        }
    }

    /**
     * A block where control flow meets: parameters for the result values, then for every var in
     * scope ({@code vars}).
     */
    private record Join(int block, Binding[] vars, int results) {
    }

    /**
     * A loop being lowered: where {@code break} goes, and where {@code continue} goes — a while
     * loop's header, or a for loop's latch, made by the first {@code continue} that needs it (a
     * body without one steps its counter at its own end: no block to merge later).
     */
    private final class Loop {
        private final Join breakTo;
        private @Nullable Join continueTo;
        /** For a latch still to make: what the body assigns, and how many bindings were in scope at the loop. */
        private final Assignments changed;
        private final int scope;

        Loop(Join header, Join breakTo) {
            this.breakTo = breakTo;
            this.continueTo = header;
            this.changed = Assignments.NONE;
            this.scope = 0;
        }

        Loop(Assignments changed, int scope, Join breakTo) {
            this.breakTo = breakTo;
            this.changed = changed;
            this.scope = scope;
        }

        Join breakTo() {
            return breakTo;
        }

        Join continueTo() {
            Join j = continueTo;
            if (j == null) {
                j = newJoin(changed, scope, NO_TYPES);
                continueTo = j;
            }
            return j;
        }

        /** A for loop's latch, when a continue made one (null without). */
        @Nullable
        Join latch() {
            return continueTo;
        }
    }

    /** Where an assignment writes: a variable, or typed memory at {@code addr + offset}. */
    private sealed interface Place {
    }

    private record VarPlace(Binding binding) implements Place {
    }

    private record MemPlace(int addr, long offset, Type type) implements Place {
    }

    private final CheckedFunction fn;
    private final Substitution typeArgs;
    private final String instanceName;
    private final SourceText source;
    private final Monomorphizer mono;
    /** The module's builder, empty at the start (see {@link IrBuilder#finish}). */
    private final IrBuilder ir;
    private final MemoryOps mem;
    private final OpLowering ops;
    /** The variables in scope, innermost last: {@code env[0, envSize)}. */
    private Binding[] env = new Binding[16];
    private int envSize;
    private final Deque<Loop> loops = new ArrayDeque<>(4);
    /** The snapshots of {@link #snapshot}, innermost last: {@code saved[0, savedTop)}. */
    private int[][] saved = new int[16][];
    private int savedTop;
    /** Join arguments by count, reused from jump to jump: the terminator copies them, so one array each is enough. */
    private int[] @Nullable [] argBuffers = new int[8][];

    FunctionLowerer(CheckedFunction fn, Substitution typeArgs, String instanceName, SourceText source,
            Monomorphizer mono, Layouts layouts, IrBuilder ir) {
        this.ir = ir;
        this.fn = fn;
        this.typeArgs = typeArgs;
        this.instanceName = instanceName;
        this.source = source;
        this.mono = mono;
        this.mem = new MemoryOps(ir, layouts);
        this.ops = new OpLowering(ir);
    }

    IrFunction lower() {
        List<ParamDecl> decls = fn.decl().params();
        Type[] types = new Type[decls.size()];
        int width = 0;
        for (int i = 0; i < types.length; i++) {
            types[i] = concrete(fn.sig().params().get(i));
            width += IrTypes.width(types[i]);
        }
        IrType[] params = new IrType[width];
        int k = 0;
        for (int i = 0; i < types.length; i++) {
            int at = k;
            k = IrTypes.flatten(types[i], params, k);
            int[] vals = new int[k - at];
            for (int j = 0; j < vals.length; j++) {
                vals[j] = ir.emit(IrOp.PARAM, params[at + j], Values.NONE, at + j);
            }
            bind(new Binding(decls.get(i).name(), types[i], false, vals));
        }
        Type retType = concrete(fn.sig().ret());
        String problem = ReturnRules.problem(fn.sig().name(), retType);
        if (problem != null) {
            TypeExpr written = fn.decl().ret();
            throw error(ErrorKind.TYPE, written != null ? written.span() : fn.decl().nameSpan(),
                    problem + " (in " + instanceName + ")");
        }
        int[] result = lowerBlock(fn.decl().body());
        ir.ret(result);
        return ir.finish(instanceName, Lists.copyOf(params), IrTypes.flatten(retType));
    }

    // ---- blocks, statements and control flow

    private int[] lowerBlock(Block block) {
        int mark = envSize;
        List<Stmt> stmts = block.stmts();
        for (int k = 0; k < stmts.size(); k++) {
            if (!ir.reachable()) {
                break;
            }
            statement(stmts.get(k));
        }
        Expr tail = block.tail();
        int[] v = Values.NONE;
        if (tail != null && ir.reachable()) {
            v = expr(tail);
        }
        truncateEnv(mark);
        return v;
    }

    /** Drops the bindings made since the environment had {@code size} entries. */
    private void truncateEnv(int size) {
        // Entries past envSize are never read; they are overwritten by the next bindings.
        envSize = size;
    }

    private void bind(Binding b) {
        if (envSize == env.length) {
            env = Arrays.copyOf(env, envSize * 2);
        }
        env[envSize++] = b;
    }

    private void statement(Stmt s) {
        if (s instanceof Stmt.Let let) {
            int[] v = expr(let.value());
            if (ir.reachable()) {
                bind(new Binding(let.name(), typeOf(let.value()), let.mutable(), v));
            }
        } else if (s instanceof Stmt.ExprStmt es) {
            expr(es.expr());
        } else if (s instanceof Stmt.Assign a) {
            assign(a);
        } else if (s instanceof Stmt.While w) {
            whileLoop(w);
        } else if (s instanceof Stmt.ForRange f) {
            forRange(f);
        } else if (s instanceof Stmt.ForEach f) {
            forEach(f);
        } else if (s instanceof Stmt.Return r) {
            Expr value = r.value();
            ir.ret(value == null ? Values.NONE : expr(value));
        } else if (s instanceof Stmt.Break) {
            jumpTo(loop().breakTo(), Values.NONE);
        } else if (s instanceof Stmt.Continue) {
            jumpTo(loop().continueTo(), Values.NONE);
        }
    }

    private Loop loop() {
        if (loops.isEmpty()) {
            throw new IllegalStateException("break outside of a loop passed the checker");
        }
        return loops.peek();
    }

    private static final IrType[] NO_TYPES = new IrType[0];

    /** Whether a variable is in scope: else no join takes one, and what code assigns needs no looking at. */
    private boolean anyVar() {
        for (int i = 0; i < envSize; i++) {
            if (env[i].mutable) {
                return true;
            }
        }
        return false;
    }

    /**
     * A join with parameters for {@code resultTypes}, then for the variables in scope that
     * {@code changed} assigns (the others have one value on every edge in).
     */
    private Join newJoin(Assignments changed, IrType... resultTypes) {
        return newJoin(changed, envSize, resultTypes);
    }

    /** {@link #newJoin(Assignments, IrType...)} for the variables of the first {@code scope} bindings. */
    private Join newJoin(Assignments changed, int scope, IrType... resultTypes) {
        int count = 0;
        int width = 0;
        for (int i = 0; i < scope; i++) {
            Binding b = env[i];
            if (b.mutable && changed.assigns(b.name)) {
                count++;
                width += b.irTypes().length;
            }
        }
        Binding[] vars = new Binding[count];
        IrType[] types = Arrays.copyOf(resultTypes, resultTypes.length + width);
        int at = resultTypes.length;
        int v = 0;
        for (int i = 0; i < scope; i++) {
            Binding b = env[i];
            if (b.mutable && changed.assigns(b.name)) {
                vars[v++] = b;
                IrType[] bt = b.irTypes();
                System.arraycopy(bt, 0, types, at, bt.length);
                at += bt.length;
            }
        }
        return new Join(ir.newBlock(types), vars, resultTypes.length);
    }

    /**
     * The values a jump to {@code j} passes: {@code result}, then the current values of its variables.
     * Only for a jump or branch made right away: the answer may be a buffer that the next call
     * overwrites, which is safe because the IR's terminators copy their arguments.
     */
    private int[] joinArgs(Join j, int[] result) {
        Binding[] vars = j.vars();
        int width = result.length;
        for (Binding b : vars) {
            width += b.vals.length;
        }
        if (width == result.length) {
            return result;
        }
        int[] out = argBuffer(width);
        System.arraycopy(result, 0, out, 0, result.length);
        int at = result.length;
        for (Binding b : vars) {
            System.arraycopy(b.vals, 0, out, at, b.vals.length);
            at += b.vals.length;
        }
        return out;
    }

    private int[] argBuffer(int n) {
        if (n >= argBuffers.length) {
            argBuffers = Arrays.copyOf(argBuffers, n + 1);
        }
        int[] b = argBuffers[n];
        if (b == null) {
            b = new int[n];
            argBuffers[n] = b;
        }
        return b;
    }

    private int[] varVals(Join j) {
        return joinArgs(j, Values.NONE);
    }

    private void jumpTo(Join j, int[] result) {
        ir.jump(j.block(), joinArgs(j, result));
    }

    /** Continues at the join: the variables take its parameters; returns the result values. */
    private int[] enter(Join j) {
        ir.switchTo(j.block());
        int first = ir.param(j.block(), 0);
        int at = first + j.results();
        for (Binding b : j.vars()) {
            b.vals = Values.range(at, b.vals.length);
            at += b.vals.length;
        }
        return Values.range(first, j.results());
    }

    /**
     * Saves the values of the variables in scope on {@link #saved} and answers where they start.
     * Snapshots nest like the branches that take them (an inner one is dropped before the outer is
     * restored), so one stack serves them all instead of an array each.
     */
    private int snapshot() {
        int base = savedTop;
        if (base + envSize > saved.length) {
            saved = Arrays.copyOf(saved, Math.max(saved.length * 2, base + envSize));
        }
        for (int i = 0; i < envSize; i++) {
            saved[base + i] = env[i].vals;
        }
        savedTop = base + envSize;
        return base;
    }

    /** Gives the variables the values of the snapshot at {@code base} (the innermost one still kept). */
    private void restore(int base) {
        for (int i = 0; base + i < savedTop; i++) {
            env[i].vals = saved[base + i];
        }
    }

    /** Drops the snapshot at {@code base} and every one above it. */
    private void drop(int base) {
        savedTop = base;
    }

    private int[] ifExpr(Expr.If i) {
        Type t = fn.typeOf(i);
        IrType[] resultTypes = NO_TYPES;
        if (!(t instanceof Type.Never)) {
            Type ct = concrete(t);
            resultTypes = new IrType[IrTypes.width(ct)];
            IrTypes.flatten(ct, resultTypes, 0);
        }
        int c = value(i.cond());
        int thenBlock = ir.newBlock();
        int elseBlock = ir.newBlock();
        Join join = newJoin(anyVar() ? Assignments.inBranches(i) : Assignments.NONE, resultTypes);
        ir.branch(c, thenBlock, Values.NONE, elseBlock, Values.NONE);
        int before = snapshot();
        ir.switchTo(thenBlock);
        int[] tv = lowerBlock(i.then());
        if (ir.reachable()) {
            jumpTo(join, tv);
        }
        restore(before);
        ir.switchTo(elseBlock);
        Expr otherwise = i.otherwise();
        int[] ev = otherwise == null ? Values.NONE : expr(otherwise);
        if (ir.reachable()) {
            jumpTo(join, ev);
        }
        restore(before);
        drop(before);
        return enter(join);
    }

    private void whileLoop(Stmt.While w) {
        Assignments changed = anyVar() ? Assignments.in(w.cond(), w.body()) : Assignments.NONE;
        Join header = newJoin(changed, NO_TYPES);
        jumpTo(header, Values.NONE);
        enter(header);
        int c = value(w.cond());
        int body = ir.newBlock();
        Join exit = newJoin(changed.breaks() ? changed : Assignments.NONE, NO_TYPES);
        ir.branch(c, body, Values.NONE, exit.block(), varVals(exit));
        // Without a break the exit's variables have the values the header's test saw.
        int atTest = snapshot();
        ir.switchTo(body);
        loops.push(new Loop(header, exit));
        lowerBlock(w.body());
        if (ir.reachable()) {
            jumpTo(header, Values.NONE);
        }
        loops.pop();
        restore(atTest);
        drop(atTest);
        enter(exit);
    }

    private void forRange(Stmt.ForRange f) {
        Type it = typeOf(f.from());
        int from = value(f.from());
        int to = value(f.to());
        boolean fromZero = f.from() instanceof Expr.IntLit lit && lit.value() == 0;
        countedLoop(f.name(), it, from, IrTypes.scalar(it), i -> ops.compare(BinaryOp.LT, it, i, to), Values::one,
                f.body(), it.equals(Type.I64), fromZero);
    }

    private void forEach(Stmt.ForEach f) {
        Type xsType = typeOf(f.iterable());
        Type elem = xsType instanceof Type.Array a ? a.elem() : Type.U8;
        int[] xs = expr(f.iterable());
        int zero = ir.iconst(IrType.I64, 0);
        countedLoop(f.name(), elem, zero, IrType.I64, i -> ir.emit(IrOp.SLT, IrType.I64, i, xs[1]),
                i -> mem.load(elem, mem.elementAddress(xs[0], i, elem), 0), f.body(), false, true);
    }

    /**
     * {@code for} loops: a counter {@code i} from {@code start} while {@code more(i)}, stepping by one
     * at the body's end, or in a latch block when a {@code continue} needs one; the loop variable is
     * {@code value(i)}. With {@code stepIndexes} (the loop variable is the i64 counter), the indexes
     * {@link LoopIndexes} finds get values of their own that step with the counter;
     * {@code fromZero}: {@code start} is the constant 0.
     */
    private void countedLoop(String name, Type varType, int start, IrType counter,
            java.util.function.IntUnaryOperator more, java.util.function.IntFunction<int[]> value, Block bodyBlock,
            boolean stepIndexes, boolean fromZero) {
        // A for loop over an i64 counter: one walk of the body for what it assigns and its stepping indexes.
        LoopIndexes scan = stepIndexes ? LoopIndexes.scan(name, bodyBlock, e -> typeOf(e).equals(Type.I64), this::isRangeBuiltin)
                : null;
        Assignments changed = scan != null ? scan.changed() : anyVar() ? Assignments.in(bodyBlock) : Assignments.NONE;
        List<LoopIndexes.Index> indexes = scan != null ? scan.indexes() : List.of();
        int m = indexes.size();
        // Each index's value at the first iteration and its step (null: the constant 1, made at the latch).
        int[] first = new int[1 + m];
        first[0] = start;
        int[] steps = new int[m];
        for (int k = 0; k < m; k++) {
            LoopIndexes.Index ix = indexes.get(k);
            Expr step = ix.step();
            steps[k] = step == null ? -1 : value(step);
            first[1 + k] = firstValue(ix, fromZero ? -1 : step == null ? start : ir.emit(IrOp.MUL, IrType.I64, start, steps[k]));
        }
        IrType[] headerTypes = new IrType[1 + m];
        Arrays.fill(headerTypes, IrType.I64);
        headerTypes[0] = counter;
        Join header = newJoin(changed, headerTypes);
        jumpTo(header, first);
        int[] entered = enter(header);
        int i = entered[0];
        int c = more.applyAsInt(i);
        int body = ir.newBlock();
        Join exit = newJoin(changed.breaks() ? changed : Assignments.NONE, NO_TYPES);
        ir.branch(c, body, Values.NONE, exit.block(), varVals(exit));
        // Without a break the exit's variables have the values the header's test saw.
        int atTest = snapshot();
        ir.switchTo(body);
        // The latch, where a continue goes, is made by the first one; the variables it takes are
        // those in scope now. Without a continue the counter steps at the body's end.
        int mark = envSize;
        Loop loop = new Loop(changed, mark, exit);
        bind(new Binding(name, varType, false, value.apply(i)));
        loops.push(loop);
        List<LoopIndexes.Index> outerIndexes = loopIndexes;
        int[] outerValues = loopIndexValues;
        loopIndexes = indexes;
        loopIndexValues = Arrays.copyOfRange(entered, 1, 1 + m);
        lowerBlock(bodyBlock);
        loopIndexes = outerIndexes;
        loopIndexValues = outerValues;
        loops.pop();
        truncateEnv(mark);
        Join latch = loop.latch();
        if (latch != null) {
            if (ir.reachable()) {
                jumpTo(latch, Values.NONE);
            }
            enter(latch);
        }
        if (ir.reachable()) {
            int[] next = new int[1 + m];
            next[0] = ir.emit(IrOp.ADD, counter, i, ir.iconst(counter, 1));
            for (int k = 0; k < m; k++) {
                int by = steps[k] >= 0 ? steps[k] : ir.iconst(IrType.I64, 1);
                next[1 + k] = ir.emit(IrOp.ADD, IrType.I64, entered[1 + k], by);
            }
            jumpTo(header, next);
        }
        restore(atTest);
        drop(atTest);
        enter(exit);
    }

    /**
     * A stepping index's value at the loop's first iteration: {@code counterPart} (the start times
     * the step; -1 when the start is 0) plus or minus the index's rest.
     */
    private int firstValue(LoopIndexes.Index ix, int counterPart) {
        Expr rest = ix.rest();
        if (rest == null) {
            return counterPart >= 0 ? counterPart : ir.iconst(IrType.I64, 0);
        }
        int r = value(rest);
        if (ix.minus()) {
            return ir.emit(IrOp.SUB, IrType.I64, counterPart >= 0 ? counterPart : ir.iconst(IrType.I64, 0), r);
        }
        return counterPart >= 0 ? ir.emit(IrOp.ADD, IrType.I64, counterPart, r) : r;
    }

    /** The innermost for loop's stepping indexes ({@link LoopIndexes}) and their values, while its body is lowered. */
    private List<LoopIndexes.Index> loopIndexes = List.of();
    private int[] loopIndexValues = Values.NONE;

    /** The value of an element index: the loop's own when it steps ({@link LoopIndexes}), else the expression's. */
    private int indexValue(Expr index) {
        int k = LoopIndexes.find(loopIndexes, index);
        return k >= 0 ? loopIndexValues[k] : value(index);
    }

    /** Whether {@code c} is the builtin {@code load} or {@code store} (an index in its second argument). */
    private boolean isRangeBuiltin(Expr.Call c) {
        if (fn.callKind(c) != CallKind.BUILTIN) {
            return false;
        }
        Builtin b = builtinOf(c);
        return b == Builtin.LOAD || b == Builtin.STORE;
    }

    private void assign(Stmt.Assign a) {
        Place p = place(a.target());
        BinaryOp op = a.op();
        if (op == null) {
            write(p, expr(a.value()));
            return;
        }
        Type t = typeOf(a.target());
        int old = read(p)[0];
        int v = value(a.value());
        write(p, Values.one(ops.arith(op, t, old, v, nonZeroLiteral(a.value()))));
    }

    private Place place(Expr target) {
        if (target instanceof Expr.Name n) {
            return new VarPlace(lookup(n.name()));
        } else if (target instanceof Expr.Index ix) {
            Type elem = typeOf(ix);
            int addr = elementAddress(ix);
            return new MemPlace(addr, 0, elem);
        } else if (target instanceof Expr.Field f) {
            int addr = value(f.target());
            return new MemPlace(addr, fieldOffset(f), typeOf(f));
        }
        throw new IllegalStateException("assignment target passed the checker: " + target);
    }

    private int[] read(Place p) {
        if (p instanceof VarPlace v) {
            return v.binding().vals;
        }
        MemPlace m = (MemPlace) p;
        return mem.load(m.type(), m.addr(), m.offset());
    }

    private void write(Place p, int[] value) {
        if (p instanceof VarPlace v) {
            v.binding().vals = value;
        } else {
            MemPlace m = (MemPlace) p;
            mem.store(m.type(), m.addr(), m.offset(), value);
        }
    }

    private Binding lookup(String name) {
        Binding b = find(name);
        if (b == null) {
            throw new IllegalStateException("unbound name after checking: " + name);
        }
        return b;
    }

    private @Nullable Binding find(String name) {
        int h = name.hashCode();
        for (int i = envSize - 1; i >= 0; i--) {
            Binding b = env[i];
            if (b.hash == h && b.name.equals(name)) {
                return b;
            }
        }
        return null;
    }

    // ---- expressions

    /** The IR values holding {@code e} (none for unit). */
    private int[] expr(Expr e) {
        if (e instanceof Expr.IntLit || e instanceof Expr.FloatLit || e instanceof Expr.BoolLit || e instanceof Expr.Unary
                || e instanceof Expr.Binary || e instanceof Expr.Cast) {
            return Values.one(value(e));
        } else if (e instanceof Expr.TextLit t) {
            return mem.text(t.value());
        } else if (e instanceof Expr.Name n) {
            Binding b = find(n.name());
            if (b != null) {
                return b.vals;
            }
            return Values.one(ir.emit(IrOp.FUNC_ADDR, IrType.I64, new int[0], request(n, n.name())));
        } else if (e instanceof Expr.Call c) {
            return call(c);
        } else if (e instanceof Expr.Tuple tu) {
            int[] out = Values.NONE;
            for (Expr x : tu.elems()) {
                out = Values.concat(out, expr(x));
            }
            return out;
        } else if (e instanceof Expr.If i) {
            return ifExpr(i);
        } else if (e instanceof Expr.BlockExpr b) {
            return lowerBlock(b.block());
        } else if (e instanceof Expr.Index ix) {
            return index(ix);
        } else if (e instanceof Expr.Field f) {
            int addr = value(f.target());
            return mem.load(typeOf(f), addr, fieldOffset(f));
        } else if (e instanceof Expr.TupleField tf) {
            int[] whole = expr(tf.target());
            List<Type> elems = ((Type.Tuple) typeOf(tf.target())).elems();
            int at = 0;
            for (int i = 0; i < tf.index(); i++) {
                at += IrTypes.width(elems.get(i));
            }
            return Values.slice(whole, at, IrTypes.width(elems.get(tf.index())));
        } else if (e instanceof Expr.StructLit s) {
            return structLit(s);
        }
        throw error(ErrorKind.UNSUPPORTED, e.span(), "this expression is not supported by the code generator");
    }

    /** The one IR value of {@code e}, {@code expr(e)[0]}; without the array for the kinds that always have one. */
    private int value(Expr e) {
        if (e instanceof Expr.IntLit lit) {
            return intConst(lit.value(), false, typeOf(e), lit.pos());
        } else if (e instanceof Expr.FloatLit lit) {
            return floatConst(lit.text(), false, typeOf(e), lit.pos());
        } else if (e instanceof Expr.BoolLit b) {
            return ir.iconst(IrType.I8, b.value() ? 1 : 0);
        } else if (e instanceof Expr.Unary u) {
            return unary(u);
        } else if (e instanceof Expr.Binary b) {
            return binary(b);
        } else if (e instanceof Expr.Cast c) {
            int v = value(c.value());
            return ops.cast(typeOf(c.value()), typeOf(c), v);
        }
        return expr(e)[0];
    }

    private int unary(Expr.Unary u) {
        Type type = typeOf(u);
        if (u.op() == UnaryOp.NOT) {
            return ops.not(type, value(u.operand()));
        }
        if (u.operand() instanceof Expr.IntLit lit) {
            return intConst(lit.value(), true, type, u.pos());
        }
        if (u.operand() instanceof Expr.FloatLit lit) {
            return floatConst(lit.text(), true, type, u.pos());
        }
        return ops.negate(type, value(u.operand()));
    }

    private int binary(Expr.Binary b) {
        if (b.op() == BinaryOp.AND || b.op() == BinaryOp.OR) {
            return shortCircuit(b);
        }
        Type lt = typeOf(b.left());
        if (lt instanceof Type.Text) {
            int[] l = expr(b.left());
            int[] r = expr(b.right());
            if (b.op().isComparison()) {
                int eq = ops.textEquals(l, r);
                return b.op() == BinaryOp.EQ ? eq : ops.not(Type.BOOL, eq);
            }
            return ops.arith(b.op(), lt, l[0], r[0], nonZeroLiteral(b.right()));
        }
        int l = value(b.left());
        int r = value(b.right());
        if (b.op().isComparison()) {
            return ops.compare(b.op(), lt, l, r);
        }
        return ops.arith(b.op(), lt, l, r, nonZeroLiteral(b.right()));
    }

    /** Whether {@code e} is an integer literal other than 0: its division needs no check (it cannot be -1 either). */
    private static boolean nonZeroLiteral(Expr e) {
        return e instanceof Expr.IntLit lit && lit.value() != 0;
    }

    /** {@code a && b}: b only when a holds; {@code a || b}: b only when a does not. */
    private int shortCircuit(Expr.Binary b) {
        int a = value(b.left());
        int rhs = ir.newBlock();
        Join join = newJoin(anyVar() ? Assignments.in(b.right(), null) : Assignments.NONE, IrType.I8);
        int[] skip = joinArgs(join, Values.one(a));
        if (b.op() == BinaryOp.AND) {
            ir.branch(a, rhs, Values.NONE, join.block(), skip);
        } else {
            ir.branch(a, join.block(), skip, rhs, Values.NONE);
        }
        int before = snapshot();
        ir.switchTo(rhs);
        int r = value(b.right());
        jumpTo(join, Values.one(r));
        restore(before);
        drop(before);
        return enter(join)[0];
    }

    private int[] index(Expr.Index ix) {
        Type target = typeOf(ix.target());
        if (target instanceof Type.Simd s) {
            int v = value(ix.target());
            long lane = ((Expr.IntLit) ix.index()).value();
            return Values.one(ir.emit(IrOp.EXTRACT, IrTypes.scalar(s.elem()), new int[] {v}, lane));
        }
        Type elem = typeOf(ix);
        return mem.load(elem, elementAddress(ix), 0);
    }

    /** The bounds-checked address of {@code xs[i]}. */
    private int elementAddress(Expr.Index ix) {
        int[] xs = expr(ix.target());
        int i = indexValue(ix.index());
        mem.checkIndex(i, xs[1]);
        return mem.elementAddress(xs[0], i, typeOf(ix));
    }

    private long fieldOffset(Expr.Field f) {
        Type.Named struct = (Type.Named) typeOf(f.target());
        int i = mono.struct(struct.name()).indexOf(f.name());
        return mem.layouts().of(struct).offsets()[i];
    }

    private int[] structLit(Expr.StructLit s) {
        Type.Named t = (Type.Named) typeOf(s);
        var def = mono.struct(t.name());
        List<Type> fieldTypes = mem.layouts().members(t);
        int[] offsets = mem.layouts().of(t).offsets();
        int addr = mem.structSlot(t);
        for (Expr.FieldInit fi : s.fields()) {
            int i = def.indexOf(fi.name());
            int[] v = expr(fi.value());
            mem.store(fieldTypes.get(i), addr, offsets[i], v);
        }
        return Values.one(addr);
    }

    // ---- calls

    private int[] call(Expr.Call c) {
        CallKind kind = fn.callKind(c);
        if (kind == CallKind.BUILTIN) {
            return builtin(builtinOf(c), c);
        }
        if (kind == CallKind.DIRECT) {
            String name = ((Expr.Name) c.callee()).name();
            int callee = request(c, name);
            int[] args = Values.NONE;
            List<Expr> as = c.args();
            for (int k = 0; k < as.size(); k++) {
                args = Values.concat(args, expr(as.get(k)));
            }
            List<IrType> returns = IrTypes.flatten(typeOf(c));
            return ir.call(callee, returns.isEmpty() ? IrType.I64 : returns.get(0), args, returns.size());
        }
        int fnValue = value(c.callee());
        int[] args = new int[] {fnValue};
        for (Expr a : c.args()) {
            args = Values.concat(args, expr(a));
        }
        Type result = typeOf(c);
        List<IrType> returns = IrTypes.flatten(result);
        if (returns.size() > 1) {
            throw error(ErrorKind.UNSUPPORTED, c.span(), "calling a function value that returns " + result
                    + " is not supported: CALL_INDIRECT gives at most one result (in " + instanceName + ")");
        }
        if (returns.isEmpty()) {
            ir.effect(IrOp.CALL_INDIRECT, IrType.I64, args, 0);
            return Values.NONE;
        }
        return Values.one(ir.emit(IrOp.CALL_INDIRECT, returns.get(0), args, 0));
    }

    private static Builtin builtinOf(Expr.Call c) {
        Builtin b = Builtin.of(((Expr.Name) c.callee()).name());
        if (b == null) {
            throw new IllegalStateException("not a builtin: " + c.callee());
        }
        return b;
    }

    /** The index of the instance of module function {@code name} that {@code site} (a call or a function value) names. */
    private int request(Expr site, String name) {
        List<Type> args = fn.typeArgsOf(site);
        return mono.request(name, args == null ? List.of() : typeArgs.applyAll(args), site.pos());
    }

    private int[] builtin(Builtin b, Expr.Call c) {
        List<Expr> args = c.args();
        Type t0 = typeOf(args.get(0));
        switch (b) {
            case LEN -> {
                return Values.one(expr(args.get(0))[1]);
            }
            case MIN, MAX -> {
                int x = value(args.get(0));
                int y = value(args.get(1));
                return Values.one(ops.minMax(b == Builtin.MIN, t0, x, y));
            }
            case ABS -> {
                return Values.one(ops.abs(t0, value(args.get(0))));
            }
            case SQRT -> {
                return Values.one(ir.emit(IrOp.FSQRT, IrTypes.scalar(t0), value(args.get(0))));
            }
            case SPLAT -> {
                return Values.one(ir.emit(IrOp.SPLAT, IrTypes.scalar(typeOf(c)), value(args.get(0))));
            }
            case REDUCE_ADD -> {
                IrType v = IrTypes.scalar(t0);
                return Values.one(ir.emit(IrOp.REDUCE_ADD, v.lane(), value(args.get(0))));
            }
            case LOAD, STORE -> {
                Type elem = ((Type.Array) t0).elem();
                int[] xs = expr(args.get(0));
                int i = indexValue(args.get(1));
                IrType vec = IrTypes.scalar(b == Builtin.LOAD ? typeOf(c) : typeOf(args.get(2)));
                int v = b == Builtin.STORE ? value(args.get(2)) : -1;
                mem.checkRange(i, xs[1], vec.lanes());
                int addr = mem.elementAddress(xs[0], i, elem);
                if (b == Builtin.LOAD) {
                    return Values.one(ir.emit(IrOp.LOAD, vec, new int[] {addr}, 0));
                }
                ir.effect(IrOp.STORE, vec, new int[] {addr, v}, 0);
                return Values.NONE;
            }
        }
        throw new IllegalStateException("unknown builtin " + b);
    }

    // ---- literals

    /**
     * An integer literal; typed by a Num parameter it may be a float in this instance. {@code span}
     * (packed, {@link Spans}) is where a message about it points.
     */
    private int intConst(long value, boolean negated, Type type, long span) {
        if (type instanceof Type.Int it) {
            String m = LiteralRanges.checkInt(value, negated, it);
            if (m != null) {
                throw error(ErrorKind.TYPE, span, m + " (in " + instanceName + ")");
            }
            return ir.iconst(IrTypes.scalar(type), negated ? -value : value);
        }
        // Decimal text parses with one correct rounding, also for values above Long.MAX_VALUE.
        return floatConst(Long.toUnsignedString(value), negated, type, span);
    }

    private int floatConst(String text, boolean negated, Type type, long span) {
        if (!(type instanceof Type.Float ft)) {
            throw new IllegalStateException("numeric literal of type " + type + " passed the checker");
        }
        String m = LiteralRanges.checkFloat(text, ft);
        if (m != null) {
            throw error(ErrorKind.TYPE, span, m + " (in " + instanceName + ")");
        }
        IrType t = IrTypes.scalar(type);
        double d = Double.parseDouble(text);
        float f = Float.parseFloat(text);
        return ir.emit(IrOp.FCONST, t, Values.NONE, floatBits(t, negated ? -d : d, negated ? -f : f));
    }

    /** FCONST's immediate: the raw IEEE bits, an F32's zero-extended. */
    private static long floatBits(IrType t, double d, float f) {
        return t == IrType.F32 ? Float.floatToRawIntBits(f) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(d);
    }

    // ---- helpers

    private Type typeOf(Expr e) {
        return concrete(fn.typeOf(e));
    }

    private Type concrete(Type t) {
        return typeArgs.apply(t);
    }

    private SimplecException error(ErrorKind kind, Span span, String message) {
        return Diagnostics.single(source, kind, span, message);
    }

    private SimplecException error(ErrorKind kind, long span, String message) {
        return error(kind, Spans.span(span), message);
    }
}
