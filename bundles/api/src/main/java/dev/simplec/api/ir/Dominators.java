package dev.simplec.api.ir;

import java.util.List;

/**
 * Immediate dominators of a function's blocks (Cooper, Harvey and Kennedy's iterative algorithm
 * over reverse postorder). Used by the verifier; backends may use it for loop detection.
 */
public final class Dominators {
    /** The idom of a block that cannot be reached from the entry. */
    public static final int UNREACHABLE = -1;

    private Dominators() {
    }

    /** {@code idom[b]} for every block; the entry is its own idom. Targets out of range are ignored. */
    public static int[] immediate(IrFunction f) {
        int n = f.blocks().size();
        List<int[]> succ = IrVerifier.successors(f);
        int[] order = reversePostorder(succ, n);
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, -1);
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        // Predecessors of each block, in block order, as arrays (no boxed lists).
        int[] predCount = new int[n];
        for (int b = 0; b < n; b++) {
            for (int s : succ.get(b)) {
                if (s >= 0 && s < n) {
                    predCount[s]++;
                }
            }
        }
        int[][] preds = new int[n][];
        for (int i = 0; i < n; i++) {
            preds[i] = new int[predCount[i]];
            predCount[i] = 0;
        }
        for (int b = 0; b < n; b++) {
            for (int s : succ.get(b)) {
                if (s >= 0 && s < n) {
                    preds[s][predCount[s]++] = b;
                }
            }
        }
        int[] idom = new int[n];
        java.util.Arrays.fill(idom, UNREACHABLE);
        idom[0] = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 1; i < order.length; i++) {
                int b = order[i];
                int newIdom = UNREACHABLE;
                for (int p : preds[b]) {
                    if (idom[p] == UNREACHABLE) {
                        continue;
                    }
                    newIdom = newIdom == UNREACHABLE ? p : intersect(idom, rank, p, newIdom);
                }
                if (newIdom != UNREACHABLE && idom[b] != newIdom) {
                    idom[b] = newIdom;
                    changed = true;
                }
            }
        }
        return idom;
    }

    /** Whether block {@code a} dominates block {@code b} (both reachable). */
    public static boolean dominates(int[] idom, int a, int b) {
        int x = b;
        while (true) {
            if (x == a) {
                return true;
            }
            if (x == 0 || idom[x] == UNREACHABLE) {
                return false;
            }
            x = idom[x];
        }
    }

    private static int intersect(int[] idom, int[] rank, int a, int b) {
        while (a != b) {
            while (rank[a] > rank[b]) {
                a = idom[a];
            }
            while (rank[b] > rank[a]) {
                b = idom[b];
            }
        }
        return a;
    }

    /** The blocks of {@code f} reachable from its entry, in reverse postorder. */
    public static int[] reversePostorder(IrFunction f) {
        return reversePostorder(IrVerifier.successors(f), f.blocks().size());
    }

    /** Blocks reachable from the entry in reverse postorder (iterative DFS: no recursion depth limit). */
    public static int[] reversePostorder(List<int[]> succ, int n) {
        boolean[] seen = new boolean[n];
        int[] post = new int[n];
        int count = 0;
        int[] stack = new int[n];
        int[] next = new int[n];
        int sp = 0;
        stack[sp++] = 0;
        seen[0] = true;
        while (sp > 0) {
            int b = stack[sp - 1];
            int[] s = succ.get(b);
            if (next[b] < s.length) {
                int t = s[next[b]++];
                if (t >= 0 && t < n && !seen[t]) {
                    seen[t] = true;
                    stack[sp++] = t;
                }
            } else {
                post[count++] = b;
                sp--;
            }
        }
        int[] rpo = new int[count];
        for (int i = 0; i < count; i++) {
            rpo[i] = post[count - 1 - i];
        }
        return rpo;
    }
}
