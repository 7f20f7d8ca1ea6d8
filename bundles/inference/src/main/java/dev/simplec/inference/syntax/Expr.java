package dev.simplec.inference.syntax;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.inference.diag.Span;
import dev.simplec.inference.diag.Spans;

/**
 * Expressions. Parentheses leave no node: {@code (e)} is {@code e} (its span stays that of {@code e}).
 * Every node has an {@code id}, numbered from 0 in parse order across the module ({@link
 * SourceModule#exprCount}), so that the checker can keep per-node facts in arrays rather than maps.
 *
 * <p>A class, not an interface of records: {@link #id} and {@link #pos} are fields of the base,
 * read directly. As interface methods they were a dispatch over fifteen record classes on every
 * read, and the checker and the lowering read them for nearly every node. Nodes compare by identity.
 */
public abstract sealed class Expr {
    private final long pos;
    private final int id;

    Expr(long pos, int id) {
        this.pos = pos;
        this.id = id;
    }

    /** Where the node is, packed ({@link Spans}). */
    public final long pos() {
        return pos;
    }

    public final Span span() {
        return Spans.span(pos);
    }

    /** This node's number in its module, {@code 0 <= id < exprCount}. */
    public final int id() {
        return id;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "#" + id + "@" + span();
    }

    /** An integer literal; {@code value} holds its 64 bits, read as unsigned. */
    public static final class IntLit extends Expr {
        private final long value;
        private final String text;

        public IntLit(long value, String text, long pos, int id) {
            super(pos, id);
            this.value = value;
            this.text = text;
        }

        public long value() {
            return value;
        }

        public String text() {
            return text;
        }
    }

    /** A float literal, kept as text: it is parsed per target type so that f32 is rounded once. */
    public static final class FloatLit extends Expr {
        private final String text;

        public FloatLit(String text, long pos, int id) {
            super(pos, id);
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static final class BoolLit extends Expr {
        private final boolean value;

        public BoolLit(boolean value, long pos, int id) {
            super(pos, id);
            this.value = value;
        }

        public boolean value() {
            return value;
        }
    }

    /** A text literal with escapes resolved. */
    public static final class TextLit extends Expr {
        private final String value;

        public TextLit(String value, long pos, int id) {
            super(pos, id);
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** A variable or function name. */
    public static final class Name extends Expr {
        private final String name;

        public Name(String name, long pos, int id) {
            super(pos, id);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    public static final class Unary extends Expr {
        private final UnaryOp op;
        private final Expr operand;

        public Unary(UnaryOp op, Expr operand, long pos, int id) {
            super(pos, id);
            this.op = op;
            this.operand = operand;
        }

        public UnaryOp op() {
            return op;
        }

        public Expr operand() {
            return operand;
        }
    }

    /** {@code opSpan} is the operator token, {@code span} the whole expression. */
    public static final class Binary extends Expr {
        private final BinaryOp op;
        private final Expr left;
        private final Expr right;
        private final long opPos;

        public Binary(BinaryOp op, Expr left, Expr right, long opPos, long pos, int id) {
            super(pos, id);
            this.op = op;
            this.left = left;
            this.right = right;
            this.opPos = opPos;
        }

        public BinaryOp op() {
            return op;
        }

        public Expr left() {
            return left;
        }

        public Expr right() {
            return right;
        }

        public long opPos() {
            return opPos;
        }

        public Span opSpan() {
            return Spans.span(opPos);
        }
    }

    /** {@code f(a, b)}: a module function, a builtin, or a value of function type. */
    public static final class Call extends Expr {
        private final Expr callee;
        private final List<Expr> args;

        public Call(Expr callee, List<Expr> args, long pos, int id) {
            super(pos, id);
            this.callee = callee;
            this.args = List.copyOf(args);
        }

        public Expr callee() {
            return callee;
        }

        public List<Expr> args() {
            return args;
        }
    }

    /** {@code (a, b)}; {@code ()} is the unit value. */
    public static final class Tuple extends Expr {
        private final List<Expr> elems;

        public Tuple(List<Expr> elems, long pos, int id) {
            super(pos, id);
            this.elems = List.copyOf(elems);
        }

        public List<Expr> elems() {
            return elems;
        }
    }

    /** {@code if c { } else { }}; {@code otherwise} is a {@link BlockExpr} or another {@link If}, or null. */
    public static final class If extends Expr {
        private final Expr cond;
        private final Block then;
        private final @Nullable Expr otherwise;

        public If(Expr cond, Block then, @Nullable Expr otherwise, long pos, int id) {
            super(pos, id);
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        public Expr cond() {
            return cond;
        }

        public Block then() {
            return then;
        }

        public @Nullable Expr otherwise() {
            return otherwise;
        }
    }

    /** A block used as an expression: {@code { let x = 1; x + 1 }}. */
    public static final class BlockExpr extends Expr {
        private final Block block;

        public BlockExpr(Block block, long pos, int id) {
            super(pos, id);
            this.block = block;
        }

        public Block block() {
            return block;
        }
    }

    /** {@code xs[i]}: a slice element, a byte of text, or a SIMD lane. */
    public static final class Index extends Expr {
        private final Expr target;
        private final Expr index;

        public Index(Expr target, Expr index, long pos, int id) {
            super(pos, id);
            this.target = target;
            this.index = index;
        }

        public Expr target() {
            return target;
        }

        public Expr index() {
            return index;
        }
    }

    /** {@code p.f}: a struct field. */
    public static final class Field extends Expr {
        private final Expr target;
        private final String name;
        private final long namePos;

        public Field(Expr target, String name, long namePos, long pos, int id) {
            super(pos, id);
            this.target = target;
            this.name = name;
            this.namePos = namePos;
        }

        public Expr target() {
            return target;
        }

        public String name() {
            return name;
        }

        public long namePos() {
            return namePos;
        }

        public Span nameSpan() {
            return Spans.span(namePos);
        }
    }

    /** {@code t.0}: a tuple element. */
    public static final class TupleField extends Expr {
        private final Expr target;
        private final int index;
        private final long indexPos;

        public TupleField(Expr target, int index, long indexPos, long pos, int id) {
            super(pos, id);
            this.target = target;
            this.index = index;
            this.indexPos = indexPos;
        }

        public Expr target() {
            return target;
        }

        public int index() {
            return index;
        }

        public long indexPos() {
            return indexPos;
        }

        public Span indexSpan() {
            return Spans.span(indexPos);
        }
    }

    /** {@code Point { x: 1, y: 2 }}. */
    public static final class StructLit extends Expr {
        private final String name;
        private final long namePos;
        private final List<FieldInit> fields;

        public StructLit(String name, long namePos, List<FieldInit> fields, long pos, int id) {
            super(pos, id);
            this.name = name;
            this.namePos = namePos;
            this.fields = List.copyOf(fields);
        }

        public String name() {
            return name;
        }

        public long namePos() {
            return namePos;
        }

        public List<FieldInit> fields() {
            return fields;
        }

        public Span nameSpan() {
            return Spans.span(namePos);
        }
    }

    /** One {@code name: value} of a struct literal. */
    public record FieldInit(String name, Span nameSpan, Expr value) {
    }

    /** {@code e as T}. */
    public static final class Cast extends Expr {
        private final Expr value;
        private final TypeExpr type;

        public Cast(Expr value, TypeExpr type, long pos, int id) {
            super(pos, id);
            this.value = value;
            this.type = type;
        }

        public Expr value() {
            return value;
        }

        public TypeExpr type() {
            return type;
        }
    }
}
