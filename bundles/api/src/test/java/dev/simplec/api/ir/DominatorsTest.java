package dev.simplec.api.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Dominators against definitions computed the slow way, on random control flow graphs. */
class DominatorsTest {
    private static final int[] NONE = {};

    /** A function whose blocks jump, branch or return as {@code succ} says (one entry: a jump; two: a branch; none: a return). */
    private static IrFunction graph(int[][] succ) {
        List<IrBlock> blocks = new ArrayList<>();
        for (int[] s : succ) {
            IrTerminator t = switch (s.length) {
                case 0 -> new IrTerminator.Ret(NONE);
                case 1 -> new IrTerminator.Jump(s[0], NONE);
                default -> new IrTerminator.Branch(0, s[0], NONE, s[1], NONE);
            };
            blocks.add(new IrBlock(List.of(), t));
        }
        return new IrFunction("g", List.of(), List.of(), blocks, 1);
    }

    private static int[][] random(Random r, int n) {
        int[][] succ = new int[n][];
        for (int b = 0; b < n; b++) {
            int kind = r.nextInt(b == n - 1 ? 2 : 5);
            succ[b] = switch (kind) {
                case 0 -> NONE;
                case 1, 2 -> new int[] {r.nextInt(n)};
                default -> new int[] {r.nextInt(n), r.nextInt(n)};
            };
        }
        return succ;
    }

    /** Blocks reachable from the entry without passing {@code removed} (-1: none removed). */
    private static boolean[] reachable(int[][] succ, int removed) {
        boolean[] seen = new boolean[succ.length];
        if (removed == 0) {
            return seen;
        }
        int[] stack = new int[succ.length];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            for (int t : succ[stack[--top]]) {
                if (t != removed && !seen[t]) {
                    seen[t] = true;
                    stack[top++] = t;
                }
            }
        }
        return seen;
    }

    /** The immediate dominators by definition: the strict dominator of b that every other strict dominator dominates. */
    private static int[] slowIdom(int[][] succ) {
        int n = succ.length;
        boolean[] reached = reachable(succ, -1);
        // dom[a][b]: a dominates b (b reachable, and unreachable once a is removed, or a == b).
        boolean[][] dom = new boolean[n][];
        for (int a = 0; a < n; a++) {
            boolean[] without = reachable(succ, a);
            dom[a] = new boolean[n];
            for (int b = 0; b < n; b++) {
                dom[a][b] = reached[a] && reached[b] && (a == b || !without[b]);
            }
        }
        int[] idom = new int[n];
        Arrays.fill(idom, Dominators.UNREACHABLE);
        idom[0] = 0;
        for (int b = 1; b < n; b++) {
            if (!reached[b]) {
                continue;
            }
            for (int d = 0; d < n; d++) {
                if (d == b || !dom[d][b]) {
                    continue;
                }
                boolean nearest = true;
                for (int e = 0; e < n && nearest; e++) {
                    nearest = e == b || e == d || !dom[e][b] || dom[e][d];
                }
                if (nearest) {
                    idom[b] = d;
                }
            }
        }
        return idom;
    }

    @Test
    void immediateDominatorsAsDefined() {
        Random r = new Random(5);
        for (int round = 0; round < 500; round++) {
            int[][] succ = random(r, 1 + r.nextInt(14));
            assertArrayEquals(slowIdom(succ), Dominators.immediate(graph(succ)), Arrays.deepToString(succ));
        }
    }

    @Test
    void reversePostorderOfTheFunctionAndOfItsSuccessorListsAgree() {
        Random r = new Random(9);
        for (int round = 0; round < 500; round++) {
            int[][] succ = random(r, 1 + r.nextInt(14));
            int[] rpo = Dominators.reversePostorder(graph(succ));
            assertArrayEquals(Dominators.reversePostorder(Arrays.asList(succ), succ.length), rpo, Arrays.deepToString(succ));
            // As many blocks as the entry reaches, the entry first.
            boolean[] reached = reachable(succ, -1);
            int count = 0;
            for (boolean x : reached) {
                count += x ? 1 : 0;
            }
            assertEquals(count, rpo.length);
            assertEquals(0, rpo[0]);
        }
    }

    @Test
    void targetsOutOfRangeAreIgnored() {
        int[][] succ = {{1, 7}, {-3}, {}};
        assertArrayEquals(new int[] {0, 0, Dominators.UNREACHABLE}, Dominators.immediate(graph(succ)));
        assertArrayEquals(new int[] {0, 1}, Dominators.reversePostorder(graph(succ)));
        assertArrayEquals(new int[] {0, 1}, Dominators.reversePostorder(Arrays.asList(succ), 3));
    }
}
