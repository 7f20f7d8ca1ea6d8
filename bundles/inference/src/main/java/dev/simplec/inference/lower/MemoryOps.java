package dev.simplec.inference.lower;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.inference.check.Type;

/**
 * Memory access of lowered code: typed loads and stores at C layout offsets, explicit bounds
 * checks that branch to a trap block, element addresses, struct copies and text literals.
 */
final class MemoryOps {
    private final IrBuilder ir;
    private final Layouts layouts;

    MemoryOps(IrBuilder ir, Layouts layouts) {
        this.ir = ir;
        this.layouts = layouts;
    }

    /** The value of type {@code t} stored at {@code addr + offset}; a struct is its address there, not a copy. */
    int[] load(Type t, int addr, long offset) {
        if (t instanceof Type.Named) {
            return Values.one(offsetAddress(addr, offset));
        }
        if (t instanceof Type.Tuple) {
            List<Type> elems = layouts.members(t);
            int[] offs = layouts.of(t).offsets();
            int[] out = new int[0];
            for (int i = 0; i < elems.size(); i++) {
                out = Values.concat(out, load(elems.get(i), addr, offset + offs[i]));
            }
            return out;
        }
        if (t instanceof Type.Array || t instanceof Type.Text) {
            return new int[] {ir.emit(IrOp.LOAD, IrType.I64, new int[] {addr}, offset),
                ir.emit(IrOp.LOAD, IrType.I64, new int[] {addr}, offset + 8)};
        }
        return Values.one(ir.emit(IrOp.LOAD, IrTypes.scalar(t), new int[] {addr}, offset));
    }

    /** Stores {@code value} of type {@code t} at {@code addr + offset}; a struct's bytes are copied. */
    void store(Type t, int addr, long offset, int[] value) {
        if (t instanceof Type.Named) {
            copy(value[0], addr, offset, layouts.of(t).size());
        } else if (t instanceof Type.Tuple) {
            List<Type> elems = layouts.members(t);
            int[] offs = layouts.of(t).offsets();
            int at = 0;
            for (int i = 0; i < elems.size(); i++) {
                int w = IrTypes.width(elems.get(i));
                store(elems.get(i), addr, offset + offs[i], Values.slice(value, at, w));
                at += w;
            }
        } else if (t instanceof Type.Array || t instanceof Type.Text) {
            ir.effect(IrOp.STORE, IrType.I64, new int[] {addr, value[0]}, offset);
            ir.effect(IrOp.STORE, IrType.I64, new int[] {addr, value[1]}, offset + 8);
        } else {
            ir.effect(IrOp.STORE, IrTypes.scalar(t), new int[] {addr, value[0]}, offset);
        }
    }

    /** Copies {@code size} bytes from {@code from} to {@code to + offset} in 8, 4, 2 and 1 byte pieces. */
    private void copy(int from, int to, long offset, int size) {
        int done = 0;
        for (IrType piece : new IrType[] {IrType.I64, IrType.I32, IrType.I16, IrType.I8}) {
            while (size - done >= piece.bytes()) {
                int v = ir.emit(IrOp.LOAD, piece, new int[] {from}, done);
                ir.effect(IrOp.STORE, piece, new int[] {to, v}, offset + done);
                done += piece.bytes();
            }
        }
    }

    int offsetAddress(int addr, long offset) {
        return offset == 0 ? addr : ir.emit(IrOp.ADD, IrType.I64, addr, ir.iconst(IrType.I64, offset));
    }

    /** Traps unless {@code 0 <= index < len} (one unsigned comparison). */
    void checkIndex(int index, int len) {
        ir.check(ir.emit(IrOp.ULT, IrType.I64, index, len), TrapKind.OUT_OF_BOUNDS);
    }

    /**
     * Traps unless elements {@code index .. index + count - 1} are all in bounds; no overflow for any
     * index. Two checks, not one of an {@code and}: the branches the backends would split it into.
     */
    void checkRange(int index, int len, int count) {
        int n = ir.iconst(IrType.I64, count);
        int fits = ir.emit(IrOp.ULE, IrType.I64, n, len);
        int last = ir.emit(IrOp.SUB, IrType.I64, len, n);
        ir.check(fits, TrapKind.OUT_OF_BOUNDS);
        ir.check(ir.emit(IrOp.ULE, IrType.I64, index, last), TrapKind.OUT_OF_BOUNDS);
    }

    /** {@code data + index * stride} for elements of type {@code elem}. */
    int elementAddress(int data, int index, Type elem) {
        int stride = layouts.of(elem).size();
        int scaled = stride == 1 ? index : ir.emit(IrOp.MUL, IrType.I64, index, ir.iconst(IrType.I64, stride));
        return ir.emit(IrOp.ADD, IrType.I64, data, scaled);
    }

    /**
     * A text literal: its UTF-8 bytes stored into a stack slot (the IR has no constant data), then
     * (address, length). Whole 8-byte words first, then single bytes.
     */
    int[] text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int slot = ir.slot(bytes.length, 8);
        int addr = ir.emit(IrOp.STACK_ADDR, IrType.I64, new int[0], slot);
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            long word = 0;
            for (int k = 7; k >= 0; k--) {
                word = (word << 8) | (bytes[i + k] & 0xff);
            }
            ir.effect(IrOp.STORE, IrType.I64, new int[] {addr, ir.iconst(IrType.I64, word)}, i);
        }
        for (; i < bytes.length; i++) {
            ir.effect(IrOp.STORE, IrType.I8, new int[] {addr, ir.iconst(IrType.I8, bytes[i])}, i);
        }
        return new int[] {addr, ir.iconst(IrType.I64, bytes.length)};
    }

    /** A struct literal's memory: a new stack slot of the struct's size and alignment; its address. */
    int structSlot(Type struct) {
        Layouts.Layout l = layouts.of(struct);
        int slot = ir.slot(l.size(), l.align());
        return ir.emit(IrOp.STACK_ADDR, IrType.I64, new int[0], slot);
    }

    Layouts layouts() {
        return layouts;
    }
}
