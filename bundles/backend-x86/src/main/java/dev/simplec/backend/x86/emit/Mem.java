package dev.simplec.backend.x86.emit;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.codegen.Label;

/**
 * A memory operand: {@code [base + index*scale + disp]}, or {@code [rip + label]} for data and code
 * inside the blob (constants, trap messages, functions).
 */
public record Mem(@Nullable Gpr base, @Nullable Gpr index, int scale, int disp, @Nullable Label target, String targetName) {
    public Mem {
        if (index == Gpr.RSP) {
            throw new IllegalArgumentException("rsp cannot be an index register");
        }
        if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale " + scale);
        }
    }

    public static Mem of(Gpr base, int disp) {
        return new Mem(base, null, 1, disp, null, "");
    }

    public static Mem of(Gpr base, Gpr index, int scale, int disp) {
        return new Mem(base, index, scale, disp, null, "");
    }

    /** {@code [rip + label]}; {@code name} is how listings show the target. */
    public static Mem rip(Label target, String name) {
        return new Mem(null, null, 1, 0, target, name);
    }

    public boolean isRip() {
        return target != null;
    }

    /** Intel syntax as GNU as reads it: {@code [rsp+0x8]}, {@code [rdi+rsi*8-0x10]}, {@code [rip+name]}. */
    @Override
    public String toString() {
        if (target != null) {
            return "[rip+" + targetName + "]";
        }
        StringBuilder sb = new StringBuilder("[");
        Gpr b = base;
        sb.append(b == null ? "" : b.name().toLowerCase(java.util.Locale.ROOT));
        Gpr i = index;
        if (i != null) {
            sb.append('+').append(i.name().toLowerCase(java.util.Locale.ROOT)).append('*').append(scale);
        }
        if (disp > 0) {
            sb.append("+0x").append(Integer.toHexString(disp));
        } else if (disp < 0) {
            sb.append("-0x").append(Long.toHexString(-(long) disp));
        }
        return sb.append(']').toString();
    }
}
