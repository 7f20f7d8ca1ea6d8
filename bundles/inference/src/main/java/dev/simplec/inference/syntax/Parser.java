package dev.simplec.inference.syntax;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Span;

/**
 * Recursive-descent parser with Pratt-style binary expressions. An explicit depth counter bounds
 * nesting ({@link Limits#MAX_NESTING}), so deep input is a diagnostic, never a stack overflow.
 * After a syntax error the parser skips to the next item and goes on, so one run reports the first
 * error of each function.
 */
public final class Parser {
    private final List<Token> tokens;
    private final Diagnostics diags;
    private int pos;
    private int depth;
    /** Inside a condition before a block: {@code x {} } is not a struct literal there. */
    private boolean noStruct;

    private Parser(List<Token> tokens, Diagnostics diags) {
        // The lexer's own fresh list: closeAngle may split a '>>' token in place.
        this.tokens = tokens;
        this.diags = diags;
    }

    /** Parses a whole module; problems go to {@code diags}, the result holds what parsed cleanly. */
    public static SourceModule parseModule(String source, Diagnostics diags) {
        Parser p = new Parser(Lexer.tokenize(source, diags), diags);
        return p.module();
    }

    /** Parses input that must be exactly one type (type arguments written as text, tests, tools). */
    public static @Nullable TypeExpr parseType(String source, Diagnostics diags) {
        Parser p = new Parser(Lexer.tokenize(source, diags), diags);
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
        List<Item> items = new ArrayList<>();
        while (peek().kind() != TokenKind.EOF) {
            int start = pos;
            try {
                items.add(item());
            } catch (TooDeep e) {
                break;
            } catch (Bailout e) {
                depth = 0;
                skipToNextItem(start);
            }
        }
        return new SourceModule(items);
    }

    private Item item() {
        Token t = peek();
        if (t.kind() == TokenKind.FN) {
            return function();
        }
        if (t.kind() == TokenKind.STRUCT) {
            return struct();
        }
        throw error(t.span(), "expected fn or struct, found " + t.describe());
    }

    private StructDecl struct() {
        Token kw = expect(TokenKind.STRUCT);
        Token name = expect(TokenKind.IDENT);
        List<TypeParamDecl> typeParams = typeParams();
        expect(TokenKind.LBRACE);
        List<StructDecl.FieldDecl> fields = new ArrayList<>();
        while (peek().kind() != TokenKind.RBRACE) {
            Token fname = expect(TokenKind.IDENT);
            expect(TokenKind.COLON);
            fields.add(new StructDecl.FieldDecl(fname.text(), fname.span(), type()));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        Token close = expect(TokenKind.RBRACE);
        return new StructDecl(name.text(), name.span(), typeParams, fields, kw.span().to(close.span()));
    }

    private List<TypeParamDecl> typeParams() {
        List<TypeParamDecl> typeParams = new ArrayList<>();
        if (peek().kind() == TokenKind.LT) {
            advance();
            while (peek().kind() != TokenKind.GT && peek().kind() != TokenKind.SHR) {
                typeParams.add(typeParam());
                if (!accept(TokenKind.COMMA)) {
                    break;
                }
            }
            closeAngle();
        }
        return typeParams;
    }

    /** Skips to the next "fn name" (a function item, not a function type), always making progress. */
    private void skipToNextItem(int failedAt) {
        pos = Math.max(pos, failedAt + 1);
        while (peek().kind() != TokenKind.EOF
                && !((peek().kind() == TokenKind.FN || peek().kind() == TokenKind.STRUCT)
                        && peekAt(1).kind() == TokenKind.IDENT)) {
            pos++;
        }
    }

    private FnDecl function() {
        Token fn = expect(TokenKind.FN);
        Token name = expect(TokenKind.IDENT);
        List<TypeParamDecl> typeParams = typeParams();
        expect(TokenKind.LPAREN);
        List<ParamDecl> params = new ArrayList<>();
        while (peek().kind() != TokenKind.RPAREN) {
            Token pname = expect(TokenKind.IDENT);
            expect(TokenKind.COLON);
            TypeExpr type = type();
            params.add(new ParamDecl(pname.text(), type, pname.span().to(type.span())));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        expect(TokenKind.RPAREN);
        TypeExpr ret = null;
        if (accept(TokenKind.ARROW)) {
            ret = type();
        }
        Block body = block(false);
        return new FnDecl(name.text(), name.span(), typeParams, params, ret, body, fn.span().to(body.span()));
    }

    private TypeParamDecl typeParam() {
        Token name = expect(TokenKind.IDENT);
        List<TypeParamDecl.BoundName> bounds = new ArrayList<>();
        Span span = name.span();
        if (accept(TokenKind.COLON)) {
            do {
                Token b = expect(TokenKind.IDENT);
                bounds.add(new TypeParamDecl.BoundName(b.text(), b.span()));
                span = span.to(b.span());
            } while (accept(TokenKind.PLUS));
        }
        return new TypeParamDecl(name.text(), bounds, span);
    }

    // ---- types

    private TypeExpr type() {
        Token t = peek();
        enter(t.span());
        try {
            switch (t.kind()) {
                case IDENT -> {
                    advance();
                    List<TypeExpr> args = new ArrayList<>();
                    Span span = t.span();
                    if (peek().kind() == TokenKind.LT) {
                        advance();
                        while (peek().kind() != TokenKind.GT && peek().kind() != TokenKind.SHR) {
                            args.add(type());
                            if (!accept(TokenKind.COMMA)) {
                                break;
                            }
                        }
                        span = span.to(closeAngle());
                    }
                    return new TypeExpr.Name(t.text(), args, span);
                }
                case LBRACKET -> {
                    advance();
                    TypeExpr elem = type();
                    Token close = expect(TokenKind.RBRACKET);
                    return new TypeExpr.Array(elem, t.span().to(close.span()));
                }
                case LPAREN -> {
                    advance();
                    List<TypeExpr> elems = new ArrayList<>();
                    boolean comma = false;
                    while (peek().kind() != TokenKind.RPAREN) {
                        elems.add(type());
                        if (!accept(TokenKind.COMMA)) {
                            break;
                        }
                        comma = true;
                    }
                    Token close = expect(TokenKind.RPAREN);
                    // (A) is A in parentheses; (A,) is a one-element tuple.
                    if (elems.size() == 1 && !comma) {
                        return elems.get(0);
                    }
                    return new TypeExpr.Tuple(elems, t.span().to(close.span()));
                }
                case FN -> {
                    advance();
                    expect(TokenKind.LPAREN);
                    List<TypeExpr> params = new ArrayList<>();
                    while (peek().kind() != TokenKind.RPAREN) {
                        params.add(type());
                        if (!accept(TokenKind.COMMA)) {
                            break;
                        }
                    }
                    Token close = expect(TokenKind.RPAREN);
                    TypeExpr ret = null;
                    Span span = t.span().to(close.span());
                    if (accept(TokenKind.ARROW)) {
                        ret = type();
                        span = span.to(ret.span());
                    }
                    return new TypeExpr.Fn(params, ret, span);
                }
                default -> throw error(t.span(), "expected a type, found " + t.describe());
            }
        } finally {
            depth--;
        }
    }

    /** Consumes a closing '>' of a type argument list; splits '>>' as in {@code Vec<Vec<T>>}. */
    private Span closeAngle() {
        Token t = peek();
        if (t.kind() == TokenKind.SHR) {
            Span first = new Span(t.span().start(), t.span().start() + 1);
            tokens.set(pos, new Token(TokenKind.GT, ">", new Span(first.end(), t.span().end())));
            return first;
        }
        return expect(TokenKind.GT).span();
    }

    // ---- blocks and statements

    private Block block() {
        return block(true);
    }

    /** A block; {@code nested} counts towards the nesting limit (a function's own body does not). */
    private Block block(boolean nested) {
        Token open = expect(TokenKind.LBRACE);
        if (nested) {
            enter(open.span());
        }
        boolean savedNoStruct = noStruct;
        noStruct = false;
        try {
            List<Stmt> stmts = new ArrayList<>();
            while (true) {
                Token t = peek();
                switch (t.kind()) {
                    case RBRACE -> {
                        advance();
                        return new Block(stmts, null, open.span().to(t.span()));
                    }
                    case LET, VAR -> stmts.add(let());
                    case WHILE -> stmts.add(whileStmt());
                    case FOR -> stmts.add(forStmt());
                    case RETURN -> stmts.add(returnStmt());
                    case BREAK, CONTINUE -> {
                        advance();
                        Token semi = expect(TokenKind.SEMI);
                        Span span = t.span().to(semi.span());
                        stmts.add(t.kind() == TokenKind.BREAK ? new Stmt.Break(span) : new Stmt.Continue(span));
                    }
                    case SEMI -> advance();
                    default -> {
                        // As in Rust, an if or block at the start of a statement ends there: it needs no semicolon.
                        boolean blockLike = t.kind() == TokenKind.IF || t.kind() == TokenKind.LBRACE;
                        Expr e = blockLike ? primary() : expr();
                        Token after = peek();
                        if (after.kind() == TokenKind.SEMI) {
                            advance();
                            stmts.add(new Stmt.ExprStmt(e, e.span().to(after.span())));
                        } else if (after.kind() == TokenKind.RBRACE) {
                            advance();
                            return new Block(stmts, e, open.span().to(after.span()));
                        } else if (isAssignment(after.kind()) && !blockLike) {
                            stmts.add(assignment(e));
                        } else if (blockLike) {
                            stmts.add(new Stmt.ExprStmt(e, e.span()));
                        } else {
                            throw error(after.span(), "expected ; or }, found " + after.describe());
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
        Token op = advance();
        Expr value = expr();
        Token semi = expect(TokenKind.SEMI);
        return new Stmt.Assign(target, compound(op.kind()), value, op.span(), target.span().to(semi.span()));
    }

    private Stmt let() {
        Token let = advance();
        Token name = expect(TokenKind.IDENT);
        TypeExpr type = null;
        if (accept(TokenKind.COLON)) {
            type = type();
        }
        expect(TokenKind.EQ);
        Expr value = expr();
        Token semi = expect(TokenKind.SEMI);
        return new Stmt.Let(name.text(), name.span(), type, value, let.kind() == TokenKind.VAR, let.span().to(semi.span()));
    }

    private Stmt whileStmt() {
        Token kw = expect(TokenKind.WHILE);
        Expr cond = condition();
        Block body = block();
        return new Stmt.While(cond, body, kw.span().to(body.span()));
    }

    private Stmt forStmt() {
        Token kw = expect(TokenKind.FOR);
        Token name = expect(TokenKind.IDENT);
        expect(TokenKind.IN);
        Expr from = condition();
        if (accept(TokenKind.DOTDOT)) {
            Expr to = condition();
            Block body = block();
            return new Stmt.ForRange(name.text(), name.span(), from, to, body, kw.span().to(body.span()));
        }
        Block body = block();
        return new Stmt.ForEach(name.text(), name.span(), from, body, kw.span().to(body.span()));
    }

    private Stmt returnStmt() {
        Token kw = expect(TokenKind.RETURN);
        if (peek().kind() == TokenKind.SEMI) {
            return new Stmt.Return(null, kw.span().to(advance().span()));
        }
        Expr value = expr();
        Token semi = expect(TokenKind.SEMI);
        return new Stmt.Return(value, kw.span().to(semi.span()));
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
        enter(peek().span());
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
                if (peek().kind() == TokenKind.AS && CAST_PRECEDENCE >= minPrec) {
                    Token as = advance();
                    enter(as.span());
                    entered++;
                    TypeExpr type = type();
                    left = new Expr.Cast(left, type, left.span().to(type.span()));
                    continue;
                }
                BinaryOp op = BinaryOp.of(peek().kind());
                if (op == null || op.precedence() < minPrec) {
                    return left;
                }
                Token opTok = advance();
                // A left-deep chain a + b + c + ... nests the tree as deeply as parentheses would.
                enter(opTok.span());
                entered++;
                Expr right = binary(op.precedence() + 1);
                BinaryOp next = BinaryOp.of(peek().kind());
                if (op.isComparison() && next != null && next.isComparison()) {
                    throw error(peek().span(), "comparison operators cannot be chained");
                }
                left = new Expr.Binary(op, left, right, opTok.span(), left.span().to(right.span()));
            }
        } finally {
            depth -= entered;
        }
    }

    private Expr unary() {
        Token t = peek();
        UnaryOp op = t.kind() == TokenKind.MINUS ? UnaryOp.NEG : t.kind() == TokenKind.BANG ? UnaryOp.NOT : null;
        if (op == null) {
            return postfix();
        }
        advance();
        enter(t.span());
        try {
            Expr operand = unary();
            return new Expr.Unary(op, operand, t.span().to(operand.span()));
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
                Token t = peek();
                switch (t.kind()) {
                    case LPAREN -> {
                        advance();
                        enter(t.span());
                        entered++;
                        noStruct = false;
                        List<Expr> args = new ArrayList<>();
                        while (peek().kind() != TokenKind.RPAREN) {
                            args.add(expr());
                            if (!accept(TokenKind.COMMA)) {
                                break;
                            }
                        }
                        Token close = expect(TokenKind.RPAREN);
                        noStruct = saved;
                        e = new Expr.Call(e, args, e.span().to(close.span()));
                    }
                    case LBRACKET -> {
                        advance();
                        enter(t.span());
                        entered++;
                        noStruct = false;
                        Expr index = expr();
                        Token close = expect(TokenKind.RBRACKET);
                        noStruct = saved;
                        e = new Expr.Index(e, index, e.span().to(close.span()));
                    }
                    case DOT -> {
                        advance();
                        enter(t.span());
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
        Token t = advance();
        switch (t.kind()) {
            case IDENT -> {
                return new Expr.Field(target, t.text(), t.span(), target.span().to(t.span()));
            }
            case INT -> {
                return new Expr.TupleField(target, tupleIndex(t.text(), t.span()), t.span(), target.span().to(t.span()));
            }
            case FLOAT -> {
                int dot = t.text().indexOf('.');
                if (dot > 0 && t.text().chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
                    Span first = new Span(t.span().start(), t.span().start() + dot);
                    Span second = new Span(first.end() + 1, t.span().end());
                    Expr inner = new Expr.TupleField(target, tupleIndex(t.text().substring(0, dot), first), first,
                            target.span().to(first));
                    return new Expr.TupleField(inner, tupleIndex(t.text().substring(dot + 1), second), second,
                            target.span().to(second));
                }
                throw error(t.span(), "expected a field name or tuple index after '.', found " + t.describe());
            }
            default -> throw error(t.span(), "expected a field name or tuple index after '.', found " + t.describe());
        }
    }

    private int tupleIndex(String text, Span span) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 4) {
            throw error(span, "tuple index " + text + " must be a small decimal number");
        }
        return Integer.parseInt(text);
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case INT -> {
                advance();
                return new Expr.IntLit(intValue(t), t.text(), t.span());
            }
            case FLOAT -> {
                advance();
                return new Expr.FloatLit(t.text().replace("_", ""), t.span());
            }
            case TRUE, FALSE -> {
                advance();
                return new Expr.BoolLit(t.kind() == TokenKind.TRUE, t.span());
            }
            case TEXT -> {
                advance();
                return new Expr.TextLit(t.text(), t.span());
            }
            case IDENT -> {
                if (noStruct && peekAt(1).kind() == TokenKind.LBRACE && peekAt(2).kind() == TokenKind.IDENT
                        && peekAt(3).kind() == TokenKind.COLON) {
                    throw error(t.span().to(peekAt(3).span()), "a struct literal cannot stand right before a block;"
                            + " put it in parentheses");
                }
                if (!noStruct && peekAt(1).kind() == TokenKind.LBRACE && (peekAt(2).kind() == TokenKind.RBRACE
                        || (peekAt(2).kind() == TokenKind.IDENT && peekAt(3).kind() == TokenKind.COLON))) {
                    return structLiteral();
                }
                advance();
                return new Expr.Name(t.text(), t.span());
            }
            case LPAREN -> {
                advance();
                boolean saved = noStruct;
                noStruct = false;
                try {
                    if (peek().kind() == TokenKind.RPAREN) {
                        return new Expr.Tuple(List.of(), t.span().to(advance().span()));
                    }
                    Expr first = expr();
                    if (peek().kind() != TokenKind.COMMA) {
                        expect(TokenKind.RPAREN);
                        return first;
                    }
                    List<Expr> elems = new ArrayList<>();
                    elems.add(first);
                    while (accept(TokenKind.COMMA) && peek().kind() != TokenKind.RPAREN) {
                        elems.add(expr());
                    }
                    Token close = expect(TokenKind.RPAREN);
                    return new Expr.Tuple(elems, t.span().to(close.span()));
                } finally {
                    noStruct = saved;
                }
            }
            case IF -> {
                return ifExpr();
            }
            case LBRACE -> {
                Block b = block();
                return new Expr.BlockExpr(b, b.span());
            }
            default -> throw error(t.span(), "expected an expression, found " + t.describe());
        }
    }

    private Expr ifExpr() {
        Token kw = expect(TokenKind.IF);
        enter(kw.span());
        try {
            Expr cond = condition();
            Block then = block();
            Expr otherwise = null;
            Span span = kw.span().to(then.span());
            if (accept(TokenKind.ELSE)) {
                if (peek().kind() == TokenKind.IF) {
                    otherwise = ifExpr();
                } else {
                    Block b = block();
                    otherwise = new Expr.BlockExpr(b, b.span());
                }
                span = span.to(otherwise.span());
            }
            return new Expr.If(cond, then, otherwise, span);
        } finally {
            depth--;
        }
    }

    private Expr structLiteral() {
        Token name = expect(TokenKind.IDENT);
        expect(TokenKind.LBRACE);
        List<Expr.FieldInit> fields = new ArrayList<>();
        while (peek().kind() != TokenKind.RBRACE) {
            Token fname = expect(TokenKind.IDENT);
            expect(TokenKind.COLON);
            fields.add(new Expr.FieldInit(fname.text(), fname.span(), expr()));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        Token close = expect(TokenKind.RBRACE);
        return new Expr.StructLit(name.text(), name.span(), fields, name.span().to(close.span()));
    }

    /** The literal's 64 bits; anything above u64's range is an error here, where the text is. */
    private long intValue(Token t) {
        String digits = t.text().replace("_", "");
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0b")) {
            radix = digits.charAt(1) == 'x' ? 16 : 2;
            digits = digits.substring(2);
        }
        try {
            return Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw error(t.span(), "integer literal " + t.text() + " is too large (the largest is 18446744073709551615)");
        }
    }

    // ---- token helpers

    private void enter(Span at) {
        if (++depth > Limits.MAX_NESTING) {
            diags.report(ErrorKind.LIMIT, at, "nesting too deep (the limit is " + Limits.MAX_NESTING + " levels)");
            throw new TooDeep();
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(pos);
        if (t.kind() != TokenKind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean accept(TokenKind kind) {
        if (peek().kind() == kind) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(TokenKind kind) {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t.span(), "expected " + kind.describe() + ", found " + t.describe());
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
