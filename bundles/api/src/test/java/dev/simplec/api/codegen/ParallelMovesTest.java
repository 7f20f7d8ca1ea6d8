package dev.simplec.api.codegen;

import static dev.simplec.api.codegen.OperandRole.DEF;
import static dev.simplec.api.codegen.OperandRole.USE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The parallel-move resolver on a toy target with four registers (r0–r3), two scratch registers
 * (r4, r5) and spill slots: random permutations, fan-outs and cycles through registers and slots
 * are executed move by move and must leave every destination holding its source's old value.
 */
class ParallelMovesTest {
    enum Op implements MOpcode {
        MOV(DEF, USE), LOAD(DEF), STORE(USE);

        private final OperandRole[] roles;

        Op(OperandRole... roles) {
            this.roles = roles;
        }

        @Override
        public OperandRole role(int index) {
            return roles[index];
        }
    }

    static final class Toy implements TargetRegisters {
        @Override
        public int physicalCount() {
            return 6;
        }

        @Override
        public String name(int reg) {
            return "r" + reg;
        }

        @Override
        public RegClass regClass(int reg) {
            return RegClass.INT;
        }

        @Override
        public int[] allocationOrder(RegClass cls) {
            return new int[] {0, 1, 2, 3};
        }

        @Override
        public int[] scratch(RegClass cls) {
            return new int[] {4, 5};
        }

        @Override
        public boolean isCalleeSaved(int reg) {
            return false;
        }

        @Override
        public MInst spillLoad(int reg, int slot) {
            return new MInst(Op.LOAD, slot, reg);
        }

        @Override
        public MInst spillStore(int reg, int slot) {
            return new MInst(Op.STORE, slot, reg);
        }

        @Override
        public MInst move(int dst, int src, int bytes) {
            return MInst.of(Op.MOV, dst, src);
        }
    }

    private static final Toy TOY = new Toy();

    /** Location -> value after running {@code code} from a state where location k holds 100 + k. */
    private static Map<Integer, Integer> run(List<MInst> code) {
        Map<Integer, Integer> state = new HashMap<>();
        for (int k = -8; k < 6; k++) {
            state.put(k, 100 + k);
        }
        for (MInst i : code) {
            switch ((Op) i.op()) {
                case MOV -> state.put(i.reg(0), state.get(i.reg(1)));
                case LOAD -> state.put(i.reg(0), state.get(ParallelMoves.slot((int) i.imm())));
                case STORE -> state.put(ParallelMoves.slot((int) i.imm()), state.get(i.reg(0)));
            }
        }
        return state;
    }

    private static void check(List<ParallelMoves.Move> moves) {
        List<MInst> code = ParallelMoves.resolve(moves, TOY);
        Map<Integer, Integer> state = run(code);
        for (ParallelMoves.Move m : moves) {
            assertEquals(100 + m.src(), state.get(m.dst()), moves + " -> " + code);
        }
        // Locations that are no destination keep their value (scratch registers excepted).
        for (int k = -8; k < 4; k++) {
            boolean isDst = false;
            for (ParallelMoves.Move m : moves) {
                isDst |= m.dst() == k;
            }
            if (!isDst) {
                assertEquals(100 + k, state.get(k), "location " + k + " clobbered by " + code);
            }
        }
    }

    private static ParallelMoves.Move mv(int dst, int src) {
        return new ParallelMoves.Move(dst, src, RegClass.INT, 8);
    }

    @Test
    void swapTakesThreeMoves() {
        List<MInst> code = ParallelMoves.resolve(List.of(mv(0, 1), mv(1, 0)), TOY);
        assertEquals(3, code.size(), code.toString());
        check(List.of(mv(0, 1), mv(1, 0)));
    }

    @Test
    void identityMovesVanish() {
        assertEquals(List.of(), ParallelMoves.resolve(List.of(mv(2, 2), mv(ParallelMoves.slot(1), ParallelMoves.slot(1))), TOY));
    }

    @Test
    void chainRunsBackwards() {
        // r1 <- r0, r2 <- r1, r3 <- r2: r3 must be written first.
        List<MInst> code = ParallelMoves.resolve(List.of(mv(1, 0), mv(2, 1), mv(3, 2)), TOY);
        assertEquals(List.of(MInst.of(Op.MOV, 3, 2), MInst.of(Op.MOV, 2, 1), MInst.of(Op.MOV, 1, 0)), code);
    }

    @Test
    void slotToSlotGoesThroughTheSecondScratch() {
        List<MInst> code = ParallelMoves.resolve(List.of(mv(ParallelMoves.slot(0), ParallelMoves.slot(3))), TOY);
        assertEquals(List.of(new MInst(Op.LOAD, 3, 5), new MInst(Op.STORE, 0, 5)), code);
    }

    @Test
    void twoMovesIntoOneLocationAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ParallelMoves.resolve(List.of(mv(0, 1), mv(0, 2)), TOY));
    }

    @Test
    void randomPermutationsAndFanOuts() {
        Random rnd = new Random(7);
        List<Integer> locations = new ArrayList<>();
        for (int k = -8; k < 4; k++) {
            locations.add(k);
        }
        for (int round = 0; round < 2000; round++) {
            List<Integer> dsts = new ArrayList<>(locations);
            Collections.shuffle(dsts, rnd);
            int n = 1 + rnd.nextInt(locations.size());
            List<ParallelMoves.Move> moves = new ArrayList<>();
            List<Integer> srcs = new ArrayList<>(locations);
            Collections.shuffle(srcs, rnd);
            for (int i = 0; i < n; i++) {
                // Mostly a permutation (cycles), sometimes a source read twice (fan-out).
                int src = rnd.nextInt(4) == 0 ? srcs.get(rnd.nextInt(n)) : srcs.get(i);
                moves.add(mv(dsts.get(i), src));
            }
            check(moves);
        }
    }
}
