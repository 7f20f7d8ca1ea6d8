package dev.simplec.api.codegen;

/**
 * Register numbers in machine code: a target numbers its physical registers from 0 up to below
 * {@link #VIRTUAL_BASE}; virtual register {@code n} is {@code VIRTUAL_BASE + n}. Plain ints keep
 * the allocator allocation-free on the hot path.
 */
public final class Regs {
    public static final int VIRTUAL_BASE = 1 << 10;

    private Regs() {
    }

    public static boolean isVirtual(int reg) {
        return reg >= VIRTUAL_BASE;
    }

    public static int virtual(int index) {
        return VIRTUAL_BASE + index;
    }

    public static int virtualIndex(int reg) {
        return reg - VIRTUAL_BASE;
    }
}
