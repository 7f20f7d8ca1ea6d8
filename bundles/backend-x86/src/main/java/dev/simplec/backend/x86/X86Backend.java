package dev.simplec.backend.x86;

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
import dev.simplec.api.codegen.StackSlots;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.service.CodegenBackend;
import dev.simplec.api.service.CompiledCode;
import dev.simplec.backend.x86.emit.ConstPool;
import dev.simplec.backend.x86.emit.X86Assembler;
import dev.simplec.backend.x86.emit.X86Disassembler;
import dev.simplec.backend.x86.emit.X86Emitter;
import dev.simplec.backend.x86.isel.X86Isel;
import dev.simplec.backend.x86.targ.X86Target;

/**
 * IR to x86-64 machine code: inline calls of small leaf functions ({@link CallInlining}, module-wide);
 * per function still called, verify; rewrite its IR for code generation (the shared, target-neutral
 * {@link IrRewrites}); select instructions, allocate registers, emit. Functions are laid out in
 * module order, the entry first (at offset 0), each 16-byte aligned; constants and trap messages
 * follow the code. Stateless, so one instance serves concurrent compiles.
 */
@Component(service = CodegenBackend.class, property = {
        CodegenBackend.NAME + "=x86_64", CodegenBackend.ARCH + "=x86_64"},
        properties = "OSGI-INF/backend.properties") // the version: see that file
public final class X86Backend implements CodegenBackend, Disassembler {
    public static final String ARCH = "x86_64";

    /** The code and its listing. */
    public record Build(byte[] code, String listing) {
    }

    @Override
    public CompiledCode compile(IrModule module) {
        return new CompiledCode(ARCH, build(module, Inlining.SMALL_LEAVES, false).code());
    }

    /** What {@link #compile} produces, one instruction per line (see {@link X86Disassembler}). */
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
        CallInlining.Inlined inlined = guarded(given.entry(), () -> CallInlining.inline(given, inlining));
        IrModule module = inlined.module();
        List<String> traps = new ArrayList<>();
        List<Compiled> compiled = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int index = 0; index < module.functions().size(); index++) {
            IrFunction original = module.functions().get(index);
            labels.add(new Label());
            names.add(original.name());
            if (!inlined.compiled(index)) {
                continue; // every call of it was inlined
            }
            @Nullable IrType[] checked = IrVerifier.verify(module, original);
            int self = index;
            AccumulatorRecursion.Rewritten shaped = guarded(original,
                    () -> IrRewrites.beforeSelection(original, self, checked));
            IrFunction f = shaped.function();
            @Nullable IrType[] types = shaped.types();
            X86Isel.Result sel = guarded(f, () -> X86Isel.select(module, f, types, traps, HostCpu.hasAvx2()));
            if (sel.usesYmm() && !HostCpu.hasAvx2()) {
                throw new SimplecException(ErrorKind.UNSUPPORTED, "x86_64: function " + f.name()
                        + " uses 256-bit vectors, which need AVX2, and this CPU has no AVX2 (use 128-bit vectors)");
            }
            AllocatedFunction code = guarded(f, () -> RegisterAllocator.allocate(sel.code(), X86Target.INSTANCE));
            boolean returns256 = false;
            for (IrType t : f.returns()) {
                returns256 |= t.bits() == 256;
            }
            compiled.add(new Compiled(index, f, code, sel.usesYmm(), sel.usesYmm() && !returns256));
        }
        int insts = 0;
        for (Compiled c : compiled) {
            insts += c.code().code().instCount();
        }
        // About five bytes an instruction, and the data after the code.
        X86Assembler asm = new X86Assembler(listing, 6 * insts + 64 * traps.size() + 64);
        ConstPool pool = new ConstPool(traps, listing);
        X86Emitter.Context ctx = new X86Emitter.Context(labels, names, pool);
        List<Integer> starts = new ArrayList<>();
        List<String> startNames = new ArrayList<>();
        for (Compiled c : compiled) {
            asm.align(16);
            asm.bind(labels.get(c.index()));
            starts.add(asm.size());
            startNames.add(c.f().name());
            guarded(c.f(), () -> {
                X86Emitter.emit(asm, c.code(), StackSlots.layout(c.f().stackSlots()), ctx, c.ymm(), c.zeroUpper());
                return c;
            });
        }
        pool.emit(asm);
        byte[] code = asm.finish();
        return new Build(code, listing ? X86Disassembler.format(code, asm.listing(), starts, startNames) : "");
    }

    /** A function ready to emit: its number, its IR after the rewrites, its allocated code, its vector state. */
    private record Compiled(int index, IrFunction f, AllocatedFunction code, boolean ymm, boolean zeroUpper) {
    }

    private interface Step<T> {
        T run();
    }

    /** Defects inside the pipeline become INTERNAL errors naming the function; typed errors pass through. */
    private static <T> T guarded(IrFunction f, Step<T> step) {
        try {
            return step.run();
        } catch (SimplecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SimplecException(ErrorKind.INTERNAL, "x86_64: function " + f.name() + ": " + e, e);
        }
    }
}
