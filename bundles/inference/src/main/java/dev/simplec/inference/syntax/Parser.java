package dev.simplec.inference.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.diag.Spans;
import dev.simplec.inference.util.Lists;

/**
 * Recursive-descent parser with Pratt-style binary expressions. An explicit depth counter bounds
 * nesting ({@link Limits#MAX_NESTING}), so deep input is a diagnostic, never a stack overflow.
 * After a syntax error the parser skips to the next item and goes on, so one run reports the first
 * error of each function.
 */
public final class Parser {
    private final Tokens tokens;
    private final Diagnostics diags;
    private int pos;
    private int depth;
    /** Inside a condition before a block: {@code x {} } is not a struct literal there. */
    private boolean noStruct;
    /** The id of the next expression node: nodes are numbered in the order they are built. */
    private int exprCount;
    /**
     * Elements of the lists being parsed, innermost last: a list is pushed element by element from
     * a {@link #mark} and made once, at its exact size, by {@link #listFrom} (no growing list and copy
     * per block, call or parameter list).
     */
    private Object[] stack = new Object[32];
    private int sp;

    private Parser(Tokens tokens, Diagnostics diags) {
        // The lexer's own fresh list: closeAngle may split a '>>' token in place.
        this.tokens = tokens;
        this.diags = diags;
    }

    /** Parses a whole module; problems go to {@code diags}, the result holds what parsed cleanly. */
    public static SourceModule parseModule(String source, Diagnostics diags) {
        Parser p = new Parser(Lexer.scan(source, diags), diags);
        return p.module();
    }

    /** Parses input that must be exactly one type (type arguments written as text, tests, tools). */
    public static @Nullable TypeExpr parseType(String source, Diagnostics diags) {
        Parser p = new Parser(Lexer.scan(source, diags), diags);
        try {
            TypeExpr t = p.type();
            p.expect(TokenKind.EOF);
            return t;
        } catch (Bailout e) {
            return null;
        }
    }

    /** Unwinds to the item loop after a reported error; no stack trace, it is control flow. */
    private static class Bailout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bailout() {
            super(null, null, false, false);
        }
    }

    /** Unwinds everything: past the nesting limit nothing else is worth reporting. */
    private static final class TooDeep extends Bailout {
        private static final long serialVersionUID = 1L;
    }

    // ---- items

    private SourceModule module() {
        // Items go on the element stack like any list; after a bailout it is cut back to them.
        int m = mark();
        int count = 0;
        int functions = 0;
        int structs = 0;
        while (kind() != TokenKind.EOF) {
            int start = pos;
            try {
                Item item = item();
                push(item);
                count++;
                boolean fn = item instanceof FnDecl;
                if (fn ? ++functions > Limits.MAX_FUNCTIONS : ++structs > Limits.MAX_STRUCTS) {
                    diags.report(ErrorKind.LIMIT, item.nameSpan(), "too many " + (fn ? "functions" : "structs")
                            + " in one module (the limit is " + (fn ? Limits.MAX_FUNCTIONS : Limits.MAX_STRUCTS) + ")");
                    break;
                }
            } catch (TooDeep e) {
                break;
            } catch (Bailout e) {
                depth = 0;
                sp = m + count;
                skipToNextItem(start);
            }
        }
        sp = m + count;
        return new SourceModule(listFrom(m), exprCount);
    }

    private Item item() {
        int t = pos;
        if (kind(t) == TokenKind.FN) {
            return function();
        }
        if (kind(t) == TokenKind.STRUCT) {
            return struct();
        }
        throw error(span(t), "expected fn or struct, found " + describe(t));
    }

    private StructDecl struct() {
        int kw = expect(TokenKind.STRUCT);
        int name = expect(TokenKind.IDENT);
        List<TypeParamDecl> typeParams = typeParams();
        expect(TokenKind.LBRACE);
        List<StructDecl.FieldDecl> fields = new ArrayList<>();
        while (kind() != TokenKind.RBRACE) {
            int fname = expect(TokenKind.IDENT);
            expect(TokenKind.COLON);
            fields.add(new StructDecl.FieldDecl(text(fname), span(fname), type()));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        int close = expect(TokenKind.RBRACE);
        return new StructDecl(text(name), span(name), typeParams, fields, span(kw).to(span(close)));
    }

    private List<TypeParamDecl> typeParams() {
        if (kind() != TokenKind.LT) {
            return List.of();
        }
        int m = mark();
        advance();
        while (kind() != TokenKind.GT && kind() != TokenKind.SHR) {
            push(typeParam());
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        closeAngle();
        return listFrom(m);
    }

    /** Skips to the next "fn name" (a function item, not a function type), always making progress. */
    private void skipToNextItem(int failedAt) {
        pos = Math.max(pos, failedAt + 1);
        while (kind() != TokenKind.EOF
                && !((kind() == TokenKind.FN || kind() == TokenKind.STRUCT)
                        && kindAt(1) == TokenKind.IDENT)) {
            pos++;
        }
    }

    private FnDecl function() {
        int fn = expect(TokenKind.FN);
        int name = expect(TokenKind.IDENT);
        List<TypeParamDecl> typeParams = typeParams();
        expect(TokenKind.LPAREN);
        int m = mark();
        while (kind() != TokenKind.RPAREN) {
            int pname = expect(TokenKind.IDENT);
            expect(TokenKind.COLON);
            TypeExpr type = type();
            push(new ParamDecl(text(pname), type, span(pname).to(type.span())));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        List<ParamDecl> params = listFrom(m);
        expect(TokenKind.RPAREN);
        TypeExpr ret = null;
        if (accept(TokenKind.ARROW)) {
            ret = type();
        }
        Block body = block(false);
        return new FnDecl(text(name), span(name), typeParams, params, ret, body, span(fn).to(body.span()));
    }

    private TypeParamDecl typeParam() {
        int name = expect(TokenKind.IDENT);
        int m = mark();
        Span span = span(name);
        if (accept(TokenKind.COLON)) {
            do {
                int b = expect(TokenKind.IDENT);
                Span bs = span(b);
                push(new TypeParamDecl.BoundName(text(b), bs));
                span = span.to(bs);
            } while (accept(TokenKind.PLUS));
        }
        return new TypeParamDecl(text(name), listFrom(m), span);
    }

    // ---- types

    private TypeExpr type() {
        int t = pos;
        enter(t);
        try {
            switch (kind(t)) {
                case IDENT -> {
                    advance();
                    List<TypeExpr> args = List.of();
                    Span span = span(t);
                    if (kind() == TokenKind.LT) {
                        advance();
                        int m = mark();
                        while (kind() != TokenKind.GT && kind() != TokenKind.SHR) {
                            push(type());
                            if (!accept(TokenKind.COMMA)) {
                                break;
                            }
                        }
                        args = listFrom(m);
                        span = span.to(closeAngle());
                    }
                    return new TypeExpr.Name(text(t), args, span);
                }
                case LBRACKET -> {
                    advance();
                    TypeExpr elem = type();
                    int close = expect(TokenKind.RBRACKET);
                    return new TypeExpr.Array(elem, span(t).to(span(close)));
                }
                case LPAREN -> {
                    advance();
                    List<TypeExpr> elems = new ArrayList<>();
                    boolean comma = false;
                    while (kind() != TokenKind.RPAREN) {
                        elems.add(type());
                        if (!accept(TokenKind.COMMA)) {
                            break;
                        }
                        comma = true;
                    }
                    int close = expect(TokenKind.RPAREN);
                    // (A) is A in parentheses; (A,) is a one-element tuple.
                    if (elems.size() == 1 && !comma) {
                        return elems.get(0);
                    }
                    return new TypeExpr.Tuple(elems, span(t).to(span(close)));
                }
                case FN -> {
                    advance();
                    expect(TokenKind.LPAREN);
                    List<TypeExpr> params = new ArrayList<>();
                    while (kind() != TokenKind.RPAREN) {
                        params.add(type());
                        if (!accept(TokenKind.COMMA)) {
                            break;
                        }
                    }
                    int close = expect(TokenKind.RPAREN);
                    TypeExpr ret = null;
                    Span span = span(t).to(span(close));
                    if (accept(TokenKind.ARROW)) {
                        ret = type();
                        span = span.to(ret.span());
                    }
                    return new TypeExpr.Fn(params, ret, span);
                }
                default -> throw error(span(t), "expected a type, found " + describe(t));
            }
        } finally {
            depth--;
        }
    }

    /** Consumes a closing '>' of a type argument list; splits '>>' as in {@code Vec<Vec<T>>}. */
    private Span closeAngle() {
        int t = pos;
        if (kind(t) == TokenKind.SHR) {
            Span first = new Span(tokens.start(t), tokens.start(t) + 1);
            tokens.splitShr(t);
            return first;
        }
        return span(expect(TokenKind.GT));
    }

    // ---- blocks and statements

    private Block block() {
        return block(true);
    }

    /** A block; {@code nested} counts towards the nesting limit (a function's own body does not). */
    private Block block(boolean nested) {
        int open = expect(TokenKind.LBRACE);
        if (nested) {
            enter(open);
        }
        boolean savedNoStruct = noStruct;
        noStruct = false;
        try {
            int m = mark();
            while (true) {
                int t = pos;
                switch (kind(t)) {
                    case RBRACE -> {
                        advance();
                        return new Block(listFrom(m), null, Spans.to(pos(open), pos(t)));
                    }
                    case LET, VAR -> push(let());
                    case WHILE -> push(whileStmt());
                    case FOR -> push(forStmt());
                    case RETURN -> push(returnStmt());
                    case BREAK, CONTINUE -> {
                        advance();
                        int semi = expect(TokenKind.SEMI);
                        long span = Spans.to(pos(t), pos(semi));
                        push(kind(t) == TokenKind.BREAK ? new Stmt.Break(span) : new Stmt.Continue(span));
                    }
                    case SEMI -> advance();
                    default -> {
                        // As in Rust, an if or block at the start of a statement ends there: it needs no semicolon.
                        boolean blockLike = kind(t) == TokenKind.IF || kind(t) == TokenKind.LBRACE;
                        Expr e = blockLike ? primary() : expr();
                        int after = pos;
                        if (kind(after) == TokenKind.SEMI) {
                            advance();
                            push(new Stmt.ExprStmt(e, Spans.to(e.pos(), pos(after))));
                        } else if (kind(after) == TokenKind.RBRACE) {
                            advance();
                            return new Block(listFrom(m), e, Spans.to(pos(open), pos(after)));
                        } else if (isAssignment(kind(after)) && !blockLike) {
                            push(assignment(e));
                        } else if (blockLike) {
                            push(new Stmt.ExprStmt(e, e.pos()));
                        } else {
                            throw error(span(after), "expected ; or }, found " + describe(after));
                        }
                    }
                }
            }
        } finally {
            if (nested) {
                depth--;
            }
            noStruct = savedNoStruct;
        }
    }

    private static boolean isAssignment(TokenKind k) {
        return k == TokenKind.EQ || compound(k) != null;
    }

    /** The operator of a compound assignment token ({@code +=} gives ADD), null for others. */
    private static @Nullable BinaryOp compound(TokenKind k) {
        return switch (k) {
            case PLUS_EQ -> BinaryOp.ADD;
            case MINUS_EQ -> BinaryOp.SUB;
            case STAR_EQ -> BinaryOp.MUL;
            case SLASH_EQ -> BinaryOp.DIV;
            case PERCENT_EQ -> BinaryOp.REM;
            case AMP_EQ -> BinaryOp.BIT_AND;
            case PIPE_EQ -> BinaryOp.BIT_OR;
            case CARET_EQ -> BinaryOp.BIT_XOR;
            case SHL_EQ -> BinaryOp.SHL;
            case SHR_EQ -> BinaryOp.SHR;
            default -> null;
        };
    }

    private Stmt assignment(Expr target) {
        int op = advance();
        Expr value = expr();
        int semi = expect(TokenKind.SEMI);
        return new Stmt.Assign(target, compound(kind(op)), value, pos(op), Spans.to(target.pos(), pos(semi)));
    }

    private Stmt let() {
        int let = advance();
        int name = expect(TokenKind.IDENT);
        TypeExpr type = null;
        if (accept(TokenKind.COLON)) {
            type = type();
        }
        expect(TokenKind.EQ);
        Expr value = expr();
        int semi = expect(TokenKind.SEMI);
        return new Stmt.Let(text(name), pos(name), type, value, kind(let) == TokenKind.VAR, Spans.to(pos(let), pos(semi)));
    }

    private Stmt whileStmt() {
        int kw = expect(TokenKind.WHILE);
        Expr cond = condition();
        Block body = block();
        return new Stmt.While(cond, body, Spans.to(pos(kw), body.pos()));
    }

    private Stmt forStmt() {
        int kw = expect(TokenKind.FOR);
        int name = expect(TokenKind.IDENT);
        expect(TokenKind.IN);
        Expr from = condition();
        if (accept(TokenKind.DOTDOT)) {
            Expr to = condition();
            Block body = block();
            return new Stmt.ForRange(text(name), pos(name), from, to, body, Spans.to(pos(kw), body.pos()));
        }
        Block body = block();
        return new Stmt.ForEach(text(name), pos(name), from, body, Spans.to(pos(kw), body.pos()));
    }

    private Stmt returnStmt() {
        int kw = expect(TokenKind.RETURN);
        if (kind() == TokenKind.SEMI) {
            return new Stmt.Return(null, Spans.to(pos(kw), pos(advance())));
        }
        Expr value = expr();
        int semi = expect(TokenKind.SEMI);
        return new Stmt.Return(value, Spans.to(pos(kw), pos(semi)));
    }

    /** An expression before a block ({@code if c {}}, {@code while c {}}): no struct literals, as in Rust. */
    private Expr condition() {
        boolean saved = noStruct;
        noStruct = true;
        try {
            return expr();
        } finally {
            noStruct = saved;
        }
    }

    // ---- expressions

    private Expr expr() {
        enter(pos);
        try {
            return binary(1);
        } finally {
            depth--;
        }
    }

    /** {@code as} binds tighter than every binary operator, looser than unary ones (Rust's table). */
    private static final int CAST_PRECEDENCE = 10;

    /** Pratt loop: operators of at least {@code minPrec}, left-associative. */
    private Expr binary(int minPrec) {
        Expr left = unary();
        int entered = 0;
        try {
            while (true) {
                if (kind() == TokenKind.AS && CAST_PRECEDENCE >= minPrec) {
                    int as = advance();
                    enter(as);
                    entered++;
                    TypeExpr type = type();
                    left = new Expr.Cast(left, type, Spans.to(left.pos(), Spans.of(type.span())), nextId());
                    continue;
                }
                BinaryOp op = BinaryOp.of(kind());
                if (op == null || op.precedence() < minPrec) {
                    return left;
                }
                int opTok = advance();
                // A left-deep chain a + b + c + ... nests the tree as deeply as parentheses would.
                enter(opTok);
                entered++;
                Expr right = binary(op.precedence() + 1);
                BinaryOp next = BinaryOp.of(kind());
                if (op.isComparison() && next != null && next.isComparison()) {
                    throw error(span(pos), "comparison operators cannot be chained");
                }
                left = new Expr.Binary(op, left, right, pos(opTok), Spans.to(left.pos(), right.pos()), nextId());
            }
        } finally {
            depth -= entered;
        }
    }

    private Expr unary() {
        int t = pos;
        UnaryOp op = kind(t) == TokenKind.MINUS ? UnaryOp.NEG : kind(t) == TokenKind.BANG ? UnaryOp.NOT : null;
        if (op == null) {
            return postfix();
        }
        advance();
        enter(t);
        try {
            Expr operand = unary();
            return new Expr.Unary(op, operand, Spans.to(pos(t), operand.pos()), nextId());
        } finally {
            depth--;
        }
    }

    private Expr postfix() {
        Expr e = primary();
        int entered = 0;
        boolean saved = noStruct;
        try {
            while (true) {
                int t = pos;
                switch (kind(t)) {
                    case LPAREN -> {
                        advance();
                        enter(t);
                        entered++;
                        noStruct = false;
                        int m = mark();
                        while (kind() != TokenKind.RPAREN) {
                            push(expr());
                            if (!accept(TokenKind.COMMA)) {
                                break;
                            }
                        }
                        List<Expr> args = listFrom(m);
                        int close = expect(TokenKind.RPAREN);
                        noStruct = saved;
                        e = new Expr.Call(e, args, Spans.to(e.pos(), pos(close)), nextId());
                    }
                    case LBRACKET -> {
                        advance();
                        enter(t);
                        entered++;
                        noStruct = false;
                        Expr index = expr();
                        int close = expect(TokenKind.RBRACKET);
                        noStruct = saved;
                        e = new Expr.Index(e, index, Spans.to(e.pos(), pos(close)), nextId());
                    }
                    case DOT -> {
                        advance();
                        enter(t);
                        entered++;
                        e = member(e);
                    }
                    default -> {
                        return e;
                    }
                }
            }
        } finally {
            depth -= entered;
            noStruct = saved;
        }
    }

    /** After a dot: a field name, a tuple index, or two tuple indexes lexed as one float ({@code t.0.1}). */
    private Expr member(Expr target) {
        int t = advance();
        switch (kind(t)) {
            case IDENT -> {
                long name = pos(t);
                return new Expr.Field(target, text(t), name, Spans.to(target.pos(), name), nextId());
            }
            case INT -> {
                long index = pos(t);
                return new Expr.TupleField(target, tupleIndex(text(t), index), index, Spans.to(target.pos(), index), nextId());
            }
            case FLOAT -> {
                int dot = text(t).indexOf('.');
                if (dot > 0 && text(t).chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
                    long first = Spans.of(tokens.start(t), tokens.start(t) + dot);
                    long second = Spans.of(tokens.start(t) + dot + 1, tokens.end(t));
                    Expr inner = new Expr.TupleField(target, tupleIndex(text(t).substring(0, dot), first), first,
                            Spans.to(target.pos(), first), nextId());
                    return new Expr.TupleField(inner, tupleIndex(text(t).substring(dot + 1), second), second,
                            Spans.to(target.pos(), second), nextId());
                }
                throw error(span(t), "expected a field name or tuple index after '.', found " + describe(t));
            }
            default -> throw error(span(t), "expected a field name or tuple index after '.', found " + describe(t));
        }
    }

    private int tupleIndex(String text, long span) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 4) {
            throw error(Spans.span(span), "tuple index " + text + " must be a small decimal number");
        }
        return Integer.parseInt(text);
    }

    private Expr primary() {
        int t = pos;
        switch (kind(t)) {
            case INT -> {
                advance();
                return new Expr.IntLit(intValue(t), text(t), pos(t), nextId());
            }
            case FLOAT -> {
                advance();
                return new Expr.FloatLit(text(t).replace("_", ""), pos(t), nextId());
            }
            case TRUE, FALSE -> {
                advance();
                return new Expr.BoolLit(kind(t) == TokenKind.TRUE, pos(t), nextId());
            }
            case TEXT -> {
                advance();
                return new Expr.TextLit(text(t), pos(t), nextId());
            }
            case IDENT -> {
                if (noStruct && kindAt(1) == TokenKind.LBRACE && kindAt(2) == TokenKind.IDENT
                        && kindAt(3) == TokenKind.COLON) {
                    throw error(span(t).to(span(at(3))), "a struct literal cannot stand right before a block;"
                            + " put it in parentheses");
                }
                if (!noStruct && kindAt(1) == TokenKind.LBRACE && (kindAt(2) == TokenKind.RBRACE
                        || (kindAt(2) == TokenKind.IDENT && kindAt(3) == TokenKind.COLON))) {
                    return structLiteral();
                }
                advance();
                return new Expr.Name(text(t), pos(t), nextId());
            }
            case LPAREN -> {
                advance();
                boolean saved = noStruct;
                noStruct = false;
                try {
                    if (kind() == TokenKind.RPAREN) {
                        return new Expr.Tuple(List.of(), Spans.to(pos(t), pos(advance())), nextId());
                    }
                    Expr first = expr();
                    if (kind() != TokenKind.COMMA) {
                        expect(TokenKind.RPAREN);
                        return first;
                    }
                    List<Expr> elems = new ArrayList<>();
                    elems.add(first);
                    while (accept(TokenKind.COMMA) && kind() != TokenKind.RPAREN) {
                        elems.add(expr());
                    }
                    int close = expect(TokenKind.RPAREN);
                    return new Expr.Tuple(elems, Spans.to(pos(t), pos(close)), nextId());
                } finally {
                    noStruct = saved;
                }
            }
            case IF -> {
                return ifExpr();
            }
            case LBRACE -> {
                Block b = block();
                return new Expr.BlockExpr(b, b.pos(), nextId());
            }
            default -> throw error(span(t), "expected an expression, found " + describe(t));
        }
    }

    private Expr ifExpr() {
        int kw = expect(TokenKind.IF);
        enter(kw);
        try {
            Expr cond = condition();
            Block then = block();
            Expr otherwise = null;
            long span = Spans.to(pos(kw), then.pos());
            if (accept(TokenKind.ELSE)) {
                if (kind() == TokenKind.IF) {
                    otherwise = ifExpr();
                } else {
                    Block b = block();
                    otherwise = new Expr.BlockExpr(b, b.pos(), nextId());
                }
                span = Spans.to(span, otherwise.pos());
            }
            return new Expr.If(cond, then, otherwise, span, nextId());
        } finally {
            depth--;
        }
    }

    private Expr structLiteral() {
        int name = expect(TokenKind.IDENT);
        expect(TokenKind.LBRACE);
        List<Expr.FieldInit> fields = new ArrayList<>();
        while (kind() != TokenKind.RBRACE) {
            int fname = expect(TokenKind.IDENT);
            expect(TokenKind.COLON);
            fields.add(new Expr.FieldInit(text(fname), span(fname), expr()));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        int close = expect(TokenKind.RBRACE);
        long nameSpan = pos(name);
        return new Expr.StructLit(text(name), nameSpan, fields, Spans.to(nameSpan, pos(close)), nextId());
    }

    /** The literal's 64 bits; anything above u64's range is an error here, where the text is. */
    private long intValue(int t) {
        String text = text(t);
        if (text.length() <= 18) {
            // Plain decimal digits, the usual literal: no copy and no parse call (18 digits cannot overflow).
            long v = 0;
            int i = 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
            }
            if (i == text.length()) {
                return v;
            }
        }
        String digits = text.replace("_", "");
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0b")) {
            radix = digits.charAt(1) == 'x' ? 16 : 2;
            digits = digits.substring(2);
        }
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw error(span(t), "integer literal " + text(t) + " is too large (the largest is 18446744073709551615)");
        }
    }

    private int mark() {
        return sp;
    }

    private void push(Object element) {
        if (sp == stack.length) {
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = element;
    }

    /** The elements pushed since {@code mark}, popped as an immutable list. */
    @SuppressWarnings("unchecked")
    private <T> List<T> listFrom(int mark) {
        List<T> list = (List<T>) Lists.copyOf(stack, mark, sp - mark);
        sp = mark;
        return list;
    }

    /** A fresh expression id. */
    private int nextId() {
        return exprCount++;
    }

    // ---- token helpers

    /** One level deeper, at token {@code at}; past the limit, a diagnostic there and no further parsing. */
    private void enter(int at) {
        if (++depth > Limits.MAX_NESTING) {
            diags.report(ErrorKind.LIMIT, span(at), "nesting too deep (the limit is " + Limits.MAX_NESTING + " levels)");
            throw new TooDeep();
        }
    }

    /** The kind of the current token. */
    private TokenKind kind() {
        return tokens.kind(pos);
    }

    private TokenKind kind(int t) {
        return tokens.kind(t);
    }

    /** The kind of the token {@code ahead} places after the current one (EOF past the end). */
    private TokenKind kindAt(int ahead) {
        return tokens.kind(at(ahead));
    }

    private int at(int ahead) {
        return Math.min(pos + ahead, tokens.size() - 1);
    }

    private Span span(int t) {
        return tokens.span(t);
    }

    /** Token {@code t}'s span, packed ({@link Spans}). */
    private long pos(int t) {
        return Spans.of(tokens.start(t), tokens.end(t));
    }

    private String text(int t) {
        return tokens.text(t);
    }

    private String describe(int t) {
        return tokens.describe(t);
    }

    /** Moves past the current token (never past EOF); returns its index. */
    private int advance() {
        int t = pos;
        if (kind(t) != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean accept(TokenKind kind) {
        if (kind() == kind) {
            advance();
            return true;
        }
        return false;
    }

    private int expect(TokenKind kind) {
        int t = pos;
        if (kind(t) != kind) {
            throw error(span(t), "expected " + kind.describe() + ", found " + describe(t));
        }
        return advance();
    }

    private Bailout error(Span span, String message) {
        diags.report(ErrorKind.SYNTAX, span, message);
        return new Bailout();
    }

    private Bailout unsupported(Span span, String message) {
        diags.report(ErrorKind.UNSUPPORTED, span, message);
        return new Bailout();
    }
}
