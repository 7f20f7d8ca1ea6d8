package dev.simplec.api.service;

import dev.simplec.api.ir.IrModule;

/**
 * A code generator for one architecture: the whole SPI is one method. Each backend registers this
 * service with the properties {@link #NAME}, {@link #ARCH} and {@link #VERSION}, which is how the
 * bridge chooses among backends without loading their classes.
 */
public interface CodegenBackend {
    /** Service property: the backend's name as callers pin it ({@code "x86_64"}, {@code "aarch64"}). */
    String NAME = "simplec.backend.name";
    /** Service property: the architecture the code runs on, in {@code uname -m} spelling. */
    String ARCH = "simplec.backend.arch";
    /** Service property: the backend's version, {@code major.minor.micro}. */
    String VERSION = "simplec.backend.version";

    CompiledCode compile(IrModule module);
}
