package dev.simplec.inference.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;

/** The message layout: position, source line, caret line. */
class DiagnosticRendererTest {
    private static String render(String src, int start, int end, String message) {
        return DiagnosticRenderer.render(new SourceText(src), new Diagnostic(ErrorKind.TYPE, new Span(start, end), message));
    }

    @Test
    void positionIsOneBasedAndCaretsCoverTheSpan() {
        String src = "fn f() -> i64 {\n  let s = \"a\" + 1;\n}";
        int start = src.indexOf('"');
        assertEquals("template:2:11: cannot add text and i64\n  let s = \"a\" + 1;\n          ^^^^^^^",
                render(src, start, src.indexOf(';'), "cannot add text and i64"));
    }

    @Test
    void tabsAreKeptSoCaretsLineUp() {
        String src = "\t\tx + y";
        assertEquals("template:1:5: m\n\t\tx + y\n\t\t  ^", render(src, 4, 5, "m"));
    }

    @Test
    void columnsCountCodePoints() {
        String src = "\"\uD83D\uDE00\" + x";
        int x = src.indexOf('x');
        assertEquals("template:1:7: m\n" + src + "\n      ^", render(src, x, x + 1, "m"));
    }

    @Test
    void aSpanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
        String src = "a + (b\n + c)";
        assertEquals("template:1:5: m\na + (b\n    ^^", render(src, 4, src.length(), "m"));
    }

    @Test
    void emptySpanGetsOneCaret() {
        assertEquals("template:1:3: m\nab\n  ^", render("ab", 2, 2, "m"));
    }

    @Test
    void endOfInputIsShownAfterTheLastText() {
        String src = "fn f() {\n  x\n\n";
        assertEquals("template:2:4: m\n  x\n   ^", render(src, src.length(), src.length(), "m"));
    }

    @Test
    void crlfLineEndsAreNotPartOfTheLine() {
        assertEquals("template:2:1: m\nb\n^", render("a\r\nb\r\n", 3, 4, "m"));
    }

    @Test
    void longLinesShowAWindowAroundTheSpan() {
        String src = "x".repeat(500) + "!" + "y".repeat(500);
        String shown = "..." + "x".repeat(40) + "!" + "y".repeat(79) + "...";
        assertEquals("template:1:501: m\n" + shown + "\n" + " ".repeat(43) + "^", render(src, 500, 501, "m"));
    }

    @Test
    void severalDiagnosticsJoinWithNewlinesAndTakeTheFirstKind() {
        Diagnostics d = new Diagnostics(new SourceText("ab"));
        d.report(ErrorKind.UNSUPPORTED, new Span(0, 1), "one");
        d.report(ErrorKind.TYPE, new Span(1, 2), "two");
        var e = d.toException();
        assertEquals(ErrorKind.UNSUPPORTED, e.kind());
        assertEquals("template:1:1: one\nab\n^\ntemplate:1:2: two\nab\n ^", e.getMessage());
    }
}
