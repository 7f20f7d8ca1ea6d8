package dev.simplec.api.ir;

/** Stack memory of a function (a struct literal): {@code size} bytes aligned to {@code align} (a power of two ≤ 32). */
public record IrStackSlot(int size, int align) {
    public IrStackSlot {
        if (size <= 0 || align <= 0 || align > 32 || Integer.bitCount(align) != 1) {
            throw new IllegalArgumentException("bad stack slot: size " + size + ", align " + align);
        }
    }
}
