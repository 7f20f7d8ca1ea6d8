package dev.simplec.api.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sequentializes a parallel move: every destination takes the value its source held before any
 * move happened (block arguments binding block parameters on a control-flow edge). Locations
 * are physical registers ({@code >= 0}) or spill slots ({@link #slot}). Moves whose two sides
 * agree vanish; a move is emitted once no pending move still reads its destination; when every
 * pending move is stuck, the moves form cycles, and one cycle is broken by saving a destination
 * in {@code scratch(cls)[0]}. A slot-to-slot move goes through {@code scratch(cls)[1]}.
 * Each destination may appear once; a source may feed several destinations.
 */
public final class ParallelMoves {
    /** {@code dst = src} for a value of {@code bytes} in register class {@code cls}. */
    public record Move(int dst, int src, RegClass cls, int bytes) {
    }

    private ParallelMoves() {
    }

    /** The location of spill slot {@code n} (8-byte units). */
    public static int slot(int n) {
        return -1 - n;
    }

    public static boolean isSlot(int location) {
        return location < 0;
    }

    /** The slot number of a slot location. */
    public static int slotOf(int location) {
        return -1 - location;
    }

    /** The instructions that perform {@code moves} in parallel, in order. */
    public static List<MInst> resolve(List<Move> moves, TargetRegisters target) {
        Batch batch = new Batch(moves.size());
        for (Move m : moves) {
            batch.add(m.dst(), m.src(), m.cls(), m.bytes());
        }
        List<MInst> out = new ArrayList<>();
        batch.resolve(target, out);
        return out;
    }

    /**
     * One parallel move as parallel arrays, filled by {@link #add} and sequentialized by
     * {@link #resolve}: what {@link SpillRewriter} uses at every edge, without a record per move.
     */
    static final class Batch {
        private int[] dst;
        private int[] src;
        private RegClass[] cls;
        private int[] bytes;
        private int n;

        Batch(int capacity) {
            int c = Math.max(capacity, 4);
            dst = new int[c];
            src = new int[c];
            cls = new RegClass[c];
            bytes = new int[c];
        }

        void clear() {
            n = 0;
        }

        /** Adds {@code dst = src}; a move into a location already written is an error, a move onto itself vanishes. */
        void add(int d, int s, RegClass c, int b) {
            for (int i = 0; i < n; i++) {
                if (dst[i] == d) {
                    throw new IllegalArgumentException("two moves into one location: " + new Move(d, s, c, b) + ", "
                            + new Move(dst[i], src[i], cls[i], bytes[i]));
                }
            }
            if (d == s) {
                return;
            }
            if (n == dst.length) {
                dst = Arrays.copyOf(dst, 2 * n);
                src = Arrays.copyOf(src, 2 * n);
                cls = Arrays.copyOf(cls, 2 * n);
                bytes = Arrays.copyOf(bytes, 2 * n);
            }
            dst[n] = d;
            src[n] = s;
            cls[n] = c;
            bytes[n] = b;
            n++;
        }

        /** Appends the instructions performing the pending moves to {@code out}, in order; empties the batch. */
        void resolve(TargetRegisters target, List<MInst> out) {
            while (n > 0) {
                boolean progress = false;
                for (int i = 0; i < n; i++) {
                    if (!isRead(dst[i])) {
                        emit(dst[i], src[i], cls[i], bytes[i], target, out);
                        remove(i);
                        i--;
                        progress = true;
                    }
                }
                if (!progress) {
                    // Only cycles are left: save one destination, let its readers read the copy.
                    int saved = dst[0];
                    RegClass c = cls[0];
                    int tmp = target.scratch(c)[0];
                    int b = 8;
                    for (int i = 0; i < n; i++) {
                        if (src[i] == saved) {
                            b = Math.max(b, bytes[i]);
                        }
                    }
                    emit(tmp, saved, c, b, target, out);
                    for (int i = 0; i < n; i++) {
                        if (src[i] == saved) {
                            src[i] = tmp;
                        }
                    }
                }
            }
        }

        private boolean isRead(int location) {
            for (int i = 0; i < n; i++) {
                if (src[i] == location) {
                    return true;
                }
            }
            return false;
        }

        private void remove(int i) {
            int tail = n - i - 1;
            System.arraycopy(dst, i + 1, dst, i, tail);
            System.arraycopy(src, i + 1, src, i, tail);
            System.arraycopy(cls, i + 1, cls, i, tail);
            System.arraycopy(bytes, i + 1, bytes, i, tail);
            n--;
        }
    }

    private static void emit(int dst, int src, RegClass cls, int bytes, TargetRegisters target, List<MInst> out) {
        boolean fromSlot = isSlot(src);
        boolean toSlot = isSlot(dst);
        if (!fromSlot && !toSlot) {
            out.add(target.move(dst, src, bytes));
        } else if (fromSlot && !toSlot) {
            out.add(target.spillLoad(dst, slotOf(src), bytes));
        } else if (!fromSlot) {
            out.add(target.spillStore(src, slotOf(dst), bytes));
        } else {
            int via = target.scratch(cls)[1];
            out.add(target.spillLoad(via, slotOf(src), bytes));
            out.add(target.spillStore(via, slotOf(dst), bytes));
        }
    }
}
