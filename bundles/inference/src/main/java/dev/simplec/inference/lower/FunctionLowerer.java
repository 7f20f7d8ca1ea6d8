package dev.simplec.inference.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.inference.check.CheckedFunction;
import dev.simplec.inference.check.LiteralRanges;
import dev.simplec.inference.check.Scope;
import dev.simplec.inference.check.Substitution;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.syntax.Block;
import dev.simplec.inference.syntax.Expr;
import dev.simplec.inference.syntax.ParamDecl;
import dev.simplec.inference.syntax.Stmt;
import dev.simplec.inference.syntax.TypeExpr;
import dev.simplec.inference.syntax.UnaryOp;

/**
 * Lowers one instance of a checked function (its type parameters replaced by concrete types) to
 * IR: one block, values numbered from 0 in evaluation order, parameters first. The body is
 * already well typed, so what can fail here is what depends on the instance (a literal that does
 * not fit the chosen type) or what the IR cannot express yet.
 */
final class FunctionLowerer {
    private final CheckedFunction fn;
    private final Map<String, Type> typeArgs;
    private final String instanceName;
    private final SourceText source;
    private final List<IrInst> insts = new ArrayList<>();
    private int nextValue;

    FunctionLowerer(CheckedFunction fn, Map<String, Type> typeArgs, String instanceName, SourceText source) {
        this.fn = fn;
        this.typeArgs = typeArgs;
        this.instanceName = instanceName;
        this.source = source;
    }

    IrFunction lower() {
        List<IrType> params = new ArrayList<>();
        Scope<Integer> scope = Scope.empty();
        List<ParamDecl> decls = fn.decl().params();
        for (int i = 0; i < decls.size(); i++) {
            Type t = concrete(fn.sig().params().get(i));
            params.add(irType(t, decls.get(i).span(), "parameter " + decls.get(i).name()));
        }
        for (int i = 0; i < decls.size(); i++) {
            scope = scope.with(decls.get(i).name(), emit(IrOp.PARAM, params.get(i), new int[0], i));
        }
        Type retType = concrete(fn.sig().ret());
        IrType ret = null;
        if (!retType.equals(Type.UNIT)) {
            TypeExpr written = fn.decl().ret();
            ret = irType(retType, written != null ? written.span() : fn.decl().nameSpan(), "the result");
        }
        int result = block(fn.decl().body(), scope);
        IrBlock b0 = new IrBlock(insts, new IrTerminator.Ret(ret == null ? IrInst.NO_VALUE : result));
        return new IrFunction(instanceName, params, ret, List.of(b0), nextValue);
    }

    private int block(Block block, Scope<Integer> outer) {
        Scope<Integer> scope = outer;
        for (Stmt s : block.stmts()) {
            if (s instanceof Stmt.Let let) {
                scope = scope.with(let.name(), expr(let.value(), scope));
            } else if (s instanceof Stmt.ExprStmt es) {
                expr(es.expr(), scope);
            }
        }
        Expr tail = block.tail();
        return tail == null ? IrInst.NO_VALUE : expr(tail, scope);
    }

    /** The value number holding {@code e}, or NO_VALUE for unit. */
    private int expr(Expr e, Scope<Integer> scope) {
        Type type = concrete(fn.typeOf(e));
        if (e instanceof Expr.IntLit lit) {
            return intConst(lit.value(), false, type, lit.span());
        } else if (e instanceof Expr.FloatLit lit) {
            return floatConst(lit.text(), false, type, lit.span());
        } else if (e instanceof Expr.BoolLit b) {
            return emit(IrOp.ICONST, IrType.I8, new int[0], b.value() ? 1 : 0);
        } else if (e instanceof Expr.Name n) {
            Integer v = scope.lookup(n.name());
            if (v == null) {
                throw new IllegalStateException("unbound name after checking: " + n.name());
            }
            return v;
        } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
            return negate(u, type, scope);
        } else if (e instanceof Expr.Binary b) {
            int l = expr(b.left(), scope);
            int r = expr(b.right(), scope);
            IrType t = irType(type, b.span(), "this expression");
            IrOp op = switch (b.op()) {
                case ADD -> t.isFloat() ? IrOp.FADD : IrOp.ADD;
                case SUB -> t.isFloat() ? IrOp.FSUB : IrOp.SUB;
                case MUL -> t.isFloat() ? IrOp.FMUL : IrOp.MUL;
                default -> throw new IllegalStateException("operator " + b.op() + " passed the checker");
            };
            return emit(op, t, new int[] {l, r}, 0);
        } else if (e instanceof Expr.Tuple tu && tu.elems().isEmpty()) {
            return IrInst.NO_VALUE;
        } else if (e instanceof Expr.Call c) {
            throw error(ErrorKind.UNSUPPORTED, c.span(),
                    "calls are not supported by the code generator yet (the IR has no call instruction)");
        }
        throw error(ErrorKind.UNSUPPORTED, e.span(), "values of type " + type + " are not supported by the code generator yet");
    }

    /**
     * {@code -literal} is folded into the constant (exact, and how {@code -128i8} fits). Otherwise
     * ints compute {@code 0 - x} (wrapping) and floats {@code -0.0 - x}, which is exact IEEE negation
     * for every non-NaN x, zeros included ({@code 0.0 - 0.0} would give +0.0).
     */
    private int negate(Expr.Unary u, Type type, Scope<Integer> scope) {
        if (u.operand() instanceof Expr.IntLit lit) {
            return intConst(lit.value(), true, type, u.span());
        }
        if (u.operand() instanceof Expr.FloatLit lit) {
            return floatConst(lit.text(), true, type, u.span());
        }
        int x = expr(u.operand(), scope);
        IrType t = irType(type, u.span(), "this expression");
        if (t.isFloat()) {
            int zero = emit(IrOp.FCONST, t, new int[0], floatBits(t, -0.0d, -0.0f));
            return emit(IrOp.FSUB, t, new int[] {zero, x}, 0);
        }
        int zero = emit(IrOp.ICONST, t, new int[0], 0);
        return emit(IrOp.SUB, t, new int[] {zero, x}, 0);
    }

    /** An integer literal; typed by a Num parameter it may be a float in this instance. */
    private int intConst(long value, boolean negated, Type type, Span span) {
        if (type instanceof Type.Int it) {
            String m = LiteralRanges.checkInt(value, negated, it);
            if (m != null) {
                throw error(ErrorKind.TYPE, span, m + " (in " + instanceName + ")");
            }
            return emit(IrOp.ICONST, irType(type, span, "this literal"), new int[0], negated ? -value : value);
        }
        // Decimal text parses with one correct rounding, also for values above Long.MAX_VALUE.
        return floatConst(Long.toUnsignedString(value), negated, type, span);
    }

    private int floatConst(String text, boolean negated, Type type, Span span) {
        if (!(type instanceof Type.Float ft)) {
            throw new IllegalStateException("numeric literal of type " + type + " passed the checker");
        }
        String m = LiteralRanges.checkFloat(text, ft);
        if (m != null) {
            throw error(ErrorKind.TYPE, span, m + " (in " + instanceName + ")");
        }
        IrType t = irType(type, span, "this literal");
        double d = Double.parseDouble(text);
        float f = Float.parseFloat(text);
        return emit(IrOp.FCONST, t, new int[0], floatBits(t, negated ? -d : d, negated ? -f : f));
    }

    /** FCONST's immediate: the raw IEEE bits, an F32's zero-extended. */
    private static long floatBits(IrType t, double d, float f) {
        return t == IrType.F32 ? Float.floatToRawIntBits(f) & 0xFFFF_FFFFL : Double.doubleToRawLongBits(d);
    }

    private int emit(IrOp op, IrType type, int[] args, long imm) {
        int dst = nextValue++;
        insts.add(new IrInst(op, type, dst, args, imm));
        return dst;
    }

    private Type concrete(Type t) {
        return Substitution.apply(t, typeArgs);
    }

    private IrType irType(Type t, Span span, String what) {
        IrType ir = IrTypes.of(t);
        if (ir == null) {
            throw error(ErrorKind.UNSUPPORTED, span, what + " has type " + t
                    + ", which the code generator does not support yet (in " + instanceName + ")");
        }
        return ir;
    }

    private SimplecException error(ErrorKind kind, Span span, String message) {
        return Diagnostics.single(source, kind, span, message);
    }
}
