package dev.simplec.api.codegen;

import java.util.function.Predicate;

/** How an instruction touches one register operand. */
public enum OperandRole {
    /** Read before the instruction writes anything. */
    USE,
    /** Written; the old value is not read. Written after every input is read, so it may share an input's register. */
    DEF,
    /** Read, then written: the destination of a two-address instruction. */
    USE_DEF,
    /**
     * Written while inputs are still being read (an "early clobber"): never shares a register with
     * an input of the same instruction. Multi-instruction expansions use it for their temporaries
     * (a temporary is an {@code EARLY_DEF} nothing reads later) and for results written before the
     * last input is consumed.
     */
    EARLY_DEF;

    public boolean reads() {
        return this == USE || this == USE_DEF;
    }

    public boolean writes() {
        return this != USE;
    }

    public boolean isEarlyDef() {
        return this == EARLY_DEF;
    }

    /** Bit i set: {@code which} holds for {@code roles[i]} (roles past 63 are left out). */
    public static long maskOf(OperandRole[] roles, Predicate<OperandRole> which) {
        long m = 0;
        for (int i = 0; i < roles.length && i < 64; i++) {
            m |= which.test(roles[i]) ? 1L << i : 0;
        }
        return m;
    }
}
