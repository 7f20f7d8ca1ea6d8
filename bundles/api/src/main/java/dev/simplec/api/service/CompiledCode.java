package dev.simplec.api.service;

/**
 * Position-independent machine code for {@code arch}, its entry at offset 0, callable as the C
 * function the template's signature describes (SPEC §6).
 */
public record CompiledCode(String arch, byte[] code) {
    public CompiledCode {
        code = code.clone();
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    public int size() {
        return code.length;
    }
}
