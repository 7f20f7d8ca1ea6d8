package dev.simplec.api.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.eclipse.jdt.annotation.Nullable;
import org.junit.jupiter.api.Test;

class IrTypeTest {
    /** The reference: a search of every type, as {@link IrType#vector} once was. */
    private static @Nullable IrType search(int laneBits, boolean floating, int lanes) {
        for (IrType t : IrType.values()) {
            if (t.isVector() && t.laneBits() == laneBits && t.isFloat() == floating && t.lanes() == lanes) {
                return t;
            }
        }
        return null;
    }

    @Test
    void everyVectorTypeIsFoundByItsLanes() {
        int vectors = 0;
        for (IrType t : IrType.values()) {
            if (t.isVector()) {
                assertSame(t, IrType.vector(t.laneBits(), t.isFloat(), t.lanes()));
                vectors++;
            }
        }
        assertEquals(10, vectors);
    }

    @Test
    void answersAsTheSearchDoes() {
        int[] laneBits = {-8, 0, 1, 8, 16, 24, 32, 64, 128};
        // 16 + 2^29 lanes of 8 bits is 128 bits modulo 2^32: still no type.
        int[] lanes = {-4, 0, 1, 2, 3, 4, 5, 8, 16, 32, 64, 16 + (1 << 29)};
        for (int b : laneBits) {
            for (boolean floating : new boolean[] {false, true}) {
                for (int n : lanes) {
                    assertSame(search(b, floating, n), IrType.vector(b, floating, n), b + " " + floating + " " + n);
                }
            }
        }
    }

    @Test
    void scalarsAndWidthsTheIrLacksAreNotVectors() {
        assertNull(IrType.vector(64, false, 1));
        assertNull(IrType.vector(8, true, 16));
        assertNull(IrType.vector(8, false, 32));
        assertNull(IrType.vector(64, true, 8));
    }
}
