package dev.simplec.api.ir;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

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
        int[] scratch = new int[n];
        int[] order = reversePostorder(succ, null, n, scratch);
        // The DFS's stack is free now: it becomes each block's rank in the order (-1: unreached).
        int[] rank = scratch;
        java.util.Arrays.fill(rank, -1);
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        // Predecessors of block b, in block order: pred[predStart[b] .. predStart[b + 1]] (two flat
        // arrays). The counts' prefix sums are used as fill cursors, then shifted back to starts.
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
        for (int k = 0; k < succ.length; k++) {
            int s = succ[k];
            if (s >= 0) {
                pred[predStart[s]++] = k >> 1;
            }
        }
        for (int b = n; b > 0; b--) {
            predStart[b] = predStart[b - 1];
        }
        predStart[0] = 0;
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
        return reversePostorder(successorPairs(f), null, n, new int[n]);
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
        return reversePostorder(flat, start, n, new int[n]);
    }

    /**
     * The DFS: block b's successors are {@code succ[start[b] .. start[b + 1]]}, or with no
     * {@code start} the pair {@code succ[2b]}, {@code succ[2b + 1]} ({@link #successorPairs}); -1
     * for none. {@code stack} (n entries) is the walk's stack, free again afterwards.
     */
    private static int[] reversePostorder(int[] succ, int @Nullable [] start, int n, int[] stack) {
        // Per block: 0 unseen, else 1 + how many of its successors the walk has looked at.
        int[] next = new int[n];
        int[] post = new int[n]; // the reverse postorder, filled from the end
        int at = n;
        int sp = 0;
        stack[sp++] = 0;
        next[0] = 1;
        while (sp > 0) {
            int b = stack[sp - 1];
            int from = start == null ? 2 * b : start[b];
            int count = start == null ? 2 : start[b + 1] - from;
            int k = next[b] - 1;
            if (k < count) {
                next[b] = k + 2;
                int t = succ[from + k];
                if (t >= 0 && next[t] == 0) {
                    next[t] = 1;
                    stack[sp++] = t;
                }
            } else {
                post[--at] = b;
                sp--;
            }
        }
        return at == 0 ? post : java.util.Arrays.copyOfRange(post, at, n);
    }
}
