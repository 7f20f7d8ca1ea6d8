package dev.simplec.api.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrBlockParam;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;

/**
 * {@link TrapGuards} on hand-built IR: the next block after a branch to a trap goes on in its
 * block, whichever side traps; not when it has another way in, takes parameters, is not the next
 * block, or when neither side (or both) only traps, or the trap block does more than trap.
 */
class TrapGuardsTest {
    private static final IrType T = IrType.I64;
    private static final IrBlock TRAP = new IrBlock(List.of(), new IrTerminator.Trap(TrapKind.OUT_OF_BOUNDS));

    private static IrInst i(IrOp op, int dst, long imm, int... args) {
        return new IrInst(op, op == IrOp.ULT ? IrType.I8 : T, dst, args, imm);
    }

    /** b0: v0, v1 params, v2 = v0 < v1. */
    private static IrBlock entry(IrTerminator end) {
        return new IrBlock(List.of(i(IrOp.PARAM, 0, 0), i(IrOp.PARAM, 1, 1), i(IrOp.ULT, 2, 0, 0, 1)), end);
    }

    private static IrTerminator.Branch branch(int then, int otherwise) {
        return new IrTerminator.Branch(2, then, new int[0], otherwise, new int[0]);
    }

    private static IrBlock ret(int v) {
        return new IrBlock(List.of(), IrTerminator.Ret.of(v));
    }

    private static boolean[] guarded(IrBlock... blocks) {
        return TrapGuards.guarded(new IrFunction("f", List.of(T, T), List.of(T), List.of(blocks), 4));
    }

    @Test
    void theSideThatGoesOnContinuesTheBlock() {
        assertArrayEquals(new boolean[] {false, true, false}, guarded(entry(branch(1, 2)), ret(0), TRAP));
        assertArrayEquals(new boolean[] {false, true, false}, guarded(entry(branch(2, 1)), ret(0), TRAP));
    }

    @Test
    void otherwiseEveryBlockStartsItsOwn() {
        // b1 has a second way in (b2 jumps to it).
        IrBlock jumpsBack = new IrBlock(List.of(), new IrTerminator.Jump(1, new int[0]));
        assertArrayEquals(new boolean[4], guarded(entry(branch(1, 3)), ret(0), jumpsBack, TRAP));
        // b1 takes a parameter.
        IrBlock withParam = new IrBlock(List.of(new IrBlockParam(3, T)), List.of(), IrTerminator.Ret.of(3));
        IrBlock entryPassing = entry(new IrTerminator.Branch(2, 1, new int[] {0}, 2, new int[0]));
        assertArrayEquals(new boolean[3], guarded(entryPassing, withParam, TRAP));
        // The side that goes on is not the next block.
        assertArrayEquals(new boolean[3], guarded(entry(branch(2, 1)), TRAP, ret(0)));
        // Neither side traps; both do.
        assertArrayEquals(new boolean[3], guarded(entry(branch(1, 2)), ret(0), ret(1)));
        assertArrayEquals(new boolean[3], guarded(entry(branch(1, 2)), TRAP, TRAP));
        // The trap block computes something first.
        IrBlock busyTrap = new IrBlock(List.of(i(IrOp.ICONST, 3, 7)), new IrTerminator.Trap(TrapKind.OUT_OF_BOUNDS));
        assertArrayEquals(new boolean[3], guarded(entry(branch(1, 2)), ret(0), busyTrap));
    }
}
