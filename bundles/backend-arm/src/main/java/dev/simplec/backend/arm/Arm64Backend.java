package dev.simplec.backend.arm;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Component;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.Label;
import dev.simplec.api.codegen.RegisterAllocator;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.backend.arm.abi.Arm64FrameLayout;
import dev.simplec.backend.arm.emit.Arm64Assembler;
import dev.simplec.backend.arm.emit.Arm64Emitter;
import dev.simplec.backend.arm.isel.Arm64Isel;
import dev.simplec.backend.arm.targ.Arm64Target;

/**
 * IR to AArch64 machine code: verify, select instructions, allocate registers, emit. Functions are
 * laid out in module order, the entry first (at offset 0), each 16-byte aligned (nop padding);
 * the trap messages follow the code. Calls between them and function addresses are PC-relative
 * ({@code bl}, {@code adr}), so the blob runs wherever it is mapped. Stateless, so one instance
 * serves concurrent compiles.
 */
@Component(service = CodegenBackend.class, property = {
        CodegenBackend.NAME + "=aarch64", CodegenBackend.ARCH + "=aarch64"},
        properties = "OSGI-INF/backend.properties") // the version: see that file
public final class Arm64Backend implements CodegenBackend {
    public static final String ARCH = "aarch64";

    /** One function after allocation, with the frame it needs. */
    public record Allocated(AllocatedFunction code, Arm64FrameLayout frame) {
    }

    @Override
    public CompiledCode compile(IrModule module) {
        IrVerifier.verify(module);
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < module.functions().size(); i++) {
            labels.add(new Label());
        }
        Arm64Assembler asm = new Arm64Assembler();
        Arm64Emitter.Messages messages = new Arm64Emitter.Messages();
        for (int i = 0; i < module.functions().size(); i++) {
            IrFunction f = module.functions().get(i);
            asm.align(16);
            Allocated fn = allocate(module, f);
            try {
                Arm64Emitter.emit(asm, fn.code(), fn.frame(), labels, labels.get(i), messages);
            } catch (SimplecException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SimplecException(ErrorKind.INTERNAL, "aarch64: function " + f.name() + ": " + e, e);
            }
        }
        messages.emit(asm);
        return new CompiledCode(ARCH, asm.finish());
    }

    /**
     * The callee-saved registers the frame must preserve: those the code writes. The shared
     * allocator also counts the callee-saved registers a call clobbers, but the only ones ours
     * clobber are v8–v15, and only their upper halves, which AAPCS64 does not ask us to keep: the
     * callee preserves the low halves (d8–d15) itself.
     */
    static List<Integer> saved(AllocatedFunction code) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (dev.simplec.api.codegen.MBlock b : code.code().blocks()) {
            for (dev.simplec.api.codegen.MInst inst : b.insts()) {
                for (int i = 0; i < inst.regCount(); i++) {
                    if (inst.role(i).writes() && Arm64Target.INSTANCE.isCalleeSaved(inst.reg(i))) {
                        out.add(inst.reg(i));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The machine code of {@code f} after register allocation, before encoding (for tests and disassembly). */
    public static Allocated allocate(IrModule module, IrFunction f) {
        @Nullable IrType[] types = IrVerifier.verify(module, f);
        try {
            Arm64Isel.Selected selected = Arm64Isel.select(module, f, types);
            AllocatedFunction code = RegisterAllocator.allocate(selected.code(), Arm64Target.INSTANCE);
            return new Allocated(code, new Arm64FrameLayout(saved(code), code.spillSlots(), selected.outgoingBytes(),
                    f.stackSlots(), selected.calls()));
        } catch (SimplecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SimplecException(ErrorKind.INTERNAL, "aarch64: function " + f.name() + ": " + e, e);
        }
    }
}
