package dev.simplec.api.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;

/** The IR records' lists and terminators: immutable, copied once, read without copies. */
class IrRecordsTest {
    private static IrInst iconst(int dst, long value) {
        return new IrInst(IrOp.ICONST, IrType.I64, dst, new int[0], value);
    }

    @Test
    void blockListsAreImmutableAndKeptWhenPassedOn() {
        List<IrInst> insts = new ArrayList<>(List.of(iconst(0, 1), iconst(1, 2), iconst(2, 3)));
        IrBlock block = new IrBlock(insts, IrTerminator.Ret.of(2));
        insts.clear(); // the block copied its list
        assertEquals(3, block.insts().size());
        assertEquals(iconst(1, 2), block.insts().get(1));
        assertThrows(UnsupportedOperationException.class, () -> block.insts().add(iconst(3, 4)));
        assertThrows(UnsupportedOperationException.class, () -> block.insts().set(0, iconst(3, 4)));
        // A block made from another's list keeps it; equality is element by element, as for any list.
        IrBlock again = new IrBlock(block.params(), block.insts(), block.terminator());
        assertSame(block.insts(), again.insts());
        assertEquals(block, new IrBlock(List.of(iconst(0, 1), iconst(1, 2), iconst(2, 3)), IrTerminator.Ret.of(2)));
        assertEquals(List.of(iconst(0, 1), iconst(1, 2), iconst(2, 3)), block.insts());
        assertEquals(List.of(iconst(0, 1), iconst(1, 2), iconst(2, 3)).hashCode(), block.insts().hashCode());
    }

    /** {@code others} and then a null, as a caller without null analysis could pass. */
    @SuppressWarnings({"unchecked", "null"})
    private static List<IrInst> withNull(IrInst... others) {
        List<@Nullable IrInst> list = new ArrayList<>(Arrays.asList(others));
        list.add(null);
        return (List<IrInst>) (List<?>) list;
    }

    @Test
    void aListThatMayKeepItsArrayIsCopiedAndNullsAreRefused() {
        IrInst[] shared = {iconst(0, 1)};
        // A list that hands out its own array (against Collection.toArray's word): the block must not keep it.
        List<IrInst> leaky = new AbstractList<>() {
            @Override
            public IrInst get(int index) {
                return shared[index];
            }

            @Override
            public int size() {
                return shared.length;
            }

            @Override
            public Object[] toArray() {
                return shared;
            }
        };
        IrBlock block = new IrBlock(leaky, IrTerminator.Ret.of(0));
        shared[0] = iconst(0, 9);
        assertEquals(iconst(0, 1), block.insts().get(0));
        assertThrows(NullPointerException.class, () -> new IrBlock(withNull(), IrTerminator.Ret.of()));
        assertThrows(NullPointerException.class, () -> new IrBlock(new ArrayList<>(withNull(iconst(0, 1))), IrTerminator.Ret.of()));
    }

    @Test
    void terminatorsReadWithoutCopiesAndRetargetWithTheirArguments() {
        IrTerminator.Jump j = new IrTerminator.Jump(3, new int[] {4, 5});
        assertEquals(2, j.argCount());
        assertEquals(5, j.arg(1));
        IrTerminator.Jump moved = j.withTarget(7);
        assertEquals(new IrTerminator.Jump(7, new int[] {4, 5}), moved);
        IrTerminator.Branch br = new IrTerminator.Branch(1, 2, new int[] {6}, 3, new int[] {7, 8});
        assertEquals(1, br.thenArgCount());
        assertEquals(6, br.thenArg(0));
        assertEquals(2, br.elseArgCount());
        assertEquals(8, br.elseArg(1));
        assertEquals(new IrTerminator.Branch(1, 9, new int[] {6}, 10, new int[] {7, 8}), br.withTargets(9, 10));
        IrTerminator.Ret r = IrTerminator.Ret.of(11, 12);
        assertEquals(2, r.valueCount());
        assertEquals(12, r.value(1));
        // The array accessors still hand out copies.
        int[] args = j.args();
        args[0] = 99;
        assertEquals(4, j.arg(0));
        assertNotSame(br.thenArgs(), br.thenArgs());
        assertArrayEquals(new int[] {7, 8}, br.elseArgs());
    }
}
