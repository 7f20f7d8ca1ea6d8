package dev.simplec.backend.arm;

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
import dev.simplec.backend.arm.emit.Arm64Assembler;
import dev.simplec.backend.arm.emit.Arm64Emitter;
import dev.simplec.backend.arm.isel.Arm64Isel;
import dev.simplec.backend.arm.targ.Arm64Target;

import org.eclipse.jdt.annotation.Nullable;

/**
 * IR to AArch64 machine code: verify, select instructions, allocate registers, emit. Functions are
 * laid out in module order, the entry first (at offset 0), each 16-byte aligned (nop padding). Stateless, so
 * one instance serves concurrent compiles.
 */
@Component(service = CodegenBackend.class, property = {
        CodegenBackend.NAME + "=aarch64", CodegenBackend.ARCH + "=aarch64", CodegenBackend.VERSION + "=1.0.0"})
public final class Arm64Backend implements CodegenBackend {
    public static final String ARCH = "aarch64";

    @Override
    public CompiledCode compile(IrModule module) {
        Arm64Assembler asm = new Arm64Assembler();
        for (IrFunction f : module.functions()) {
            asm.align(16);
            Arm64Emitter.emit(asm, allocate(f));
        }
        return new CompiledCode(ARCH, asm.finish());
    }

    /** The machine code of {@code f} after register allocation, before encoding (for tests and disassembly). */
    public static AllocatedFunction allocate(IrFunction f) {
        try {
            @Nullable IrType[] types = IrVerifier.verify(f);
            MFunction selected = Arm64Isel.select(f, types);
            return RegisterAllocator.allocate(selected, Arm64Target.INSTANCE);
        } catch (SimplecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SimplecException(dev.simplec.api.ErrorKind.INTERNAL, "aarch64: function " + f.name() + ": " + e, e);
        }
    }
}
