package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrVerifier;

/**
 * The lowering's stepping indexes ({@code LoopIndexes}) against the plain lowering of the same
 * index: random loops read and write a slice at index forms written in place ({@code xs[F]}, which
 * step when they hold a product of two variables) and through a name ({@code let t = F; xs[t]},
 * which never steps). Both run in the interpreter on the same random inputs; the result (or the
 * trap) and the slice after the call must agree. The interpreter runs the lowered IR, so this is
 * the check that the lowering's rewrite keeps each index's value, not the differential tests'.
 */
class LoopIndexStepsTest {
    private static final String[] OPERANDS = {"m", "r", "(m + 1)", "(m - r)", "2", "m * r", "(r * 3)"};
    private static final String[] FORMS = {"k * A + B", "A * k + B", "B + k * A", "k * A - B", "k + A * B",
        "A * B + k", "k * A", "A * k", "A * B - k"};

    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();

    @Test
    void aSteppedIndexHasTheValueOfItsExpression() {
        Random rnd = new Random(20261130);
        int stepped = 0;
        int returned = 0;
        for (int p = 0; p < 300; p++) {
            String read = form(rnd);
            String write = form(rnd);
            String start = rnd.nextBoolean() ? "0" : "start";
            String skip = rnd.nextInt(3) == 0 ? "        if k == q { continue; }\n" : "";
            String inPlace = program(start, skip + "        s += xs[" + read + "] * 3;\n        xs[" + write + "] = s;\n");
            String named = program(start, skip + "        let t1 = " + read + ";\n        s += xs[t1] * 3;\n        let t2 = " + write
                    + ";\n        xs[t2] = s;\n");
            IrModule a = instantiate(inPlace);
            IrModule b = instantiate(named);
            if (headerParams(a) > headerParams(b)) {
                stepped++;
            }
            for (int c = 0; c < 6; c++) {
                String args = arguments(rnd);
                String expected = SptCalls.outcome(b, args);
                assertEquals(expected, SptCalls.outcome(a, args), inPlace + "\n" + args);
                returned += expected.startsWith("trap") ? 0 : 1;
            }
        }
        // Most forms hold a product of two variables: their loops step (else the test tests nothing).
        assertTrue(stepped > 150, stepped + " of 300 programs stepped an index");
        // And the calls go through their loops, not only trap at once.
        assertTrue(returned > 400, returned + " of 1,800 calls returned");
    }

    /** The parameters of the loop's header (the first block that has any): the counter, the stepping indexes, s. */
    private static int headerParams(IrModule m) {
        for (IrBlock b : m.entry().blocks()) {
            if (!b.params().isEmpty()) {
                return b.params().size();
            }
        }
        return 0;
    }

    private IrModule instantiate(String source) {
        IrModule m = engine.instantiate(source, List.of());
        IrVerifier.verify(m);
        return m;
    }

    private static String program(String start, String body) {
        return "fn f(xs: [i64], n: i64, m: i64, r: i64, start: i64, q: i64) -> i64 {\n"
                + "    var s = 0;\n"
                + "    for k in " + start + "..n {\n"
                + body
                + "    }\n"
                + "    s\n"
                + "}\n";
    }

    private static String form(Random rnd) {
        return FORMS[rnd.nextInt(FORMS.length)].replace("A", OPERANDS[rnd.nextInt(OPERANDS.length)])
                .replace("B", OPERANDS[rnd.nextInt(OPERANDS.length)]);
    }

    /** A slice of 48, then n, m, r, start, q: small enough that most calls run a few iterations in bounds. */
    private static String arguments(Random rnd) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 48; i++) {
            sb.append(i == 0 ? "" : ", ").append(rnd.nextInt(1000) - 500);
        }
        sb.append("]:i64");
        int[] ranges = {7, 4, 5, 3, 6};
        int[] lows = {0, 0, 0, -1, 0};
        for (int i = 0; i < ranges.length; i++) {
            sb.append(", ").append(lows[i] + rnd.nextInt(ranges[i]));
        }
        return sb.toString();
    }
}
