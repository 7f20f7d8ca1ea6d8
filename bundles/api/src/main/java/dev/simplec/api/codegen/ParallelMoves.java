package dev.simplec.api.codegen;

import java.util.ArrayList;
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
        List<Move> pending = new ArrayList<>();
        for (Move m : moves) {
            for (Move other : pending) {
                if (other.dst() == m.dst()) {
                    throw new IllegalArgumentException("two moves into one location: " + m + ", " + other);
                }
            }
            if (m.dst() != m.src()) {
                pending.add(m);
            }
        }
        List<MInst> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (int i = 0; i < pending.size(); i++) {
                Move m = pending.get(i);
                if (!isRead(pending, m.dst())) {
                    emit(m, target, out);
                    pending.remove(i);
                    i--;
                    progress = true;
                }
            }
            if (!progress) {
                // Only cycles are left: save one destination, let its readers read the copy.
                Move m = pending.get(0);
                int tmp = target.scratch(m.cls())[0];
                int bytes = 8;
                for (Move r : pending) {
                    if (r.src() == m.dst()) {
                        bytes = Math.max(bytes, r.bytes());
                    }
                }
                emit(new Move(tmp, m.dst(), m.cls(), bytes), target, out);
                for (int i = 0; i < pending.size(); i++) {
                    Move r = pending.get(i);
                    if (r.src() == m.dst()) {
                        pending.set(i, new Move(r.dst(), tmp, r.cls(), r.bytes()));
                    }
                }
            }
        }
        return out;
    }

    private static boolean isRead(List<Move> pending, int location) {
        for (Move m : pending) {
            if (m.src() == location) {
                return true;
            }
        }
        return false;
    }

    private static void emit(Move m, TargetRegisters target, List<MInst> out) {
        boolean fromSlot = isSlot(m.src());
        boolean toSlot = isSlot(m.dst());
        if (!fromSlot && !toSlot) {
            out.add(target.move(m.dst(), m.src(), m.bytes()));
        } else if (fromSlot && !toSlot) {
            out.add(target.spillLoad(m.dst(), slotOf(m.src()), m.bytes()));
        } else if (!fromSlot) {
            out.add(target.spillStore(m.src(), slotOf(m.dst()), m.bytes()));
        } else {
            int via = target.scratch(m.cls())[1];
            out.add(target.spillLoad(via, slotOf(m.src()), m.bytes()));
            out.add(target.spillStore(via, slotOf(m.dst()), m.bytes()));
        }
    }
}
