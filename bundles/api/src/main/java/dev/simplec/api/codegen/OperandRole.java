package dev.simplec.api.codegen;

/** How an instruction touches one register operand. */
public enum OperandRole {
    /** Read before the instruction writes anything. */
    USE,
    /** Written; the old value is not read. */
    DEF,
    /** Read, then written: the destination of a two-address instruction. */
    USE_DEF;

    public boolean reads() {
        return this != DEF;
    }

    public boolean writes() {
        return this != USE;
    }
}
