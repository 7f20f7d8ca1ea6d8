package dev.simplec.api.service;

/**
 * Position-independent machine code for {@code arch}, its entry at offset 0, callable as the C
 * function the template's signature describes (SPEC §6). {@code backend} and {@code version} name
 * the backend service that produced it (the compiler facade fills them in; a backend leaves them
 * empty).
 */
public record CompiledCode(String arch, byte[] code, String backend, String version) {
    public CompiledCode {
        code = code.clone();
    }

    /** Code as a backend returns it, before the facade records which service produced it. */
    public CompiledCode(String arch, byte[] code) {
        this(arch, code, "", "");
    }

    /** The same code, marked as produced by the backend {@code backend} at {@code version}. */
    public CompiledCode producedBy(String backend, String version) {
        return new CompiledCode(arch, code, backend, version);
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    public int size() {
        return code.length;
    }
}
