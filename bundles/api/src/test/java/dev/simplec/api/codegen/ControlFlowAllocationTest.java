package dev.simplec.api.codegen;

import static dev.simplec.api.codegen.OperandRole.DEF;
import static dev.simplec.api.codegen.OperandRole.EARLY_DEF;
import static dev.simplec.api.codegen.OperandRole.USE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The shared allocator across blocks: loops with block parameters (edge moves, including swaps),
 * calls that clobber caller-saved registers, early-clobber temporaries and pressure inside loops.
 * A toy target (r0 argument/result and caller-saved, r1 caller-saved, r2 and r3 callee-saved;
 * scratch r4, r5) and an interpreter run each function before and after allocation.
 */
class ControlFlowAllocationTest {
    enum Op implements MOpcode {
        LI(DEF), ADD(DEF, USE, USE), MOV(DEF, USE), LOAD(DEF), STORE(USE), PARAMS(DEF), EDGE(USE),
        /** Jump to block imm. */
        JMP(),
        /** Branch to block imm when reg0 >= reg1, else fall through. */
        BGE(USE, USE),
        /** r0 = 2 * r0; destroys r1 (a callee that uses a caller-saved register). */
        CALL(),
        /** d = a + b, computed through a temporary t written before a and b are read. */
        ADD_VIA_TEMP(DEF, EARLY_DEF, USE, USE),
        RET();

        private final OperandRole[] roles;

        Op(OperandRole... roles) {
            this.roles = roles;
        }

        @Override
        public OperandRole role(int index) {
            return switch (this) {
                case RET, EDGE -> USE;
                case PARAMS -> DEF;
                default -> roles[index];
            };
        }

        @Override
        public boolean isCopy() {
            return this == MOV;
        }

        @Override
        public int[] clobbers() {
            return this == CALL ? new int[] {0, 1} : NO_REGS;
        }

        @Override
        public boolean isBlockParams() {
            return this == PARAMS;
        }

        @Override
        public boolean isEdgeMoves() {
            return this == EDGE;
        }
    }

    static final class Toy implements TargetRegisters {
        private final int[] order;

        Toy(int... order) {
            this.order = order;
        }

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
            return cls == RegClass.INT ? order : new int[0];
        }

        @Override
        public int[] scratch(RegClass cls) {
            return new int[] {4, 5};
        }

        @Override
        public boolean isCalleeSaved(int reg) {
            return reg == 2 || reg == 3;
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

    private static final Toy FOUR = new Toy(0, 1, 2, 3);

    /** Runs {@code f} with {@code arg} in r0; returns r0 at RET. Checks that callee-saved r2/r3 survive. */
    private static long run(MFunction f, long arg) {
        Map<Integer, Long> regs = new HashMap<>();
        Map<Long, Long> slots = new HashMap<>();
        Map<Integer, Long> pending = new HashMap<>();
        regs.put(0, arg);
        regs.put(2, 222L);
        regs.put(3, 333L);
        int b = 0;
        int steps = 0;
        while (true) {
            int next = b + 1;
            for (MInst i : f.blocks().get(b).insts()) {
                if (++steps > 100_000) {
                    throw new AssertionError("runaway");
                }
                switch ((Op) i.op()) {
                    case LI -> regs.put(i.reg(0), i.imm());
                    case ADD -> regs.put(i.reg(0), get(regs, i.reg(1)) + get(regs, i.reg(2)));
                    case ADD_VIA_TEMP -> {
                        regs.put(i.reg(1), -999L); // the temporary is written first
                        regs.put(i.reg(0), get(regs, i.reg(2)) + get(regs, i.reg(3)));
                    }
                    case MOV -> regs.put(i.reg(0), get(regs, i.reg(1)));
                    case LOAD -> regs.put(i.reg(0), slots.get(i.imm()));
                    case STORE -> slots.put(i.imm(), get(regs, i.reg(0)));
                    case EDGE -> {
                        for (int k = 0; k < i.regCount(); k++) {
                            pending.put(k, get(regs, i.reg(k)));
                        }
                    }
                    case PARAMS -> {
                        for (int k = 0; k < i.regCount(); k++) {
                            regs.put(i.reg(k), pending.get(k));
                        }
                    }
                    case CALL -> {
                        regs.put(0, 2 * get(regs, 0));
                        regs.put(1, -1L);
                    }
                    case JMP -> next = (int) i.imm();
                    case BGE -> {
                        if (get(regs, i.reg(0)) >= get(regs, i.reg(1))) {
                            next = (int) i.imm();
                        }
                    }
                    case RET -> {
                        if (!Regs.isVirtual(i.reg(0))) {
                            assertEquals(222L, regs.get(2), "r2 is callee-saved");
                            assertEquals(333L, regs.get(3), "r3 is callee-saved");
                        }
                        return get(regs, 0);
                    }
                }
            }
            b = next;
        }
    }

    private static long get(Map<Integer, Long> regs, int r) {
        if (!regs.containsKey(r)) {
            throw new AssertionError("r" + r + " read before written");
        }
        return regs.get(r);
    }

    /** Allocation plus a save/restore of the callee-saved registers it reports, as a prologue would. */
    private static long runAllocated(MFunction f, long arg) {
        AllocatedFunction a = RegisterAllocator.allocate(f, FOUR);
        MFunction code = a.code();
        for (MBlock b : code.blocks()) {
            for (MInst i : b.insts()) {
                for (int k = 0; k < i.regCount(); k++) {
                    assertTrue(!Regs.isVirtual(i.reg(k)), "virtual register left in " + i);
                }
            }
        }
        // Emulate the prologue/epilogue: save the reported callee-saved registers in slots 100+.
        MFunction framed = new MFunction(code.name());
        for (int b = 0; b < code.blocks().size(); b++) {
            MBlock nb = framed.addBlock();
            if (b == 0) {
                for (int r : a.calleeSaved()) {
                    nb.add(new MInst(Op.STORE, 100 + r, r));
                }
            }
            for (MInst i : code.blocks().get(b).insts()) {
                if (i.op() == Op.RET) {
                    for (int r : a.calleeSaved()) {
                        nb.add(new MInst(Op.LOAD, 100 + r, r));
                    }
                }
                nb.add(i);
            }
        }
        return run(framed, arg);
    }

    /** sum of 0..n-1 with a counted loop whose state travels in block parameters. */
    private static MFunction sumLoop() {
        MFunction f = new MFunction("sum");
        MBlock b0 = f.addBlock();
        MBlock b1 = f.addBlock();
        MBlock b2 = f.addBlock();
        MBlock b3 = f.addBlock();
        int n = f.newVreg(RegClass.INT);
        int zero = f.newVreg(RegClass.INT);
        int i = f.newVreg(RegClass.INT);
        int acc = f.newVreg(RegClass.INT);
        int one = f.newVreg(RegClass.INT);
        int i2 = f.newVreg(RegClass.INT);
        int acc2 = f.newVreg(RegClass.INT);
        b0.add(MInst.of(Op.MOV, n, 0));
        b0.add(new MInst(Op.LI, 0, zero));
        b0.add(new MInst(Op.EDGE, 1, zero, zero));
        b0.add(new MInst(Op.JMP, 1));
        b0.setSuccessors(1);
        b1.add(MInst.of(Op.PARAMS, i, acc));
        b1.add(new MInst(Op.BGE, 3, i, n));
        b1.setSuccessors(2, 3);
        b2.add(new MInst(Op.LI, 1, one));
        b2.add(MInst.of(Op.ADD, acc2, acc, i));
        b2.add(MInst.of(Op.ADD, i2, i, one));
        b2.add(new MInst(Op.EDGE, 1, i2, acc2));
        b2.add(new MInst(Op.JMP, 1));
        b2.setSuccessors(1);
        b3.add(MInst.of(Op.MOV, 0, acc));
        b3.add(MInst.of(Op.RET, 0));
        return f;
    }

    @Test
    void loopWithBlockParametersKeepsItsStateInRegisters() {
        MFunction f = sumLoop();
        assertEquals(45, run(f, 10));
        AllocatedFunction a = RegisterAllocator.allocate(f, FOUR);
        assertEquals(0, a.spillSlots(), a.code().toString());
        assertEquals(45, runAllocated(f, 10));
        assertEquals(4950, runAllocated(f, 100));
        // The back edge's moves coalesce with the parameters (acc is live after the loop, but not along
        // the back edge: its lifetime hole lets acc + i reuse its register): the loop body has no copy left.
        for (MInst i : a.code().blocks().get(2).insts()) {
            assertNotEquals(Op.MOV, i.op(), a.code().toString());
        }
    }

    /** (a, b) -> (b, a + b): Fibonacci with the two parameters swapped on every back edge. */
    @Test
    void swappedBlockArgumentsAreACycle() {
        MFunction f = new MFunction("fib");
        MBlock b0 = f.addBlock();
        MBlock b1 = f.addBlock();
        MBlock b2 = f.addBlock();
        MBlock b3 = f.addBlock();
        int n = f.newVreg(RegClass.INT);
        int a0 = f.newVreg(RegClass.INT);
        int b0v = f.newVreg(RegClass.INT);
        int k0 = f.newVreg(RegClass.INT);
        int a = f.newVreg(RegClass.INT);
        int b = f.newVreg(RegClass.INT);
        int k = f.newVreg(RegClass.INT);
        int one = f.newVreg(RegClass.INT);
        int sum = f.newVreg(RegClass.INT);
        int k2 = f.newVreg(RegClass.INT);
        b0.add(MInst.of(Op.MOV, n, 0));
        b0.add(new MInst(Op.LI, 0, a0));
        b0.add(new MInst(Op.LI, 1, b0v));
        b0.add(new MInst(Op.LI, 0, k0));
        b0.add(new MInst(Op.EDGE, 1, a0, b0v, k0));
        b0.add(new MInst(Op.JMP, 1));
        b0.setSuccessors(1);
        b1.add(MInst.of(Op.PARAMS, a, b, k));
        b1.add(new MInst(Op.BGE, 3, k, n));
        b1.setSuccessors(2, 3);
        b2.add(new MInst(Op.LI, 1, one));
        b2.add(MInst.of(Op.ADD, sum, a, b));
        b2.add(MInst.of(Op.ADD, k2, k, one));
        b2.add(new MInst(Op.EDGE, 1, b, sum, k2));
        b2.add(new MInst(Op.JMP, 1));
        b2.setSuccessors(1);
        b3.add(MInst.of(Op.MOV, 0, a));
        b3.add(MInst.of(Op.RET, 0));
        assertEquals(55, run(f, 10));
        assertEquals(55, runAllocated(f, 10));
        assertEquals(6765, runAllocated(f, 20));
    }

    /** A value live across a call leaves the caller-saved registers: callee-saved r2/r3 (saved) or a slot. */
    @Test
    void valuesLiveAcrossCallsAvoidClobberedRegisters() {
        MFunction f = new MFunction("call");
        MBlock b0 = f.addBlock();
        int x = f.newVreg(RegClass.INT);
        int c = f.newVreg(RegClass.INT);
        int y = f.newVreg(RegClass.INT);
        int s = f.newVreg(RegClass.INT);
        b0.add(MInst.of(Op.MOV, x, 0));
        b0.add(new MInst(Op.LI, 7, c));
        b0.add(MInst.of(Op.MOV, 0, x));
        b0.add(new MInst(Op.CALL, 0, new OperandRole[] {DEF, USE}, 0, 0));
        b0.add(MInst.of(Op.MOV, y, 0));
        b0.add(MInst.of(Op.ADD, s, y, x));
        b0.add(MInst.of(Op.ADD, s == 0 ? s : f.newVreg(RegClass.INT), s, c));
        MInst last = b0.insts().get(b0.insts().size() - 1);
        b0.add(MInst.of(Op.MOV, 0, last.reg(0)));
        b0.add(MInst.of(Op.RET, 0));
        assertEquals(3 * 5 + 7, run(f, 5));
        AllocatedFunction a = RegisterAllocator.allocate(f, FOUR);
        assertTrue(a.calleeSaved().contains(2), a.calleeSaved() + "\n" + a.code());
        assertEquals(3 * 5 + 7, runAllocated(f, 5));
    }

    @Test
    void earlyDefinitionsNeverShareAnInputRegister() {
        MFunction f = new MFunction("temp");
        MBlock b0 = f.addBlock();
        int x = f.newVreg(RegClass.INT);
        int t = f.newVreg(RegClass.INT);
        int d = f.newVreg(RegClass.INT);
        b0.add(MInst.of(Op.MOV, x, 0));
        b0.add(MInst.of(Op.ADD_VIA_TEMP, d, t, x, x));
        b0.add(MInst.of(Op.MOV, 0, d));
        b0.add(MInst.of(Op.RET, 0));
        AllocatedFunction a = RegisterAllocator.allocate(f, FOUR);
        MInst add = a.code().blocks().get(0).insts().stream().filter(i -> i.op() == Op.ADD_VIA_TEMP).findFirst().orElseThrow();
        assertNotEquals(add.reg(1), add.reg(2), a.code().toString());
        assertEquals(84, runAllocated(f, 42));
    }

    /** Six loop-carried values on four registers: some spill, the loop counter and the sum do not. */
    @Test
    void pressureInsideALoopSpillsTheColdValues() {
        MFunction f = new MFunction("pressure");
        MBlock b0 = f.addBlock();
        MBlock b1 = f.addBlock();
        MBlock b2 = f.addBlock();
        MBlock b3 = f.addBlock();
        int n = f.newVreg(RegClass.INT);
        int[] cold = new int[4];
        b0.add(MInst.of(Op.MOV, n, 0));
        for (int k = 0; k < cold.length; k++) {
            cold[k] = f.newVreg(RegClass.INT);
            b0.add(new MInst(Op.LI, 1000 * (k + 1), cold[k]));
        }
        int zero = f.newVreg(RegClass.INT);
        b0.add(new MInst(Op.LI, 0, zero));
        b0.add(new MInst(Op.EDGE, 1, zero, zero));
        b0.add(new MInst(Op.JMP, 1));
        b0.setSuccessors(1);
        int i = f.newVreg(RegClass.INT);
        int acc = f.newVreg(RegClass.INT);
        b1.add(MInst.of(Op.PARAMS, i, acc));
        b1.add(new MInst(Op.BGE, 3, i, n));
        b1.setSuccessors(2, 3);
        int one = f.newVreg(RegClass.INT);
        int i2 = f.newVreg(RegClass.INT);
        int acc2 = f.newVreg(RegClass.INT);
        b2.add(new MInst(Op.LI, 1, one));
        b2.add(MInst.of(Op.ADD, i2, i, one));
        b2.add(MInst.of(Op.ADD, acc2, acc, i));
        b2.add(new MInst(Op.EDGE, 1, i2, acc2));
        b2.add(new MInst(Op.JMP, 1));
        b2.setSuccessors(1);
        int r = acc;
        for (int c : cold) {
            int s = f.newVreg(RegClass.INT);
            b3.add(MInst.of(Op.ADD, s, r, c));
            r = s;
        }
        b3.add(MInst.of(Op.MOV, 0, r));
        b3.add(MInst.of(Op.RET, 0));
        long want = 45 + 10000;
        assertEquals(want, run(f, 10));
        AllocatedFunction a = RegisterAllocator.allocate(f, FOUR);
        assertTrue(a.spillSlots() > 0, a.code().toString());
        assertEquals(want, runAllocated(f, 10));
        // Nothing is loaded or stored inside the loop body.
        for (MInst inst : a.code().blocks().get(2).insts()) {
            assertTrue(inst.op() != Op.LOAD && inst.op() != Op.STORE, a.code().toString());
        }
    }

    @Test
    void loopDepthFollowsBackEdges() {
        MFunction f = sumLoop();
        assertEquals(List.of(0, 1, 1, 0), java.util.Arrays.stream(LoopDepth.compute(f)).boxed().toList());
    }
}
