package dev.simplec.inference.lower;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ir.IrType;
import dev.simplec.inference.check.Type;

/** The machine class of a scalar type: bool and 8-bit ints are I8, and so on; null for types the IR cannot hold yet. */
final class IrTypes {
    private IrTypes() {
    }

    static @Nullable IrType of(Type t) {
        if (t instanceof Type.Int i) {
            return switch (i.bits()) {
                case 8 -> IrType.I8;
                case 16 -> IrType.I16;
                case 32 -> IrType.I32;
                default -> IrType.I64;
            };
        } else if (t instanceof Type.Float f) {
            return f.bits() == 32 ? IrType.F32 : IrType.F64;
        } else if (t instanceof Type.Bool) {
            return IrType.I8;
        }
        return null;
    }
}
