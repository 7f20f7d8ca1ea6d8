package dev.simplec.api.codegen;

import java.util.Arrays;

import dev.simplec.api.ir.IrOp;

/**
 * {@link StrengthReduction}'s loop-invariant i64 expressions — a constant, a value defined outside
 * the loop, or an add, subtract or multiply of two — hash-consed into small int ids: two terms are
 * structurally equal exactly when their ids are equal, so the pass compares ints instead of
 * hashing trees. Terms are folded as they are made (constants combined, adds of 0 and multiplies by
 * 0 or 1 dropped). One loop's worth: {@link #clear} starts the next loop's.
 */
final class InvariantTerms {
    static final int CONST = 0;
    static final int LEAF = 1;
    static final int ADD = 2;
    static final int SUB = 3;
    static final int MUL = 4;

    /** Per term, in one array: kind, left, right, size, and the value it was materialized as (or -1). */
    private static final int STRIDE = 5;
    /** Up to this many terms a lookup scans them all; beyond, {@link #slots} is a hash table. */
    private static final int SCAN = 16;

    /**
     * A constant's low and high halves, a leaf's IR value in left, an operation's operands' ids;
     * size counts a tree's nodes (a shared subterm each time it occurs).
     */
    private int[] terms = new int[0];
    private int count;
    /** Open addressing once there are more than {@link #SCAN} terms: id + 1, or 0 for a free slot. */
    private int[] slots = new int[0];

    void clear() {
        count = 0; // the hash table is refilled when the count next passes SCAN
    }

    /** How many terms this loop has made. */
    int count() {
        return count;
    }

    int kind(int t) {
        return terms[STRIDE * t];
    }

    /** A constant's value. */
    long value(int t) {
        return (terms[STRIDE * t + 1] & 0xFFFF_FFFFL) | (long) terms[STRIDE * t + 2] << 32;
    }

    /** A leaf's IR value. */
    int leafValue(int t) {
        return terms[STRIDE * t + 1];
    }

    int left(int t) {
        return terms[STRIDE * t + 1];
    }

    int right(int t) {
        return terms[STRIDE * t + 2];
    }

    int size(int t) {
        return terms[STRIDE * t + 3];
    }

    /** The IR value term {@code t} was materialized as in this loop, or -1. */
    int materialized(int t) {
        return terms[STRIDE * t + 4];
    }

    void materialized(int t, int value) {
        terms[STRIDE * t + 4] = value;
    }

    boolean isConst(int t, long v) {
        return kind(t) == CONST && value(t) == v;
    }

    int constant(long v) {
        return intern(CONST, (int) v, (int) (v >>> 32), 1);
    }

    int leaf(int value) {
        return intern(LEAF, value, 0, 1);
    }

    /** {@code a op b} folded: {@code op} is {@link IrOp#ADD}, {@link IrOp#SUB} or {@link IrOp#MUL}. */
    int bin(IrOp op, int a, int b) {
        boolean ca = kind(a) == CONST;
        boolean cb = kind(b) == CONST;
        if (ca && cb) {
            long x = value(a);
            long y = value(b);
            return constant(switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                default -> x * y;
            });
        }
        if (op == IrOp.ADD && ca && value(a) == 0) {
            return b;
        }
        if ((op == IrOp.ADD || op == IrOp.SUB) && cb && value(b) == 0) {
            return a;
        }
        if (op == IrOp.MUL) {
            if (ca && (value(a) == 0 || value(a) == 1)) {
                return value(a) == 0 ? a : b;
            }
            if (cb && (value(b) == 0 || value(b) == 1)) {
                return value(b) == 0 ? b : a;
            }
        }
        int k = op == IrOp.ADD ? ADD : op == IrOp.SUB ? SUB : MUL;
        return intern(k, a, b, size(a) + size(b) + 1);
    }

    /** The operation of an {@link #ADD}, {@link #SUB} or {@link #MUL} term. */
    static IrOp op(int kind) {
        return kind == ADD ? IrOp.ADD : kind == SUB ? IrOp.SUB : IrOp.MUL;
    }

    private int intern(int k, int l, int r, int s) {
        int[] t = terms;
        if (count <= SCAN) {
            for (int id = 0, at = 0; id < count; id++, at += STRIDE) {
                if (t[at] == k && t[at + 1] == l && t[at + 2] == r) {
                    return id;
                }
            }
        } else {
            int mask = slots.length - 1;
            for (int i = hash(k, l, r) & mask;; i = (i + 1) & mask) {
                int id = slots[i] - 1;
                if (id < 0) {
                    break;
                }
                int at = STRIDE * id;
                if (t[at] == k && t[at + 1] == l && t[at + 2] == r) {
                    return id;
                }
            }
        }
        if (STRIDE * (count + 1) > t.length) {
            t = terms = Arrays.copyOf(t, Math.max(STRIDE * 16, 2 * t.length));
        }
        int id = count++;
        int at = STRIDE * id;
        t[at] = k;
        t[at + 1] = l;
        t[at + 2] = r;
        t[at + 3] = s;
        t[at + 4] = -1;
        if (count == SCAN + 1 || count > SCAN && 2 * count > slots.length) {
            rehash(); // the table starts (all the terms so far), or grows
        } else if (count > SCAN) {
            place(id);
        }
        return id;
    }

    private void place(int id) {
        int at = STRIDE * id;
        int mask = slots.length - 1;
        int i = hash(terms[at], terms[at + 1], terms[at + 2]) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = id + 1;
    }

    private void rehash() {
        int capacity = Math.max(4 * SCAN, slots.length);
        while (2 * count > capacity) {
            capacity *= 2;
        }
        if (capacity == slots.length) {
            Arrays.fill(slots, 0);
        } else {
            slots = new int[capacity];
        }
        for (int id = 0; id < count; id++) {
            place(id);
        }
    }

    private static int hash(int k, int l, int r) {
        int h = ((k * 31 + l) * 31 + r) * 0x9E3779B1;
        return h ^ (h >>> 16);
    }
}
