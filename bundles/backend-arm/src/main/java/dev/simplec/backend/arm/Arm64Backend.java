package dev.simplec.backend.arm;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Component;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.AccumulatorRecursion;
import dev.simplec.api.codegen.AllocatedFunction;
import dev.simplec.api.codegen.CallInlining;
import dev.simplec.api.codegen.CodeLimits;
import dev.simplec.api.codegen.Disassembler;
import dev.simplec.api.codegen.Inlining;
import dev.simplec.api.codegen.IrRewrites;
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
import dev.simplec.backend.arm.emit.Arm64Disassembler;
import dev.simplec.backend.arm.emit.Arm64Emitter;
import dev.simplec.backend.arm.isel.Arm64Isel;
import dev.simplec.backend.arm.targ.Arm64Target;

/**
 * IR to AArch64 machine code: inline calls of small leaf functions ({@link CallInlining}, module-wide),
 * then per function still called verify, rewrite its IR for code generation (the shared,
 * target-neutral {@link IrRewrites}, as the x86-64 backend does), select instructions, allocate
 * registers, emit. Functions are laid out in module order, the entry first (at offset 0), each
 * 16-byte aligned (nop padding); the trap messages follow the code. Calls between them and function addresses are PC-relative
 * ({@code bl}, {@code adr}), so the blob runs wherever it is mapped. Its listing comes from the
 * built-in {@link Arm64Disassembler}, no external tool. Stateless, so one instance serves
 * concurrent compiles.
 */
@Component(service = CodegenBackend.class, property = {
        CodegenBackend.NAME + "=aarch64", CodegenBackend.ARCH + "=aarch64"},
        properties = "OSGI-INF/backend.properties") // the version: see that file
public final class Arm64Backend implements CodegenBackend, Disassembler {
    public static final String ARCH = "aarch64";

    /** One function after allocation, with the frame it needs. */
    public record Allocated(AllocatedFunction code, Arm64FrameLayout frame) {
    }

    /** The code and its listing. */
    public record Build(byte[] code, String listing) {
    }

    @Override
    public CompiledCode compile(IrModule module) {
        return new CompiledCode(ARCH, build(module, Inlining.SMALL_LEAVES, false).code());
    }

    /** What {@link #compile} produces, one instruction per line (see {@link Arm64Disassembler}). */
    @Override
    public String disassemble(IrModule module) {
        return build(module).listing();
    }

    /** The code and its listing. */
    public static Build build(IrModule module) {
        return build(module, Inlining.SMALL_LEAVES, true);
    }

    /** The code and its listing, inlining as {@code inlining} says. */
    public static Build build(IrModule module, Inlining inlining) {
        return build(module, inlining, true);
    }

    private static Build build(IrModule given, Inlining inlining, boolean listing) {
        CodeLimits.check(given);
        CallInlining.Inlined inlined;
        try {
            inlined = CallInlining.inline(given, inlining);
        } catch (RuntimeException e) {
            throw new SimplecException(ErrorKind.INTERNAL, "aarch64: function " + given.entry().name() + ": " + e, e);
        }
        IrModule module = inlined.module();
        // No whole-module verification first: allocate verifies each function before selecting it.
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < module.functions().size(); i++) {
            labels.add(new Label());
        }
        Arm64Assembler asm = new Arm64Assembler();
        Arm64Emitter.Messages messages = new Arm64Emitter.Messages();
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < module.functions().size(); i++) {
            if (!inlined.compiled(i)) {
                continue; // every call of it was inlined
            }
            IrFunction f = module.functions().get(i);
            asm.align(16);
            starts.add(asm.size());
            names.add(f.name());
            Allocated fn = allocate(module, i);
            try {
                Arm64Emitter.emit(asm, fn.code(), fn.frame(), labels, labels.get(i), messages);
            } catch (SimplecException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SimplecException(ErrorKind.INTERNAL, "aarch64: function " + f.name() + ": " + e, e);
            }
        }
        int dataStart = asm.size();
        messages.emit(asm);
        byte[] code = asm.finish();
        return new Build(code, listing ? Arm64Disassembler.format(code, dataStart, starts, names) : "");
    }

    /**
     * The callee-saved registers the frame must preserve: those the code writes. The shared
     * allocator also counts the callee-saved registers a call clobbers, but the only ones ours
     * clobber are v8–v15, and only their upper halves, which AAPCS64 does not ask us to keep: the
     * callee preserves the low halves (d8–d15) itself.
     */
    static List<Integer> saved(AllocatedFunction code) {
        boolean[] written = new boolean[Arm64Target.INSTANCE.physicalCount()];
        for (dev.simplec.api.codegen.MBlock b : code.code().blocks()) {
            for (dev.simplec.api.codegen.MInst inst : b.insts()) {
                for (int i = 0; i < inst.regCount(); i++) {
                    if (inst.role(i).writes()) {
                        written[inst.reg(i)] = true;
                    }
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int reg = 0; reg < written.length; reg++) {
            if (written[reg] && Arm64Target.INSTANCE.isCalleeSaved(reg)) {
                out.add(reg); // ascending, as the frame layout expects
            }
        }
        return out;
    }

    /** The machine code of function {@code index} of {@code module} after register allocation, before encoding (for tests). */
    public static Allocated allocate(IrModule module, int index) {
        IrFunction original = module.functions().get(index);
        @Nullable IrType[] checked = IrVerifier.verify(module, original);
        try {
            AccumulatorRecursion.Rewritten shaped = IrRewrites.beforeSelection(original, index, checked);
            IrFunction f = shaped.function();
            Arm64Isel.Selected selected = Arm64Isel.select(module, f, shaped.types());
            AllocatedFunction code = RegisterAllocator.allocate(selected.code(), Arm64Target.INSTANCE);
            return new Allocated(code, new Arm64FrameLayout(saved(code), code.spillSlots(), selected.outgoingBytes(),
                    f.stackSlots(), selected.calls()));
        } catch (SimplecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SimplecException(ErrorKind.INTERNAL, "aarch64: function " + original.name() + ": " + e, e);
        }
    }
}
