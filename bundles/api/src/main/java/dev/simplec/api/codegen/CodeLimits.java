package dev.simplec.api.codegen;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;

/**
 * The size limits every backend enforces, so that no module, however large, makes a compile run
 * for long or produce an unbounded blob (docs/reliability.md, "Limits"). The front end checks the
 * IR limits too, as it lowers, so an oversized instantiation stops before a backend sees it.
 *
 * <p>IR size counts instructions plus one per block (its terminator). Machine code is checked as it
 * is emitted ({@link CodeBuffer}): past {@link #MAX_CODE_BYTES} the compile stops. Code of at most
 * 1 MiB also keeps every AArch64 branch and {@code adr} (±1 MiB) in range.
 */
public final class CodeLimits {
    /** Largest blob a backend produces, constants and trap messages included: 1 MiB. */
    public static final int MAX_CODE_BYTES = 1 << 20;
    /** Largest function: IR instructions plus blocks. */
    public static final int MAX_FUNCTION_IR = 20_000;
    /** Largest module (all instances of one instantiation together): IR instructions plus blocks. */
    public static final int MAX_MODULE_IR = 100_000;

    private CodeLimits() {
    }

    /** The IR size of {@code f}: its instructions plus one per block. */
    public static int size(IrFunction f) {
        int n = 0;
        for (IrBlock b : f.blocks()) {
            n += b.insts().size() + 1;
        }
        return n;
    }

    /** Throws the LIMIT error when {@code f} alone is over {@link #MAX_FUNCTION_IR}; returns its size. */
    public static int checkFunction(IrFunction f) {
        int n = size(f);
        if (n > MAX_FUNCTION_IR) {
            throw new SimplecException(ErrorKind.LIMIT, "function " + f.name() + " is too large: " + n
                    + " IR instructions (the limit is " + MAX_FUNCTION_IR + ")");
        }
        return n;
    }

    /** Throws the LIMIT error when the module's functions together are over {@link #MAX_MODULE_IR}. */
    public static void checkModuleSize(int total) {
        if (total > MAX_MODULE_IR) {
            throw new SimplecException(ErrorKind.LIMIT, "the instantiation is too large: more than " + MAX_MODULE_IR
                    + " IR instructions in all functions together (the limit is " + MAX_MODULE_IR + ")");
        }
    }

    /** Every function within {@link #MAX_FUNCTION_IR}, all together within {@link #MAX_MODULE_IR}. */
    public static void check(IrModule module) {
        int total = 0;
        for (IrFunction f : module.functions()) {
            total += checkFunction(f);
            checkModuleSize(total);
        }
    }

    /** The error for code past {@link #MAX_CODE_BYTES}. */
    public static SimplecException codeTooLarge() {
        return new SimplecException(ErrorKind.LIMIT, "the generated code is too large: more than " + MAX_CODE_BYTES
                + " bytes (the limit is " + MAX_CODE_BYTES + ")");
    }
}
