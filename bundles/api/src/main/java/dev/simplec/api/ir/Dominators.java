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
        return tree(f).idom();
    }

    /** The immediate dominators, and the reachable blocks in the reverse postorder they were found in. */
    record Tree(int[] idom, int[] order) {
    }

    /** {@link #immediate} and the order it walked: for the verifier, which checks in that order. */
    static Tree tree(IrFunction f) {
        int n = f.blocks().size();
        int[] succ = successorPairs(f);
        int[] order = reversePostorder(succ, pairStarts(n), n);
        int[] rank = new int[n];
        java.util.Arrays.fill(rank, -1);
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        // Predecessors of block b, in block order: pred[predStart[b] .. predStart[b + 1]] (two flat arrays).
        int[] predStart = new int[n + 1];
        for (int s : succ) {
            if (s >= 0) {
                predStart[s + 1]++;
            }
        }
        for (int b = 0; b < n; b++) {
            predStart[b + 1] += predStart[b];
        }
        int[] pred = new int[predStart[n]];
        int[] fill = java.util.Arrays.copyOf(predStart, n);
        for (int k = 0; k < succ.length; k++) {
            int s = succ[k];
            if (s >= 0) {
                pred[fill[s]++] = k >> 1;
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
                for (int x = predStart[b], end = predStart[b + 1]; x < end; x++) {
                    int p = pred[x];
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
        return new Tree(idom, order);
    }

    /**
     * The successors of block b at {@code [2b]} and {@code [2b + 1]} (a jump's in the first, a
     * branch's then and else), -1 where there is none or the target is out of range: one array, where
     * a list of one per block cost the verifier more than its own checks.
     */
    private static int[] successorPairs(IrFunction f) {
        List<IrBlock> blocks = f.blocks();
        int n = blocks.size();
        int[] succ = new int[2 * n];
        for (int b = 0; b < n; b++) {
            IrTerminator t = blocks.get(b).terminator();
            int a = -1;
            int c = -1;
            if (t instanceof IrTerminator.Jump j) {
                a = j.target();
            } else if (t instanceof IrTerminator.Branch br) {
                a = br.thenTarget();
                c = br.elseTarget();
            }
            succ[2 * b] = a >= 0 && a < n ? a : -1;
            succ[2 * b + 1] = c >= 0 && c < n ? c : -1;
        }
        return succ;
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
        int n = f.blocks().size();
        return reversePostorder(successorPairs(f), pairStarts(n), n);
    }

    /** Blocks reachable from the entry in reverse postorder, given each block's successors (iterative DFS: no recursion depth limit). */
    public static int[] reversePostorder(List<int[]> succ, int n) {
        int[] start = new int[n + 1];
        for (int b = 0; b < n; b++) {
            start[b + 1] = start[b] + succ.get(b).length;
        }
        int[] flat = new int[start[n]];
        for (int b = 0; b < n; b++) {
            int[] s = succ.get(b);
            for (int k = 0; k < s.length; k++) {
                flat[start[b] + k] = s[k] >= 0 && s[k] < n ? s[k] : -1;
            }
        }
        return reversePostorder(flat, start, n);
    }

    /** Where each block's pair starts in {@link #successorPairs}: 0, 2, 4, ... */
    private static int[] pairStarts(int n) {
        int[] start = new int[n + 1];
        for (int b = 0; b <= n; b++) {
            start[b] = 2 * b;
        }
        return start;
    }

    /** The DFS: block b's successors are {@code succ[start[b] .. start[b + 1]]}, -1 for none. */
    private static int[] reversePostorder(int[] succ, int[] start, int n) {
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
            if (next[b] < start[b + 1] - start[b]) {
                int t = succ[start[b] + next[b]++];
                if (t >= 0 && !seen[t]) {
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
