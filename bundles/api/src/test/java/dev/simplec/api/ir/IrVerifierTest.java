package dev.simplec.api.ir;

import static dev.simplec.api.ir.IrType.F64;
import static dev.simplec.api.ir.IrType.I64;
import static dev.simplec.api.ir.IrType.I8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

class IrVerifierTest {
    private static String error(Build f) {
        SimplecException e = assertThrows(SimplecException.class, () -> IrVerifier.verify(new IrModule(List.of(f.function()))));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        return e.getMessage();
    }

    @Test
    void operandTypesMustMatch() {
        Build f = new Build("f", List.of(I64, F64), List.of(I64));
        int r = f.op(IrOp.ADD, I64, f.param(0), f.param(1));
        f.end(IrTerminator.Ret.of(r));
        assertEquals("malformed IR: function f: b0: `v2 = add.i64 v0, v1`: v1 is f64, expected i64", error(f));
    }

    @Test
    void definitionsMustDominateUses() {
        Build f = new Build("f", List.of(I8), List.of(I64));
        int c = f.param(0);
        f.end(new IrTerminator.Branch(c, 1, new int[0], 2, new int[0]));
        int one = f.iconst(I64, 1);
        f.end(new IrTerminator.Jump(2, new int[0]));
        f.end(IrTerminator.Ret.of(one));
        assertEquals("malformed IR: function f: b2: `ret v1`: the definition of v1 does not dominate this use", error(f));
    }

    @Test
    void blockArgumentsMustMatchParameters() {
        Build f = new Build("f", List.of(), List.of(I64));
        int x = f.iconst(I64, 1);
        f.end(new IrTerminator.Jump(1, new int[0]));
        int p = f.blockParam(I64);
        f.end(IrTerminator.Ret.of(p));
        assertEquals("malformed IR: function f: b0: `jump b1`: passes 0 arguments to b1, which has 1 parameters", error(f));
        assertEquals(0, x);
    }

    @Test
    void returnsMustMatchTheSignature() {
        Build f = new Build("f", List.of(), List.of(I64, I64));
        f.end(IrTerminator.Ret.of(f.iconst(I64, 1)));
        assertEquals("malformed IR: function f: b0: `ret v0`: returns 1 values, the function 2", error(f));
    }

    @Test
    void theEntryCannotBeJumpedTo() {
        Build f = new Build("f", List.of(), List.of());
        f.end(new IrTerminator.Jump(0, new int[0]));
        assertEquals("malformed IR: function f: b0: `jump b0`: b0 is not a block that can be jumped to", error(f));
    }

    @Test
    void valuesAreDefinedOnce() {
        IrFunction f = new IrFunction("f", List.of(), List.of(), List.of(new IrBlock(List.of(
                new IrInst(IrOp.ICONST, I64, 0, new int[0], 1), new IrInst(IrOp.ICONST, I64, 0, new int[0], 2)),
                IrTerminator.Ret.of())), 1);
        SimplecException e = assertThrows(SimplecException.class, () -> IrVerifier.verify(new IrModule(List.of(f))));
        assertEquals("malformed IR: function f: b0: `v0 = iconst.i64 2`: v0 is defined twice", e.getMessage());
    }

    @Test
    void unreachableBlocksAreAllowed() {
        Build f = new Build("f", List.of(), List.of());
        f.end(IrTerminator.Ret.of());
        f.end(new IrTerminator.Trap(TrapKind.UNREACHABLE));
        IrVerifier.verify(new IrModule(List.of(f.function())));
    }

    /** A block no path reaches is checked too, and its values typed (the one-pass walk leaves such a function to the two passes). */
    @Test
    void valuesOfAnUnreachableBlockAreTyped() {
        Build f = new Build("f", List.of(), List.of(I64));
        int one = f.iconst(I64, 1);
        f.end(IrTerminator.Ret.of(one));
        int two = f.fconst(2.0);
        f.end(new IrTerminator.Trap(TrapKind.UNREACHABLE));
        IrFunction g = f.function();
        @org.eclipse.jdt.annotation.Nullable IrType[] types = IrVerifier.verify(new IrModule(List.of(g)), g);
        assertEquals(I64, types[one]);
        assertEquals(F64, types[two]);
    }

    /**
     * With two faults the message names the one the definitions pass finds (a value defined twice,
     * in b1) before the uses pass's (an operand of the wrong type, in b0), whatever order the
     * blocks are walked in otherwise.
     */
    @Test
    void aDefinitionFaultIsNamedBeforeAUseFault() {
        IrFunction f = new IrFunction("f", List.of(I64, F64), List.of(), List.of(
                new IrBlock(List.of(), List.of(new IrInst(IrOp.PARAM, I64, 0, new int[0], 0),
                        new IrInst(IrOp.PARAM, F64, 1, new int[0], 1), new IrInst(IrOp.ADD, I64, 2, new int[] {0, 1}, 0)),
                        new IrTerminator.Jump(1, new int[0])),
                new IrBlock(List.of(), List.of(new IrInst(IrOp.ICONST, I64, 3, new int[0], 1),
                        new IrInst(IrOp.ICONST, I64, 3, new int[0], 2)), IrTerminator.Ret.of())), 4);
        SimplecException e = assertThrows(SimplecException.class, () -> IrVerifier.verify(new IrModule(List.of(f))));
        assertEquals("malformed IR: function f: b1: `v3 = iconst.i64 2`: v3 is defined twice", e.getMessage());
    }
}
