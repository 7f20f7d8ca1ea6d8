package dev.simplec.inference.fuzz;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.types.TypeInfo;

/**
 * Well-typed templates from fuzz data, for the codegen fuzz targets (here and in the backends):
 * an entry function, possibly generic over {@code T: Num}, {@code Int} or {@code Float}, with
 * scalar and slice parameters, and a few helper functions (generic or not) that it calls; bodies of
 * lets, vars, assignments, ifs, bounded loops, slice reads and writes, and expressions of every
 * scalar type (arithmetic that may trap, shifts, casts, comparisons, builtins). Every program
 * terminates: loops are counted and calls go only to later helpers. The checker must accept
 * every program; each comes with its type arguments and a few argument lists to call it with.
 */
public final class TemplateGen {
    /** An argument of the entry, per template parameter: a scalar, or a slice (its bytes and length). */
    public sealed interface Arg permits Scalar, Slice {
    }

    /** A scalar as the IR passes it. */
    public record Scalar(IrValue value) implements Arg {
    }

    /** A slice: its elements' bytes (little-endian), passed as two IR values (address, length). */
    public record Slice(byte[] bytes, long length) implements Arg {
    }

    /** A template, the type arguments of its entry, and argument lists to call it with. */
    public record Program(String source, List<TypeInfo> typeArgs, List<List<Arg>> calls) {
        @Override
        public String toString() {
            return source + "\n// types " + typeArgs + ", calls " + calls;
        }
    }

    /** A scalar type of the language, or a type parameter with its bound and (for the entry's) its instance. */
    private record Ty(String name, char kind, int bits, boolean signed, String bound, Ty concrete) {
        boolean isInt() {
            return kind == 'i' || kind == 'p' && !bound.equals("Float") && (concrete == null || concrete.isInt());
        }

        boolean isFloat() {
            return kind == 'f' || kind == 'p' && bound.equals("Float");
        }

        boolean isParam() {
            return kind == 'p';
        }

        boolean isNumeric() {
            return kind != 'b';
        }

        /** Int operations (%, bitwise, shifts, !) are allowed on it. */
        boolean intOps() {
            return kind == 'i' || kind == 'p' && bound.equals("Int");
        }

        boolean unsigned() {
            return kind == 'i' && !signed;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Ty I8 = new Ty("i8", 'i', 8, true, "", null);
    private static final Ty I16 = new Ty("i16", 'i', 16, true, "", null);
    private static final Ty I32 = new Ty("i32", 'i', 32, true, "", null);
    private static final Ty I64 = new Ty("i64", 'i', 64, true, "", null);
    private static final Ty U8 = new Ty("u8", 'i', 8, false, "", null);
    private static final Ty U16 = new Ty("u16", 'i', 16, false, "", null);
    private static final Ty U32 = new Ty("u32", 'i', 32, false, "", null);
    private static final Ty U64 = new Ty("u64", 'i', 64, false, "", null);
    private static final Ty F32 = new Ty("f32", 'f', 32, true, "", null);
    private static final Ty F64 = new Ty("f64", 'f', 64, true, "", null);
    private static final Ty BOOL = new Ty("bool", 'b', 8, false, "", null);
    private static final Ty[] INTS = {I8, I16, I32, I64, U8, U16, U32, U64};
    private static final Ty[] FLOATS = {F32, F64};
    private static final Ty[] SCALARS = {I8, I16, I32, I64, U8, U16, U32, U64, F32, F64, BOOL};
    private static final Ty[] SLICE_ELEMS = {I64, I32, U8, F64, F32};
    private static final double[] FLOAT_LITERALS = {0.0, 0.5, 1.0, 1.5, 2.0, 3.25, 10.0, 100.0, 1e10, 1e-5, 0.1, 65504.0};

    private record Var(String name, Ty type, boolean mutable, boolean assignable) {
    }

    private record Helper(String name, List<Ty> params, Ty ret, boolean generic) {
    }

    private final FuzzedDataProvider data;
    private final StringBuilder out = new StringBuilder();
    private final List<Var> env = new ArrayList<>();
    private final List<Helper> helpers = new ArrayList<>();
    /** The helpers the function being written may call: those after it. */
    private int firstCallable;
    private int names;
    /** Statements and expression nodes left: keeps programs small. */
    private int budget = 120;
    private Ty sliceElem;
    private boolean hasSlice;
    private Ty retType;
    /** The second element when the function being written returns a pair (the entry only), else null. */
    private Ty retType2;
    private int loopDepth;
    /**
     * Loops nest at most this deep in the function being written (2 in the entry, 1 in helpers), and
     * run a few times each: with calls inside loops, the work multiplies, and the interpreter (the
     * reference every run is compared with) must stay fast.
     */
    private int maxLoopDepth = 2;

    private TemplateGen(FuzzedDataProvider data) {
        this.data = data;
    }

    /** A program; every choice is taken from {@code data} (when it runs dry, the simplest choices). */
    public static Program generate(FuzzedDataProvider data) {
        return new TemplateGen(data).program();
    }

    private Program program() {
        // The entry: optionally generic over T, with up to four scalar parameters and an optional slice.
        Ty t = null;
        List<TypeInfo> typeArgs = new ArrayList<>();
        if (data.consumeBoolean()) {
            String bound = data.pickValue(new String[] {"Num", "Int", "Float"});
            Ty concrete = bound.equals("Float") ? pick(FLOATS) : bound.equals("Int") ? pick(INTS) : pick(SCALARS);
            if (concrete == BOOL) {
                concrete = I64;
            }
            t = new Ty("T", 'p', concrete.bits(), concrete.signed(), bound, concrete);
            typeArgs.add(info(concrete));
        }
        List<Ty> params = new ArrayList<>();
        int n = data.consumeInt(1, 4);
        for (int i = 0; i < n; i++) {
            params.add(t != null && data.consumeBoolean() ? t : pick(SCALARS));
        }
        hasSlice = data.consumeBoolean();
        sliceElem = pick(SLICE_ELEMS);
        retType = t != null && data.consumeBoolean() ? t : pick(SCALARS);
        // Sometimes a pair: a tuple of two scalars comes back as a C struct of them, in two registers.
        retType2 = data.consumeInt(0, 3) == 0 ? pick(SCALARS) : null;

        int helperCount = data.consumeInt(0, 3);
        for (int h = 0; h < helperCount; h++) {
            boolean generic = data.consumeBoolean();
            List<Ty> hp = new ArrayList<>();
            Ty u = new Ty("U", 'p', 0, true, data.pickValue(new String[] {"Num", "Int", "Float"}), null);
            int k = data.consumeInt(1, 3);
            for (int i = 0; i < k; i++) {
                hp.add(generic && (i == 0 || data.consumeBoolean()) ? u : pick(SCALARS));
            }
            Ty ret = generic && data.consumeBoolean() ? u : pick(SCALARS);
            helpers.add(new Helper("h" + h, hp, ret, generic));
        }

        // The entry first (instantiate compiles the first function), then the helpers.
        StringBuilder sig = new StringBuilder("fn main");
        if (t != null) {
            sig.append("<T: ").append(t.bound()).append('>');
        }
        sig.append('(');
        for (int i = 0; i < params.size(); i++) {
            sig.append(i == 0 ? "" : ", ").append('p').append(i).append(": ").append(params.get(i));
            env.add(new Var("p" + i, params.get(i), false, false));
        }
        if (hasSlice) {
            sig.append(params.isEmpty() ? "" : ", ").append("xs: [").append(sliceElem).append(']');
        }
        sig.append(") -> ").append(retType2 == null ? retType.toString() : "(" + retType + ", " + retType2 + ")");
        out.append(sig).append(" {\n");
        firstCallable = 0;
        body(retType, retType2, 1);
        out.append("}\n");

        for (int h = 0; h < helpers.size(); h++) {
            Helper hp = helpers.get(h);
            env.clear();
            boolean savedSlice = hasSlice;
            hasSlice = false;
            Ty savedRet = retType;
            Ty savedRet2 = retType2;
            retType = hp.ret();
            retType2 = null;
            firstCallable = h + 1;
            maxLoopDepth = 1;
            budget = Math.max(budget, 20);
            out.append("fn ").append(hp.name());
            if (hp.generic()) {
                Ty u = hp.params().get(0);
                out.append("<U: ").append(u.bound()).append('>');
            }
            out.append('(');
            for (int i = 0; i < hp.params().size(); i++) {
                out.append(i == 0 ? "" : ", ").append('q').append(i).append(": ").append(hp.params().get(i));
                env.add(new Var("q" + i, hp.params().get(i), false, false));
            }
            out.append(") -> ").append(hp.ret()).append(" {\n");
            body(hp.ret(), null, 1);
            out.append("}\n");
            hasSlice = savedSlice;
            retType = savedRet;
            retType2 = savedRet2;
        }

        List<List<Arg>> calls = new ArrayList<>();
        int callCount = data.consumeInt(1, 4);
        for (int c = 0; c < callCount; c++) {
            List<Arg> args = new ArrayList<>();
            for (Ty p : params) {
                args.add(new Scalar(value(p.isParam() ? p.concrete() : p)));
            }
            if (hasSlice) {
                args.add(slice());
            }
            calls.add(args);
        }
        return new Program(out.toString(), typeArgs, calls);
    }

    // ---- statements

    /** A function body: statements, then its result ({@code type}, or the pair of {@code type} and {@code type2}). */
    private void body(Ty type, Ty type2, int depth) {
        int mark = env.size();
        int n = budget > 0 ? data.consumeInt(0, 4) : 0;
        for (int i = 0; i < n; i++) {
            statement(depth);
        }
        indent(depth).append(type2 == null ? expr(type, 3) : "(" + expr(type, 3) + ", " + expr(type2, 3) + ")").append('\n');
        truncate(mark);
    }

    /** The value a {@code return} in the function being written gives. */
    private String result(int depth) {
        return retType2 == null ? expr(retType, depth) : "(" + expr(retType, depth) + ", " + expr(retType2, depth) + ")";
    }

    /** A block without a value. */
    private void block(int depth) {
        int mark = env.size();
        int n = budget > 0 ? data.consumeInt(0, 3) : 0;
        for (int i = 0; i < n; i++) {
            statement(depth);
        }
        truncate(mark);
    }

    private void statement(int depth) {
        budget--;
        int choice = depth > 3 || budget <= 0 ? data.consumeInt(0, 3) : data.consumeInt(0, 11);
        if (choice >= 6 && choice <= 8 && loopDepth >= maxLoopDepth) {
            choice = 4; // an if instead of one more loop level
        }
        switch (choice) {
            case 0, 1 -> {
                Ty t = someType();
                String name = fresh("v");
                boolean mutable = data.consumeBoolean();
                indent(depth).append(mutable ? "var " : "let ").append(name).append(": ").append(t).append(" = ")
                        .append(expr(t, 3)).append(";\n");
                env.add(new Var(name, t, mutable, mutable));
            }
            case 2, 3 -> {
                Var v = assignable();
                if (v == null) {
                    indent(depth).append('(').append(free(someType(), 2)).append(");\n");
                    return;
                }
                String op = "=";
                if (data.consumeBoolean()) {
                    op = data.pickValue(v.type().intOps() ? new String[] {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}
                            : v.type().isNumeric() ? new String[] {"+=", "-=", "*=", "/="} : new String[] {"="});
                }
                boolean shift = op.equals("<<=") || op.equals(">>=");
                indent(depth).append(v.name()).append(' ').append(op).append(' ')
                        .append(shift ? free(pick(INTS), 2) : expr(v.type(), 2)).append(";\n");
            }
            case 4, 5 -> {
                indent(depth).append("if ").append(expr(BOOL, 2)).append(" {\n");
                block(depth + 1);
                if (data.consumeBoolean()) {
                    indent(depth).append("} else {\n");
                    block(depth + 1);
                }
                indent(depth).append("}\n");
            }
            case 6 -> {
                String i = fresh("i");
                indent(depth).append("for ").append(i).append(" in ").append(data.consumeInt(-1, 1)).append("..")
                        .append(data.consumeInt(0, 3)).append(" {\n");
                env.add(new Var(i, I64, false, false));
                loopDepth++;
                block(depth + 1);
                loopDepth--;
                env.remove(env.size() - 1);
                indent(depth).append("}\n");
            }
            case 7 -> {
                // Counted: the counter goes up first and nothing else assigns it, so the loop ends.
                String w = fresh("w");
                indent(depth).append("var ").append(w).append(": i64 = 0;\n");
                indent(depth).append("while ").append(w).append(" < ").append(data.consumeInt(0, 3)).append(" {\n");
                indent(depth + 1).append(w).append(" += 1;\n");
                env.add(new Var(w, I64, true, false));
                loopDepth++;
                block(depth + 1);
                loopDepth--;
                indent(depth).append("}\n");
            }
            case 8 -> {
                if (hasSlice) {
                    String x = fresh("x");
                    indent(depth).append("for ").append(x).append(" in xs {\n");
                    env.add(new Var(x, sliceElem, false, false));
                    loopDepth++;
                    block(depth + 1);
                    loopDepth--;
                    env.remove(env.size() - 1);
                    indent(depth).append("}\n");
                } else {
                    indent(depth).append('(').append(free(someType(), 2)).append(");\n");
                }
            }
            case 9 -> {
                if (hasSlice) {
                    String op = data.consumeBoolean() ? "=" : sliceElem.isFloat() ? "+=" : "^=";
                    indent(depth).append("xs[").append(index()).append("] ").append(op).append(' ').append(expr(sliceElem, 2)).append(";\n");
                } else {
                    indent(depth).append('(').append(free(someType(), 2)).append(");\n");
                }
            }
            case 10 -> {
                if (loopDepth > 0) {
                    indent(depth).append("if ").append(expr(BOOL, 1)).append(" { ").append(data.consumeBoolean() ? "break" : "continue")
                            .append("; }\n");
                } else {
                    indent(depth).append("if ").append(expr(BOOL, 1)).append(" { return ").append(result(2)).append("; }\n");
                }
            }
            default -> {
                // A block expression as a statement.
                indent(depth).append("{\n");
                block(depth + 1);
                indent(depth).append("}\n");
            }
        }
    }

    private String index() {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> Integer.toString(data.consumeInt(0, 4));
            case 1 -> "(len(xs) - 1)";
            case 2 -> {
                Var v = varOf(I64);
                yield v == null ? "0" : v.name();
            }
            default -> "(" + expr(I64, 1) + ")";
        };
    }

    // ---- expressions

    /** An expression of type {@code t}, at most {@code depth} levels of operators deep. */
    private String expr(Ty t, int depth) {
        budget--;
        if (depth <= 0 || budget <= 0 || data.remainingBytes() == 0) {
            return leaf(t);
        }
        if (t == BOOL) {
            return switch (data.consumeInt(0, 6)) {
                case 0 -> leaf(t);
                case 1, 2 -> {
                    Ty s = someNumericType();
                    String op = data.pickValue(new String[] {"==", "!=", "<", "<=", ">", ">="});
                    yield "(" + free(s, depth - 1) + " " + op + " " + free(s, depth - 1) + ")";
                }
                case 3 -> "(" + expr(BOOL, depth - 1) + (data.consumeBoolean() ? " && " : " || ") + expr(BOOL, depth - 1) + ")";
                case 4 -> "(!" + expr(BOOL, depth - 1) + ")";
                case 5 -> "(" + free(pick(INTS), depth - 1) + " as bool)";
                default -> ifExpr(t, depth);
            };
        }
        int c = data.consumeInt(0, 11);
        return switch (c) {
            case 0 -> leaf(t);
            case 1, 2, 3 -> {
                String[] ops = t.intOps() ? new String[] {"+", "-", "*", "/", "%", "&", "|", "^"} : new String[] {"+", "-", "*", "/"};
                yield "(" + expr(t, depth - 1) + " " + data.pickValue(ops) + " " + expr(t, depth - 1) + ")";
            }
            case 4 -> t.intOps() ? "(" + expr(t, depth - 1) + (data.consumeBoolean() ? " << " : " >> ") + free(pick(INTS), depth - 1) + ")"
                    : "(-" + expr(t, depth - 1) + ")";
            case 5 -> t.intOps() && data.consumeBoolean() ? "(!" + expr(t, depth - 1) + ")" : "(-" + expr(t, depth - 1) + ")";
            case 6 -> cast(t, depth);
            case 7 -> {
                String f = data.pickValue(t.isFloat() ? new String[] {"min", "max", "abs", "sqrt"} : new String[] {"min", "max", "abs"});
                yield f.equals("abs") || f.equals("sqrt") ? f + "(" + expr(t, depth - 1) + ")"
                        : f + "(" + expr(t, depth - 1) + ", " + expr(t, depth - 1) + ")";
            }
            case 8 -> ifExpr(t, depth);
            case 9 -> call(t, depth);
            case 10 -> {
                // A block with a let of its own.
                String name = fresh("b");
                Ty s = someType();
                String init = expr(s, depth - 1);
                env.add(new Var(name, s, false, false));
                String tail = expr(t, depth - 1);
                env.remove(env.size() - 1);
                yield "{ let " + name + ": " + s + " = " + init + "; " + tail + " }";
            }
            default -> sliceRead(t, depth);
        };
    }

    /**
     * An expression of type {@code t} where nothing around it fixes its type (a comparison, a cast,
     * a statement): integer and float literals there would default to i64 and f64, so an expression
     * of another concrete type is pinned by a typed let in a block.
     */
    private String free(Ty t, int depth) {
        if (t.isParam() || t == I64 || t == F64 || t == BOOL) {
            return expr(t, depth);
        }
        String name = fresh("b");
        return "{ let " + name + ": " + t + " = " + expr(t, depth) + "; " + name + " }";
    }

    private String ifExpr(Ty t, int depth) {
        return "(if " + expr(BOOL, depth - 1) + " { " + expr(t, depth - 1) + " } else { " + expr(t, depth - 1) + " })";
    }

    /** A conversion to {@code t}: int and float types convert both ways, bool only to ints. */
    private String cast(Ty t, int depth) {
        Ty from = someNumericType();
        if (t.isParam() || from.isParam()) {
            // Casts from or to a type parameter need it to be numeric on both sides.
            return "(" + free(from, depth - 1) + " as " + t + ")";
        }
        if (t.kind() == 'i' && data.consumeInt(0, 4) == 0) {
            from = BOOL;
        }
        return "(" + free(from, depth - 1) + " as " + t + ")";
    }

    /** A helper that returns {@code t} (directly, or through a cast), or a leaf when none can be called. */
    private String call(Ty t, int depth) {
        List<Helper> fit = new ArrayList<>();
        for (int h = firstCallable; h < helpers.size(); h++) {
            fit.add(helpers.get(h));
        }
        if (fit.isEmpty()) {
            return leaf(t);
        }
        Helper h = fit.get(data.consumeInt(0, fit.size() - 1));
        // A generic helper is called at one type for U: t itself when it returns U and t may stand for U.
        Ty u = null;
        boolean typedByResult = false;
        if (h.generic()) {
            Ty param = h.params().get(0);
            if (h.ret().isParam() && fits(t, param.bound())) {
                u = t;
                typedByResult = true;
            } else {
                u = instanceFor(param.bound());
            }
        }
        StringBuilder sb = new StringBuilder(h.name()).append('(');
        for (int i = 0; i < h.params().size(); i++) {
            Ty p = h.params().get(i);
            // Arguments for U are typed by the call only when it returns U in a typed position.
            sb.append(i == 0 ? "" : ", ").append(p.isParam() ? (typedByResult ? expr(u, depth - 1) : free(u, depth - 1)) : expr(p, depth - 1));
        }
        sb.append(')');
        Ty ret = h.ret().isParam() && u != null ? u : h.ret();
        if (ret.equals(t)) {
            return sb.toString();
        }
        if (ret == BOOL && t.kind() != 'i' || t == BOOL && !ret.intOps()) {
            return leaf(t);
        }
        if (t == BOOL) {
            return "(" + sb + " as bool)";
        }
        return "(" + sb + " as " + t + ")";
    }

    /** Whether a type of bound {@code bound} may be {@code t}. */
    private static boolean fits(Ty t, String bound) {
        if (t.isParam()) {
            return t.bound().equals(bound) || bound.equals("Num");
        }
        return switch (bound) {
            case "Int" -> t.kind() == 'i';
            case "Float" -> t.kind() == 'f';
            default -> t.kind() != 'b';
        };
    }

    private Ty instanceFor(String bound) {
        return switch (bound) {
            case "Int" -> pick(INTS);
            case "Float" -> pick(FLOATS);
            default -> someNumericConcrete();
        };
    }

    private String sliceRead(Ty t, int depth) {
        if (!hasSlice) {
            return leaf(t);
        }
        String read = data.consumeBoolean() ? "xs[" + index() + "]" : "len(xs)";
        Ty rt = read.startsWith("len") ? I64 : sliceElem;
        if (rt.equals(t)) {
            return read;
        }
        if (t == BOOL) {
            return rt.isInt() ? "(" + read + " as bool)" : leaf(t);
        }
        return "(" + read + " as " + t + ")";
    }

    /** A literal or a variable of type {@code t}. */
    private String leaf(Ty t) {
        if (data.remainingBytes() > 0 && data.consumeInt(0, 2) > 0) {
            Var v = varOf(t);
            if (v != null) {
                return v.name();
            }
        }
        return literal(t);
    }

    private String literal(Ty t) {
        if (t == BOOL) {
            return data.consumeBoolean() ? "true" : "false";
        }
        if (t.isParam()) {
            // One literal for every instance: small ints for Num and Int, floats for Float.
            return t.isFloat() ? floatLiteral() : Integer.toString(data.consumeInt(0, 100));
        }
        if (t.isFloat()) {
            return floatLiteral();
        }
        BigInteger min = t.signed() ? BigInteger.ONE.shiftLeft(t.bits() - 1).negate() : BigInteger.ZERO;
        BigInteger max = t.signed() ? BigInteger.ONE.shiftLeft(t.bits() - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(t.bits()).subtract(BigInteger.ONE);
        BigInteger v = switch (data.consumeInt(0, 5)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> BigInteger.ZERO;
            case 3 -> BigInteger.ONE;
            default -> BigInteger.valueOf(data.consumeLong()).mod(max.subtract(min).add(BigInteger.ONE)).add(min);
        };
        return v.signum() < 0 ? "(-" + v.negate() + ")" : v.toString();
    }

    private String floatLiteral() {
        double d = FLOAT_LITERALS[data.consumeInt(0, FLOAT_LITERALS.length - 1)];
        String s = Double.toString(d).replace("E", "e");
        return data.consumeBoolean() ? "(-" + s + ")" : s;
    }

    // ---- types, variables, values

    private Ty someType() {
        Ty p = paramInScope();
        return p != null && data.consumeInt(0, 3) == 0 ? p : pick(SCALARS);
    }

    private Ty someNumericType() {
        Ty p = paramInScope();
        return p != null && data.consumeInt(0, 3) == 0 ? p : someNumericConcrete();
    }

    private Ty someNumericConcrete() {
        Ty t = pick(SCALARS);
        return t == BOOL ? I64 : t;
    }

    /** The type parameter of the function being written, if any (found through its parameters). */
    private Ty paramInScope() {
        for (Var v : env) {
            if (v.type().isParam()) {
                return v.type();
            }
        }
        return retType != null && retType.isParam() ? retType : null;
    }

    private Var varOf(Ty t) {
        List<Var> fit = new ArrayList<>();
        for (Var v : env) {
            if (v.type().equals(t)) {
                fit.add(v);
            }
        }
        return fit.isEmpty() ? null : fit.get(data.consumeInt(0, fit.size() - 1));
    }

    private Var assignable() {
        List<Var> fit = new ArrayList<>();
        for (Var v : env) {
            if (v.assignable()) {
                fit.add(v);
            }
        }
        return fit.isEmpty() ? null : fit.get(data.consumeInt(0, fit.size() - 1));
    }

    private String fresh(String prefix) {
        return prefix + names++;
    }

    private void truncate(int size) {
        while (env.size() > size) {
            env.remove(env.size() - 1);
        }
    }

    private StringBuilder indent(int depth) {
        return out.append("    ".repeat(depth));
    }

    private Ty pick(Ty[] types) {
        return types[data.consumeInt(0, types.length - 1)];
    }

    private static TypeInfo info(Ty t) {
        return t.kind() == 'f' ? TypeInfo.floating(t.bits()) : TypeInfo.integer(t.bits(), t.signed());
    }

    /** An argument value: an edge value or anything. */
    private IrValue value(Ty t) {
        if (t == BOOL) {
            return IrValue.bool(data.consumeBoolean());
        }
        IrType ir = IrType.scalar(t.bits(), t.isFloat());
        long bits = switch (data.consumeInt(0, 6)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> t.isFloat() ? (t.bits() == 32 ? Float.floatToRawIntBits(Float.NaN) : Double.doubleToRawLongBits(Double.NaN))
                    : t.signed() ? 1L << (t.bits() - 1) : 0;
            case 4 -> t.isFloat() ? (t.bits() == 32 ? Float.floatToRawIntBits(2.5f) : Double.doubleToRawLongBits(2.5)) : 7;
            default -> data.consumeLong();
        };
        if (t.isFloat() && t.bits() == 32) {
            bits &= 0xFFFF_FFFFL;
        }
        return IrValue.of(ir, bits);
    }

    private Slice slice() {
        int n = data.consumeInt(0, 6);
        int size = sliceElem.bits() / 8;
        ByteBuffer b = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            long v = data.consumeInt(0, 3) == 0 ? data.consumeLong() : data.consumeInt(-9, 9);
            if (sliceElem.isFloat()) {
                if (size == 4) {
                    b.putFloat((float) v);
                } else {
                    b.putDouble((double) v);
                }
            } else if (size == 1) {
                b.put((byte) v);
            } else if (size == 4) {
                b.putInt((int) v);
            } else {
                b.putLong(v);
            }
        }
        return new Slice(b.array(), n);
    }
}
