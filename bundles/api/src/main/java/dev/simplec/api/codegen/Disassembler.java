package dev.simplec.api.codegen;

import dev.simplec.api.ir.IrModule;

/**
 * Implemented by a backend whose code can be shown to humans: what {@code compile} would produce
 * for {@code module}, one instruction per line (offset, bytes, assembly text), functions labelled.
 * Shells and tools ask a {@code CodegenBackend} for it with {@code instanceof}.
 */
public interface Disassembler {
    String disassemble(IrModule module);
}
