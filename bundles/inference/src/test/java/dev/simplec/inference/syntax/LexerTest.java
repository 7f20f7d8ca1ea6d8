package dev.simplec.inference.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.diag.Span;

class LexerTest {
    private static List<Token> lex(String src) {
        Diagnostics d = new Diagnostics(new SourceText(src));
        List<Token> tokens = Lexer.tokenize(src, d);
        assertFalse(d.hasErrors(), () -> d.toException().getMessage());
        return tokens;
    }

    private static List<TokenKind> kinds(String src) {
        return lex(src).stream().map(Token::kind).toList();
    }

    @Test
    void longestPunctuationWins() {
        assertEquals(List.of(TokenKind.SHL_EQ, TokenKind.SHR, TokenKind.LE, TokenKind.ARROW, TokenKind.MINUS,
                TokenKind.DOTDOT, TokenKind.DOT, TokenKind.EOF), kinds("<<= >> <= -> - .. ."));
    }

    @Test
    void everyFixedSpellingLexesToItsKind() {
        for (TokenKind k : TokenKind.values()) {
            String s = k.spelling();
            if (s != null) {
                assertEquals(List.of(k, TokenKind.EOF), kinds(s), s);
                assertEquals(List.of(k, TokenKind.IDENT, TokenKind.EOF), kinds(s + " x"), s);
            }
        }
    }

    @Test
    void keywordsAndIdentifiers() {
        assertEquals(List.of(TokenKind.FN, TokenKind.IDENT, TokenKind.LET, TokenKind.IDENT, TokenKind.TRUE, TokenKind.EOF),
                kinds("fn fnord let _x1 true"));
    }

    @Test
    void numbers() {
        List<Token> t = lex("12 1_000 0xFf 0b101 1.5 2e10 3.0E-2 1..5");
        assertEquals(List.of(TokenKind.INT, TokenKind.INT, TokenKind.INT, TokenKind.INT, TokenKind.FLOAT, TokenKind.FLOAT,
                TokenKind.FLOAT, TokenKind.INT, TokenKind.DOTDOT, TokenKind.INT, TokenKind.EOF),
                t.stream().map(Token::kind).toList());
        assertEquals("3.0E-2", t.get(6).text());
    }

    @Test
    void commentsAreSkippedAndSpansAreOffsets() {
        List<Token> t = lex("a /* x /* y */ z */ b // c\n d");
        assertEquals(List.of("a", "b", "d", ""), t.stream().map(Token::text).toList());
        assertEquals(new Span(20, 21), t.get(1).span());
        assertEquals(new Span(29, 29), t.get(3).span());
    }

    @Test
    void lexicalErrorsAreReportedAndSkipped() {
        String src = "a $ 12ab \"\\q\"";
        Diagnostics d = new Diagnostics(new SourceText(src));
        List<Token> t = Lexer.tokenize(src, d);
        assertEquals(List.of(TokenKind.IDENT, TokenKind.INT, TokenKind.TEXT, TokenKind.EOF), t.stream().map(Token::kind).toList());
        assertEquals(List.of("unexpected character '$'", "malformed number 12ab", "unknown escape \\q in text literal"),
                d.all().stream().map(x -> x.message()).toList());
    }
}
