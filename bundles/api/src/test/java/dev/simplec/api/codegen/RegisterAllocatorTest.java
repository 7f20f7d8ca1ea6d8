package dev.simplec.api.codegen;

import static dev.simplec.api.codegen.OperandRole.DEF;
import static dev.simplec.api.codegen.OperandRole.USE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The shared allocator on a toy target with two allocatable integer registers (r0, r1; r0 is the
 * argument and result register, r1 callee-saved) and two scratch registers (r2, r3). A small
 * interpreter runs the code before and after allocation: both must compute the same result.
 */
class RegisterAllocatorTest {
    enum Op implements MOpcode {
        LI(false, DEF), ADD(false, DEF, USE, USE), MOV(true, DEF, USE), LOAD(false, DEF), STORE(false, USE), RET(false);

        private final boolean copy;
        private final OperandRole[] roles;

        Op(boolean copy, OperandRole... roles) {
            this.copy = copy;
            this.roles = roles;
        }

        @Override
        public OperandRole role(int index) {
            return this == RET ? USE : roles[index];
        }

        @Override
        public boolean isCopy() {
            return copy;
        }
    }

    static final class Toy implements TargetRegisters {
        @Override
        public int physicalCount() {
            return 4;
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
            return cls == RegClass.INT ? new int[] {0, 1} : new int[0];
        }

        @Override
        public int[] scratch(RegClass cls) {
            return new int[] {2, 3};
        }

        @Override
        public boolean isCalleeSaved(int reg) {
            return reg == 1;
        }

        @Override
        public MInst spillLoad(int reg, int slot) {
            return new MInst(Op.LOAD, slot, reg);
        }

        @Override
        public MInst spillStore(int reg, int slot) {
            return new MInst(Op.STORE, slot, reg);
        }
    }

    private static final Toy TOY = new Toy();

    /** Runs one-block code with {@code arg} in r0 and returns r0 at RET. */
    private static long run(MFunction f, long arg) {
        Map<Integer, Long> regs = new HashMap<>();
        Map<Long, Long> slots = new HashMap<>();
        regs.put(0, arg);
        for (MInst i : f.blocks().get(0).insts()) {
            switch ((Op) i.op()) {
                case LI -> regs.put(i.reg(0), i.imm());
                case ADD -> regs.put(i.reg(0), regs.get(i.reg(1)) + regs.get(i.reg(2)));
                case MOV -> regs.put(i.reg(0), regs.get(i.reg(1)));
                case LOAD -> regs.put(i.reg(0), slots.get(i.imm()));
                case STORE -> slots.put(i.imm(), regs.get(i.reg(0)));
                case RET -> {
                    return regs.get(0);
                }
            }
        }
        throw new AssertionError("no ret");
    }

    private static boolean allPhysical(MFunction f) {
        for (MInst i : f.blocks().get(0).insts()) {
            for (int k = 0; k < i.regCount(); k++) {
                if (Regs.isVirtual(i.reg(k))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void copiesToAndFromFixedRegistersDisappear() {
        MFunction f = new MFunction("double");
        MBlock b = f.addBlock();
        int v0 = f.newVreg(RegClass.INT);
        int v1 = f.newVreg(RegClass.INT);
        b.add(MInst.of(Op.MOV, v0, 0));
        b.add(MInst.of(Op.ADD, v1, v0, v0));
        b.add(MInst.of(Op.MOV, 0, v1));
        b.add(MInst.of(Op.RET, 0));
        AllocatedFunction a = RegisterAllocator.allocate(f, TOY);
        assertEquals(List.of(MInst.of(Op.ADD, 0, 0, 0), MInst.of(Op.RET, 0)), a.code().blocks().get(0).insts());
        assertEquals(0, a.spillSlots());
        assertEquals(List.of(), a.calleeSaved());
        assertEquals(84, run(a.code(), 42));
    }

    /** Five values live at once on two registers: three spill, and the result is unchanged. */
    @Test
    void pressureSpillsAndKeepsTheResult() {
        MFunction f = new MFunction("sum");
        MBlock b = f.addBlock();
        int x = f.newVreg(RegClass.INT);
        b.add(MInst.of(Op.MOV, x, 0));
        int[] v = new int[5];
        for (int i = 0; i < 5; i++) {
            int c = f.newVreg(RegClass.INT);
            b.add(new MInst(Op.LI, 10L << (4 * i), c));
            v[i] = f.newVreg(RegClass.INT);
            b.add(MInst.of(Op.ADD, v[i], x, c));
        }
        int acc = v[4];
        for (int i = 3; i >= 0; i--) {
            int n = f.newVreg(RegClass.INT);
            b.add(MInst.of(Op.ADD, n, acc, v[i]));
            acc = n;
        }
        b.add(MInst.of(Op.MOV, 0, acc));
        b.add(MInst.of(Op.RET, 0));
        long want = 5 * 7 + 10 + 160 + 2560 + 40960 + 655360;
        AllocatedFunction a = RegisterAllocator.allocate(f, TOY);
        assertTrue(a.spillSlots() >= 3, "spill slots: " + a.spillSlots() + "\n" + a.code());
        assertTrue(allPhysical(a.code()));
        assertEquals(List.of(1), a.calleeSaved());
        assertEquals(want, run(a.code(), 7));
    }

    /** r0 holds the argument until its last read, so nothing defined before then may take r0. */
    @Test
    void fixedRegisterRangesAreRespected() {
        MFunction f = new MFunction("late");
        MBlock b = f.addBlock();
        int c = f.newVreg(RegClass.INT);
        int x = f.newVreg(RegClass.INT);
        int s = f.newVreg(RegClass.INT);
        b.add(new MInst(Op.LI, 5, c));
        b.add(MInst.of(Op.MOV, x, 0)); // reads the argument after c is defined
        b.add(MInst.of(Op.ADD, s, x, c));
        b.add(MInst.of(Op.MOV, 0, s));
        b.add(MInst.of(Op.RET, 0));
        LiveIntervals li = LiveIntervals.build(f, Liveness.compute(f, 4));
        LiveInterval r0 = li.of(0);
        assertTrue(r0 != null && r0.overlaps(0, 1) && r0.overlaps(2, 3) && !r0.overlaps(3, 7), String.valueOf(r0));
        AllocatedFunction a = RegisterAllocator.allocate(f, TOY);
        assertFalse(a.code().blocks().get(0).insts().get(0).reg(0) == 0, "the constant must not clobber the argument:\n" + a.code());
        assertEquals(47, run(a.code(), 42));
    }

    @Test
    void livenessFlowsAcrossBlocks() {
        MFunction f = new MFunction("two");
        MBlock b0 = f.addBlock();
        MBlock b1 = f.addBlock();
        int v = f.newVreg(RegClass.INT);
        b0.add(new MInst(Op.LI, 1, v));
        b0.setSuccessors(1);
        b1.add(MInst.of(Op.MOV, 0, v));
        b1.add(MInst.of(Op.RET, 0));
        Liveness l = Liveness.compute(f, 4);
        int key = Liveness.key(v, 4);
        assertTrue(l.liveOut(0).get(key));
        assertTrue(l.liveIn(1).get(key));
        assertFalse(l.liveIn(0).get(key));
    }
}
