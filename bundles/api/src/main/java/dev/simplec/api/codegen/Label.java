package dev.simplec.api.codegen;

/** A code position that branches may name before it is known; the assembler patches them once it is bound. */
public final class Label {
    private int offset = -1;

    public boolean isBound() {
        return offset >= 0;
    }

    public int offset() {
        if (offset < 0) {
            throw new IllegalStateException("label not bound");
        }
        return offset;
    }

    void bind(int at) {
        if (offset >= 0) {
            throw new IllegalStateException("label bound twice");
        }
        offset = at;
    }
}
