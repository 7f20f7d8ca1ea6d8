package dev.simplec.backend.x86;

import org.osgi.service.component.annotations.Component;

import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.IrVerifier;
import dev.simplec.api.codegen.MFunction;
import dev.simplec.api.codegen.RegisterAllocator;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.backend.x86.emit.X86Assembler;
import dev.simplec.backend.x86.emit.X86Emitter;
import dev.simplec.backend.x86.isel.X86Isel;
import dev.simplec.backend.x86.targ.X86Target;

import org.eclipse.jdt.annotation.Nullable;

/**
 * IR to x86-64 machine code: verify, select instructions, allocate registers, emit. Functions are
 * laid out in module order, the entry first (at offset 0), each 16-byte aligned. Stateless, so
 * one instance serves concurrent compiles.
 */
@Component(service = CodegenBackend.class, property = {
        CodegenBackend.NAME + "=x86_64", CodegenBackend.ARCH + "=x86_64", CodegenBackend.VERSION + "=1.0.0"})
public final class X86Backend implements CodegenBackend {
    public static final String ARCH = "x86_64";

    @Override
    public CompiledCode compile(IrModule module) {
        X86Assembler asm = new X86Assembler();
        for (IrFunction f : module.functions()) {
            asm.align(16);
            X86Emitter.emit(asm, allocate(f));
        }
        return new CompiledCode(ARCH, asm.finish());
    }

    /** The machine code of {@code f} after register allocation, before encoding (for tests and disassembly). */
    public static AllocatedFunction allocate(IrFunction f) {
        try {
            @Nullable IrType[] types = IrVerifier.verify(f);
            MFunction selected = X86Isel.select(f, types);
            return RegisterAllocator.allocate(selected, X86Target.INSTANCE);
        } catch (SimplecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SimplecException(dev.simplec.api.ErrorKind.INTERNAL, "x86_64: function " + f.name() + ": " + e, e);
        }
    }
}
