package dev.simplec.api.codegen;

import java.util.Arrays;

import dev.simplec.api.ir.IrOp;

/**
 * {@link StrengthReduction}'s loop-invariant i64 expressions — a constant, a value defined outside
 * the loop, or an add, subtract or multiply of two — hash-consed into small int ids: two terms are
 * structurally equal exactly when their ids are equal, so the pass compares and looks up ints
 * instead of hashing trees. Built terms are folded as they are made (constants combined, adds of 0
 * and multiplies by 0 or 1 dropped).
 */
final class InvariantTerms {
    static final int CONST = 0;
    static final int LEAF = 1;
    static final int ADD = 2;
    static final int SUB = 3;
    static final int MUL = 4;

    private int[] kind = new int[16];
    /** A leaf's value, or an operation's left operand's id. */
    private int[] left = new int[16];
    private int[] right = new int[16];
    private long[] constant = new long[16];
    private int[] size = new int[16];
    private int count;
    /** Open addressing: id + 1, or 0 for a free slot; a power of two, at most half full. */
    private int[] slots = new int[32];

    int kind(int t) {
        return kind[t];
    }

    /** A constant's value. */
    long value(int t) {
        return constant[t];
    }

    /** A leaf's IR value. */
    int leafValue(int t) {
        return left[t];
    }

    int left(int t) {
        return left[t];
    }

    int right(int t) {
        return right[t];
    }

    /** Nodes in the tree (a shared subterm counts each time it occurs). */
    int size(int t) {
        return size[t];
    }

    int count() {
        return count;
    }

    boolean isConst(int t, long v) {
        return kind[t] == CONST && constant[t] == v;
    }

    int constant(long v) {
        return intern(CONST, 0, 0, v, 1);
    }

    int leaf(int value) {
        return intern(LEAF, value, 0, 0, 1);
    }

    /** {@code a op b} folded: {@code op} is {@link IrOp#ADD}, {@link IrOp#SUB} or {@link IrOp#MUL}. */
    int bin(IrOp op, int a, int b) {
        boolean ca = kind[a] == CONST;
        boolean cb = kind[b] == CONST;
        if (ca && cb) {
            long x = constant[a];
            long y = constant[b];
            return constant(switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                default -> x * y;
            });
        }
        if (op == IrOp.ADD && ca && constant[a] == 0) {
            return b;
        }
        if ((op == IrOp.ADD || op == IrOp.SUB) && cb && constant[b] == 0) {
            return a;
        }
        if (op == IrOp.MUL) {
            if (ca && (constant[a] == 0 || constant[a] == 1)) {
                return constant[a] == 0 ? a : b;
            }
            if (cb && (constant[b] == 0 || constant[b] == 1)) {
                return constant[b] == 0 ? b : a;
            }
        }
        int k = op == IrOp.ADD ? ADD : op == IrOp.SUB ? SUB : MUL;
        return intern(k, a, b, 0, size[a] + size[b] + 1);
    }

    /** The operation of an {@link #ADD}, {@link #SUB} or {@link #MUL} term. */
    static IrOp op(int kind) {
        return kind == ADD ? IrOp.ADD : kind == SUB ? IrOp.SUB : IrOp.MUL;
    }

    private int intern(int k, int l, int r, long c, int s) {
        int h = hash(k, l, r, c);
        int mask = slots.length - 1;
        for (int i = h & mask;; i = (i + 1) & mask) {
            int id = slots[i] - 1;
            if (id < 0) {
                break;
            }
            if (kind[id] == k && left[id] == l && right[id] == r && constant[id] == c) {
                return id;
            }
        }
        if (count == kind.length) {
            int cap = 2 * count;
            kind = Arrays.copyOf(kind, cap);
            left = Arrays.copyOf(left, cap);
            right = Arrays.copyOf(right, cap);
            constant = Arrays.copyOf(constant, cap);
            size = Arrays.copyOf(size, cap);
        }
        int id = count++;
        kind[id] = k;
        left[id] = l;
        right[id] = r;
        constant[id] = c;
        size[id] = s;
        if (2 * count > slots.length) {
            rehash(2 * slots.length);
        } else {
            place(id, h);
        }
        return id;
    }

    private void place(int id, int h) {
        int mask = slots.length - 1;
        int i = h & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = id + 1;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int id = 0; id < count; id++) {
            place(id, hash(kind[id], left[id], right[id], constant[id]));
        }
    }

    private static int hash(int k, int l, int r, long c) {
        int h = (((k * 31 + l) * 31 + r) * 31 + Long.hashCode(c)) * 0x9E3779B1;
        return h ^ (h >>> 16);
    }
}
