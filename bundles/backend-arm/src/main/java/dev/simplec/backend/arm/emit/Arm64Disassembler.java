package dev.simplec.backend.arm.emit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Human-readable listings of AArch64 code, decoded from the instruction words and printed as GNU
 * objdump prints them (its mnemonics, preferred aliases, operand spelling and {@code //} comments;
 * whitespace is single spaces), so readers see the familiar text and tests can compare it with
 * objdump's. It decodes the instruction classes {@link Arm64Assembler} writes, each class as a
 * whole (every register, size, shift kind and addressing mode of it), not only the operands the
 * backend happens to use; a word outside them prints as {@code .inst 0x… ; undefined}, as objdump
 * prints a word it cannot decode. No external tool is needed: the listing is the backend's own.
 */
public final class Arm64Disassembler {
    private static final String[] CONDS = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};
    /** objdump's other names for each condition, shown in a comment after the operands. */
    private static final String[][] COND_ALIASES = {{"none"}, {"any"}, {"hs", "nlast"}, {"lo", "ul", "last"}, {"first"},
            {"nfrst"}, {}, {}, {"pmore"}, {"plast"}, {"tcont"}, {"tstop"}, {}, {}, {}, {}};
    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};
    private static final String[] ARRANGEMENTS = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
    private static final String[] ELEMENTS = {"b", "h", "s", "d"};
    private static final String[] FP_BY_SIZE = {"b", "h", "s", "d", "q"};

    private Arm64Disassembler() {
    }

    /**
     * The listing: a {@code name:} line where each function starts ({@code starts} and {@code names}
     * in step), then one line per instruction word below {@code dataStart} —
     * {@code     1c:  8b000000  add x0, x0, x0} — and one {@code (data)} line per string after it
     * (the trap messages: each up to its newline, zero padding skipped).
     */
    public static String format(byte[] code, int dataStart, List<Integer> starts, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at + 4 <= dataStart; at += 4) {
            int fn = starts.indexOf(at);
            if (fn >= 0) {
                sb.append(names.get(fn)).append(":\n");
            }
            int word = (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | (code[at + 3] & 0xff) << 24;
            sb.append(String.format("%6x:  %08x  %s%n", at, word, instruction(word, at)));
        }
        int at = dataStart;
        while (at < code.length) {
            if (code[at] == 0) {
                at++;
                continue;
            }
            int end = at;
            while (end < code.length && code[end] != 0 && code[end++] != '\n') {
                // to the newline that ends a message, or the padding after it
            }
            sb.append(String.format("%6x:  %8s  (data) %s%n", at, "", quoted(Arrays.copyOfRange(code, at, end))));
            at = end;
        }
        return sb.toString();
    }

    /** The text of the instruction {@code word} at byte offset {@code pc} (branch targets are pc-relative). */
    public static String instruction(int word, long pc) {
        String text = decode(word, pc);
        return text != null ? text : String.format(".inst 0x%08x ; undefined", word);
    }

    private static @Nullable String decode(int w, long pc) {
        // Each test names one encoding class by its fixed bits (Arm ARM, "A64 instruction set encoding").
        if ((w & 0x1F000000) == 0x10000000) {
            return pcRelative(w, pc);
        }
        if ((w & 0x1F800000) == 0x11000000) {
            return addSubImmediate(w);
        }
        if ((w & 0x1F800000) == 0x12000000) {
            return logicalImmediate(w);
        }
        if ((w & 0x1F800000) == 0x12800000) {
            return moveWide(w);
        }
        if ((w & 0x1F800000) == 0x13000000) {
            return bitfield(w);
        }
        if ((w & 0x7C000000) == 0x14000000) {
            return ((w & 0x80000000) != 0 ? "bl " : "b ") + target(pc, w, 0, 26);
        }
        if ((w & 0x7E000000) == 0x34000000) {
            return ((w & 0x01000000) != 0 ? "cbnz " : "cbz ") + gpr(w, 0, w < 0) + ", " + target(pc, w, 5, 19);
        }
        if ((w & 0x7E000000) == 0x36000000) {
            int bit = (w >>> 31) << 5 | (w >>> 19 & 31);
            return ((w & 0x01000000) != 0 ? "tbnz " : "tbz ") + gpr(w, 0, bit >= 32) + ", #" + bit + ", " + target(pc, w, 5, 14);
        }
        if ((w & 0xFF000010) == 0x54000000) {
            return conditionalBranch(w, pc);
        }
        if ((w & 0xFFE0001F) == 0xD4000001) {
            return "svc " + hex(w >>> 5 & 0xFFFF);
        }
        if ((w & 0xFFE0001F) == 0xD4200000) {
            return "brk " + hex(w >>> 5 & 0xFFFF);
        }
        if (w == 0xD503201F) {
            return "nop";
        }
        if ((w & 0xFF9FFC1F) == 0xD61F0000) {
            return branchRegister(w);
        }
        if ((w & 0x3B000000) == 0x39000000) {
            return loadStoreUnsigned(w);
        }
        if ((w & 0x3B200000) == 0x38000000) {
            return loadStoreImm9(w);
        }
        if ((w & 0x3B200C00) == 0x38200800) {
            return loadStoreRegister(w);
        }
        if ((w & 0x3A000000) == 0x28000000) {
            return loadStorePair(w);
        }
        if ((w & 0x1F000000) == 0x0A000000) {
            return logicalShifted(w);
        }
        if ((w & 0x1F200000) == 0x0B000000) {
            return addSubShifted(w);
        }
        if ((w & 0x7FE00000) == 0x1AC00000) {
            return twoSource(w);
        }
        if ((w & 0x7F000000) == 0x1B000000) {
            return threeSource(w);
        }
        if ((w & 0x3FE00000) == 0x1A800000) {
            return conditionalSelect(w);
        }
        if ((w & 0x7F20FC00) == 0x1E200000) {
            return fpIntegerConversion(w);
        }
        if ((w & 0xFF207C00) == 0x1E204000) {
            return fpOneSource(w);
        }
        if ((w & 0xFF200C00) == 0x1E200800) {
            return fpTwoSource(w);
        }
        if ((w & 0xFF20FC07) == 0x1E202000) {
            return fpCompare(w);
        }
        if ((w & 0xFF200C00) == 0x1E200C00) {
            return fpConditionalSelect(w);
        }
        if ((w & 0x9F200400) == 0x0E200400) {
            return simdThreeSame(w);
        }
        if ((w & 0x9F3E0C00) == 0x0E200800) {
            return simdTwoMisc(w);
        }
        if ((w & 0x9F3E0C00) == 0x0E300800) {
            return simdAcrossLanes(w);
        }
        if ((w & 0xFFFFFC00) == 0x5EF1B800) {
            return "addp " + fp(w, 0, 3) + ", " + vec(w, 5, "2d");
        }
        if ((w & 0x9FE08400) == 0x0E000400) {
            return simdCopy(w);
        }
        if ((w & 0xFFE0FC00) == 0x5E000400) {
            return simdScalarDup(w);
        }
        return null;
    }

    // ---- data processing, immediate ----

    private static String pcRelative(int w, long pc) {
        long imm = (long) (w << 8 >> 13) << 2 | (w >>> 29 & 3); // immhi:immlo, sign-extended
        boolean page = w < 0;
        long to = page ? (pc & ~0xFFFL) + (imm << 12) : pc + imm;
        return (page ? "adrp " : "adr ") + gpr(w, 0, true) + ", 0x" + Long.toHexString(to);
    }

    private static @Nullable String addSubImmediate(int w) {
        boolean x = w < 0;
        boolean sub = (w & 0x40000000) != 0;
        boolean flags = (w & 0x20000000) != 0;
        int imm = w >>> 10 & 0xFFF;
        boolean shifted = (w & 0x00400000) != 0;
        int rd = w & 31;
        int rn = w >>> 5 & 31;
        String operand = hex(imm) + (shifted ? ", lsl #12" : "");
        String n = gprOrSp(rn, x);
        if (flags && rd == 31) {
            return (sub ? "cmp " : "cmn ") + n + ", " + operand;
        }
        String d = flags ? gpr(rd, x) : gprOrSp(rd, x);
        if (!sub && !flags && imm == 0 && !shifted && (rd == 31 || rn == 31)) {
            return "mov " + d + ", " + n;
        }
        return (sub ? "sub" : "add") + (flags ? "s " : " ") + d + ", " + n + ", " + operand;
    }

    private static @Nullable String logicalImmediate(int w) {
        boolean x = w < 0;
        int opc = w >>> 29 & 3;
        int nBit = w >>> 22 & 1;
        if (!x && nBit == 1) {
            return null;
        }
        Long mask = bitmask(nBit, w >>> 16 & 63, w >>> 10 & 63, x ? 64 : 32);
        if (mask == null) {
            return null;
        }
        long imm = mask;
        int rd = w & 31;
        int rn = w >>> 5 & 31;
        if (opc == 3 && rd == 31) {
            return "tst " + gpr(rn, x) + ", " + hex(imm);
        }
        String d = opc == 3 ? gpr(rd, x) : gprOrSp(rd, x);
        if (opc == 1 && rn == 31 && (rd == 31 || !(wideConstant(imm, x) || wideConstant(~imm, x)))) {
            return "mov " + d + ", " + movImmediate(imm, x);
        }
        return new String[] {"and ", "orr ", "eor ", "ands "}[opc] + d + ", " + gpr(rn, x) + ", " + hex(imm);
    }

    private static @Nullable String moveWide(int w) {
        boolean x = w < 0;
        int opc = w >>> 29 & 3;
        int hw = w >>> 21 & 3;
        int imm = w >>> 5 & 0xFFFF;
        if (opc == 1 || (!x && hw >= 2)) {
            return null;
        }
        String d = gpr(w, 0, x);
        String operand = hex(imm) + (hw != 0 ? ", lsl #" + hw * 16 : "");
        if (opc == 3) {
            return "movk " + d + ", " + operand;
        }
        // objdump prefers "mov #value", except for a zero chunk shifted, and for a movn whose value movz could make.
        long value = (long) imm << (hw * 16);
        if (opc == 0) {
            value = ~value;
        }
        boolean alias = !(imm == 0 && hw != 0) && (opc == 2 || !wideConstant(value, x));
        if (alias) {
            return "mov " + d + ", " + movImmediate(value, x);
        }
        return (opc == 2 ? "movz " : "movn ") + d + ", " + operand;
    }

    private static @Nullable String bitfield(int w) {
        boolean x = w < 0;
        int opc = w >>> 29 & 3;
        if (opc == 3 || (w >>> 22 & 1) != (x ? 1 : 0)) {
            return null;
        }
        int immr = w >>> 16 & 63;
        int imms = w >>> 10 & 63;
        int size = x ? 64 : 32;
        if (!x && (immr >= 32 || imms >= 32)) {
            return null;
        }
        String d = gpr(w, 0, x);
        String n = gpr(w, 5, x);
        if (opc == 1) {
            // bfm: bfi / bfxil, and bfc (insertion of zeros) when the source is the zero register
            if (imms < immr) {
                String field = ", #" + (size - immr) + ", #" + (imms + 1);
                return (((w >>> 5) & 31) == 31 ? "bfc " + d : "bfi " + d + ", " + n) + field;
            }
            return "bfxil " + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
        }
        boolean unsigned = opc == 2;
        if (imms == size - 1) {
            return (unsigned ? "lsr " : "asr ") + d + ", " + n + ", #" + immr;
        }
        if (unsigned && imms + 1 == immr) {
            return "lsl " + d + ", " + n + ", #" + (size - 1 - imms);
        }
        if (imms < immr) {
            return (unsigned ? "ubfiz " : "sbfiz ") + d + ", " + n + ", #" + (size - immr) + ", #" + (imms + 1);
        }
        // The extensions read a w register: sxtb/sxth (and sxtw into x), and the 32-bit uxtb/uxth.
        if (immr == 0 && (imms == 7 || imms == 15 || (imms == 31 && x)) && !(unsigned && x)) {
            return (unsigned ? "uxt" : "sxt") + (imms == 7 ? "b " : imms == 15 ? "h " : "w ") + d + ", " + gpr(w, 5, false);
        }
        return (unsigned ? "ubfx " : "sbfx ") + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
    }

    // ---- branches ----

    private static String conditionalBranch(int w, long pc) {
        int cond = w & 15;
        StringBuilder sb = new StringBuilder("b.").append(CONDS[cond]).append(' ').append(target(pc, w, 5, 19));
        String[] others = COND_ALIASES[cond];
        for (int i = 0; i < others.length; i++) {
            sb.append(i == 0 ? "  // b." : ", b.").append(others[i]);
        }
        return sb.toString();
    }

    private static @Nullable String branchRegister(int w) {
        int rn = w >>> 5 & 31;
        return switch (w >>> 21 & 3) {
            case 0 -> "br " + gpr(rn, true);
            case 1 -> "blr " + gpr(rn, true);
            case 2 -> rn == 30 ? "ret" : "ret " + gpr(rn, true);
            default -> null;
        };
    }

    // ---- loads and stores ----

    /** A single-register access: its scaled-form mnemonic, data register and offset unit (log2 bytes). */
    private record Access(String mnemonic, String reg, int scale) {
        /** The unscaled-offset spelling: ldr → ldur, strb → sturb, ldrsw → ldursw … */
        String unscaled() {
            return mnemonic.substring(0, 2) + "u" + mnemonic.substring(2);
        }
    }

    private static @Nullable Access access(int w) {
        int size = w >>> 30;
        int opc = w >>> 22 & 3;
        int t = w & 31;
        if ((w & 0x04000000) != 0) { // SIMD&FP register
            if (opc >= 2) {
                return size == 0 ? new Access(opc == 3 ? "ldr" : "str", "q" + t, 4) : null;
            }
            return new Access(opc == 1 ? "ldr" : "str", FP_BY_SIZE[size] + t, size);
        }
        String suffix = size == 0 ? "b" : size == 1 ? "h" : "";
        return switch (opc) {
            case 0 -> new Access("str" + suffix, gpr(t, size == 3), size);
            case 1 -> new Access("ldr" + suffix, gpr(t, size == 3), size);
            case 2 -> size < 3 ? new Access("ldrs" + (size == 2 ? "w" : suffix), gpr(t, true), size) : null;
            default -> size < 2 ? new Access("ldrs" + suffix, gpr(t, false), size) : null;
        };
    }

    private static @Nullable String loadStoreUnsigned(int w) {
        Access a = access(w);
        if (a == null) {
            return null;
        }
        int offset = (w >>> 10 & 0xFFF) << a.scale();
        return a.mnemonic() + " " + a.reg() + ", [" + gprOrSp(w >>> 5 & 31, true) + (offset != 0 ? ", #" + offset : "") + "]";
    }

    private static @Nullable String loadStoreImm9(int w) {
        Access a = access(w);
        int mode = w >>> 10 & 3;
        if (a == null || mode == 2) { // 2: the unprivileged ldtr family
            return null;
        }
        int offset = w << 11 >> 23;
        String base = gprOrSp(w >>> 5 & 31, true);
        return switch (mode) {
            case 0 -> a.unscaled() + " " + a.reg() + ", [" + base + (offset != 0 ? ", #" + offset : "") + "]";
            case 1 -> a.mnemonic() + " " + a.reg() + ", [" + base + "], #" + offset;
            default -> a.mnemonic() + " " + a.reg() + ", [" + base + ", #" + offset + "]!";
        };
    }

    private static @Nullable String loadStoreRegister(int w) {
        Access a = access(w);
        int option = w >>> 13 & 7;
        if (a == null || (option & 2) == 0) { // 010 uxtw, 011 lsl, 110 sxtw, 111 sxtx
            return null;
        }
        boolean scaled = (w & 0x1000) != 0;
        String index = gpr(w, 16, (option & 1) != 0);
        String extend = option == 3 ? (scaled ? ", lsl #" + a.scale() : "")
                : ", " + (option == 2 ? "uxtw" : option == 6 ? "sxtw" : "sxtx") + (scaled ? " #" + a.scale() : "");
        return a.mnemonic() + " " + a.reg() + ", [" + gprOrSp(w >>> 5 & 31, true) + ", " + index + extend + "]";
    }

    private static @Nullable String loadStorePair(int w) {
        int opc = w >>> 30;
        boolean fp = (w & 0x04000000) != 0;
        boolean load = (w & 0x00400000) != 0;
        int mode = w >>> 23 & 3;
        String mnemonic = (load ? "ld" : "st") + (mode == 0 ? "np" : "p");
        String prefix;
        int scale;
        if (fp) {
            if (opc == 3) {
                return null;
            }
            prefix = FP_BY_SIZE[opc + 2];
            scale = opc + 2;
        } else if (opc == 1) {
            if (!load || mode == 0) { // stgp is a tagging instruction
                return null;
            }
            mnemonic = "ldpsw";
            prefix = "x";
            scale = 2;
        } else if (opc == 3) {
            return null;
        } else {
            prefix = opc == 2 ? "x" : "w";
            scale = opc == 2 ? 3 : 2;
        }
        int t1 = w & 31;
        int t2 = w >>> 10 & 31;
        int rn = w >>> 5 & 31;
        if (mnemonic.equals("ldpsw") && (t1 == t2 || (mode != 2 && rn != 31 && (rn == t1 || rn == t2)))) {
            return null; // objdump calls these unpredictable ldpsw forms undefined
        }
        String r1 = fp ? prefix + t1 : gpr(t1, prefix.equals("x"));
        String r2 = fp ? prefix + t2 : gpr(t2, prefix.equals("x"));
        int offset = (w << 10 >> 25) << scale;
        String base = gprOrSp(rn, true);
        String address = switch (mode) {
            case 1 -> "[" + base + "], #" + offset;
            case 3 -> "[" + base + ", #" + offset + "]!";
            default -> "[" + base + (offset != 0 ? ", #" + offset : "") + "]";
        };
        return mnemonic + " " + r1 + ", " + r2 + ", " + address;
    }

    // ---- data processing, register ----

    private static @Nullable String shiftedOperand(int w, boolean x) {
        int amount = w >>> 10 & 63;
        int shift = w >>> 22 & 3;
        if (!x && amount >= 32) {
            return null;
        }
        return gpr(w, 16, x) + (shift == 0 && amount == 0 ? "" : ", " + SHIFTS[shift] + " #" + amount);
    }

    private static @Nullable String logicalShifted(int w) {
        boolean x = w < 0;
        int opc = w >>> 29 & 3;
        boolean not = (w & 0x00200000) != 0;
        String m = shiftedOperand(w, x);
        if (m == null) {
            return null;
        }
        int rd = w & 31;
        int rn = w >>> 5 & 31;
        if (opc == 1 && rn == 31 && !not && (w & 0x00C0FC00) == 0) {
            return "mov " + gpr(rd, x) + ", " + m;
        }
        if (opc == 1 && rn == 31 && not) {
            return "mvn " + gpr(rd, x) + ", " + m;
        }
        if (opc == 3 && rd == 31 && !not) {
            return "tst " + gpr(rn, x) + ", " + m;
        }
        String mnemonic = not ? new String[] {"bic", "orn", "eon", "bics"}[opc] : new String[] {"and", "orr", "eor", "ands"}[opc];
        return mnemonic + " " + gpr(rd, x) + ", " + gpr(rn, x) + ", " + m;
    }

    private static @Nullable String addSubShifted(int w) {
        boolean x = w < 0;
        boolean sub = (w & 0x40000000) != 0;
        boolean flags = (w & 0x20000000) != 0;
        String m = (w >>> 22 & 3) == 3 ? null : shiftedOperand(w, x);
        if (m == null) {
            return null;
        }
        int rd = w & 31;
        int rn = w >>> 5 & 31;
        if (flags && rd == 31) {
            return (sub ? "cmp " : "cmn ") + gpr(rn, x) + ", " + m;
        }
        if (sub && rn == 31) {
            return (flags ? "negs " : "neg ") + gpr(rd, x) + ", " + m;
        }
        return (sub ? "sub" : "add") + (flags ? "s " : " ") + gpr(rd, x) + ", " + gpr(rn, x) + ", " + m;
    }

    private static @Nullable String twoSource(int w) {
        String mnemonic = switch (w >>> 10 & 63) {
            case 2 -> "udiv";
            case 3 -> "sdiv";
            case 8 -> "lsl";
            case 9 -> "lsr";
            case 10 -> "asr";
            case 11 -> "ror";
            default -> null;
        };
        boolean x = w < 0;
        return mnemonic == null ? null : mnemonic + " " + gpr(w, 0, x) + ", " + gpr(w, 5, x) + ", " + gpr(w, 16, x);
    }

    private static @Nullable String threeSource(int w) {
        boolean x = w < 0;
        int op = (w >>> 21 & 7) << 1 | (w >>> 15 & 1);
        boolean noAddend = (w >>> 10 & 31) == 31;
        String a = gpr(w, 10, true);
        if (op <= 1) {
            String operands = gpr(w, 0, x) + ", " + gpr(w, 5, x) + ", " + gpr(w, 16, x);
            if (noAddend) {
                return (op == 0 ? "mul " : "mneg ") + operands;
            }
            return (op == 0 ? "madd " : "msub ") + operands + ", " + gpr(w, 10, x);
        }
        if (!x) {
            return null;
        }
        String wide = gpr(w, 0, true) + ", " + gpr(w, 5, false) + ", " + gpr(w, 16, false);
        return switch (op) {
            case 2 -> noAddend ? "smull " + wide : "smaddl " + wide + ", " + a;
            case 3 -> noAddend ? "smnegl " + wide : "smsubl " + wide + ", " + a;
            case 10 -> noAddend ? "umull " + wide : "umaddl " + wide + ", " + a;
            case 11 -> noAddend ? "umnegl " + wide : "umsubl " + wide + ", " + a;
            case 4 -> "smulh " + gpr(w, 0, true) + ", " + gpr(w, 5, true) + ", " + gpr(w, 16, true);
            case 12 -> "umulh " + gpr(w, 0, true) + ", " + gpr(w, 5, true) + ", " + gpr(w, 16, true);
            default -> null;
        };
    }

    private static @Nullable String conditionalSelect(int w) {
        boolean x = w < 0;
        int op = (w >>> 30 & 1) << 1 | (w >>> 10 & 3);
        if ((w & 0x800) != 0) {
            return null;
        }
        int cond = w >>> 12 & 15;
        int rn = w >>> 5 & 31;
        int rm = w >>> 16 & 31;
        String d = gpr(w, 0, x);
        // The aliases name the inverted condition; al and nv have none.
        if (op != 0 && rn == rm && cond < 14) {
            String inverted = condition(cond ^ 1);
            if (rn == 31 && op != 3) {
                return (op == 1 ? "cset " : "csetm ") + d + ", " + inverted;
            }
            return new String[] {"", "cinc ", "cinv ", "cneg "}[op] + d + ", " + gpr(rn, x) + ", " + inverted;
        }
        return new String[] {"csel ", "csinc ", "csinv ", "csneg "}[op] + d + ", " + gpr(rn, x) + ", " + gpr(rm, x) + ", " + condition(cond);
    }

    // ---- floating point, scalar ----

    private static @Nullable String fpIntegerConversion(int w) {
        boolean x = w < 0;
        int type = w >>> 22 & 3;
        int op = (w >>> 19 & 3) << 3 | (w >>> 16 & 7); // rmode:opcode
        if (type >= 2) {
            return null;
        }
        String f = FP_BY_SIZE[type + 2];
        String toFp = f + (w & 31) + ", " + gpr(w, 5, x);
        String fromFp = gpr(w, 0, x) + ", " + f + (w >>> 5 & 31);
        switch (op) {
            case 2:
                return "scvtf " + toFp;
            case 3:
                return "ucvtf " + toFp;
            case 6:
            case 7:
                if (x != (type == 1)) {
                    return null;
                }
                return "fmov " + (op == 6 ? fromFp : toFp);
            default:
                break;
        }
        String[] names = {"fcvtns", "fcvtnu", null, null, "fcvtas", "fcvtau", null, null,
                "fcvtps", "fcvtpu", null, null, null, null, null, null,
                "fcvtms", "fcvtmu", null, null, null, null, null, null,
                "fcvtzs", "fcvtzu", null, null, null, null, null, null};
        String name = names[op];
        return name == null ? null : name + " " + fromFp;
    }

    private static @Nullable String fpOneSource(int w) {
        int type = w >>> 22 & 3;
        int opcode = w >>> 15 & 63;
        if (type >= 2) {
            return null;
        }
        String n = fp(w, 5, type + 2);
        if (opcode == 4 || opcode == 5 || opcode == 7) { // fcvt to s, d, h
            int to = opcode == 4 ? 2 : opcode == 5 ? 3 : 1;
            return to == type + 2 ? null : "fcvt " + fp(w, 0, to) + ", " + n;
        }
        String mnemonic = switch (opcode) {
            case 0 -> "fmov";
            case 1 -> "fabs";
            case 2 -> "fneg";
            case 3 -> "fsqrt";
            case 8 -> "frintn";
            case 9 -> "frintp";
            case 10 -> "frintm";
            case 11 -> "frintz";
            case 12 -> "frinta";
            case 14 -> "frintx";
            case 15 -> "frinti";
            default -> null;
        };
        return mnemonic == null ? null : mnemonic + " " + fp(w, 0, type + 2) + ", " + n;
    }

    private static @Nullable String fpTwoSource(int w) {
        int type = w >>> 22 & 3;
        int opcode = w >>> 12 & 15;
        if (type >= 2 || opcode > 8) {
            return null;
        }
        String mnemonic = new String[] {"fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"}[opcode];
        return mnemonic + " " + fp(w, 0, type + 2) + ", " + fp(w, 5, type + 2) + ", " + fp(w, 16, type + 2);
    }

    private static @Nullable String fpCompare(int w) {
        int type = w >>> 22 & 3;
        if (type >= 2) {
            return null;
        }
        boolean zero = (w & 8) != 0;
        return ((w & 16) != 0 ? "fcmpe " : "fcmp ") + fp(w, 5, type + 2) + ", " + (zero ? "#0.0" : fp(w, 16, type + 2));
    }

    private static @Nullable String fpConditionalSelect(int w) {
        int type = w >>> 22 & 3;
        if (type >= 2) {
            return null;
        }
        return "fcsel " + fp(w, 0, type + 2) + ", " + fp(w, 5, type + 2) + ", " + fp(w, 16, type + 2) + ", " + condition(w >>> 12 & 15);
    }

    // ---- NEON ----

    private static @Nullable String simdThreeSame(int w) {
        boolean q = (w & 0x40000000) != 0;
        boolean u = (w & 0x20000000) != 0;
        int size = w >>> 22 & 3;
        int opcode = w >>> 11 & 31;
        String mnemonic;
        String arr;
        if (opcode >= 0x18) { // floating point: size<1> picks the variant, size<0> the lane size
            boolean a = size >= 2;
            String[] names = u
                    ? (a ? new String[] {"fminnmp", null, "fabd", null, "fcmgt", "facgt", "fminp", null}
                            : new String[] {"fmaxnmp", null, "faddp", "fmul", "fcmge", "facge", "fmaxp", "fdiv"})
                    : (a ? new String[] {"fminnm", "fmls", "fsub", null, null, null, "fmin", "frsqrts"}
                            : new String[] {"fmaxnm", "fmla", "fadd", "fmulx", "fcmeq", null, "fmax", "frecps"});
            mnemonic = names[opcode - 0x18];
            arr = (size & 1) == 0 ? (q ? "4s" : "2s") : (q ? "2d" : null);
        } else if (opcode == 3) { // logical: size picks the operation
            mnemonic = (u ? new String[] {"eor", "bsl", "bit", "bif"} : new String[] {"and", "bic", "orr", "orn"})[size];
            arr = q ? "16b" : "8b";
            if (!u && size == 2 && (w >>> 16 & 31) == (w >>> 5 & 31)) {
                return "mov " + vec(w, 0, arr) + ", " + vec(w, 5, arr);
            }
        } else {
            mnemonic = switch (opcode << 1 | (u ? 1 : 0)) {
                case 0x10 << 1 -> "add";
                case 0x10 << 1 | 1 -> "sub";
                case 0x11 << 1 -> "cmtst";
                case 0x11 << 1 | 1 -> "cmeq";
                case 0x06 << 1 -> "cmgt";
                case 0x06 << 1 | 1 -> "cmhi";
                case 0x07 << 1 -> "cmge";
                case 0x07 << 1 | 1 -> "cmhs";
                case 0x13 << 1 -> size == 3 ? null : "mul";
                case 0x0C << 1 -> size == 3 ? null : "smax";
                case 0x0C << 1 | 1 -> size == 3 ? null : "umax";
                case 0x0D << 1 -> size == 3 ? null : "smin";
                case 0x0D << 1 | 1 -> size == 3 ? null : "umin";
                case 0x17 << 1 -> "addp";
                default -> null;
            };
            arr = size == 3 && !q ? null : ARRANGEMENTS[size << 1 | (q ? 1 : 0)];
        }
        if (mnemonic == null || arr == null) {
            return null;
        }
        return mnemonic + " " + vec(w, 0, arr) + ", " + vec(w, 5, arr) + ", " + vec(w, 16, arr);
    }

    private static @Nullable String simdTwoMisc(int w) {
        boolean q = (w & 0x40000000) != 0;
        boolean u = (w & 0x20000000) != 0;
        int size = w >>> 22 & 3;
        int opcode = w >>> 12 & 31;
        String mnemonic;
        String arr;
        if (opcode == 0x05 && size == 0) {
            mnemonic = u ? "mvn" : "cnt";
            arr = q ? "16b" : "8b";
        } else if (opcode == 0x0B) {
            mnemonic = u ? "neg" : "abs";
            arr = size == 3 && !q ? null : ARRANGEMENTS[size << 1 | (q ? 1 : 0)];
        } else if (size >= 2 && (opcode == 0x0F || (opcode == 0x1F && u))) {
            mnemonic = opcode == 0x1F ? "fsqrt" : u ? "fneg" : "fabs";
            arr = (size & 1) == 0 ? (q ? "4s" : "2s") : (q ? "2d" : null);
        } else {
            return null;
        }
        return arr == null ? null : mnemonic + " " + vec(w, 0, arr) + ", " + vec(w, 5, arr);
    }

    private static @Nullable String simdAcrossLanes(int w) {
        boolean q = (w & 0x40000000) != 0;
        boolean u = (w & 0x20000000) != 0;
        int size = w >>> 22 & 3;
        String mnemonic = switch (w >>> 12 & 31) {
            case 0x1B -> u ? null : "addv";
            case 0x0A -> u ? "umaxv" : "smaxv";
            case 0x1A -> u ? "uminv" : "sminv";
            default -> null;
        };
        if (mnemonic == null || size == 3 || (size == 2 && !q)) {
            return null;
        }
        return mnemonic + " " + fp(w, 0, size) + ", " + vec(w, 5, ARRANGEMENTS[size << 1 | (q ? 1 : 0)]);
    }

    private static @Nullable String simdCopy(int w) {
        boolean q = (w & 0x40000000) != 0;
        boolean insElement = (w & 0x20000000) != 0;
        int imm5 = w >>> 16 & 31;
        int imm4 = w >>> 11 & 15;
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) {
            return null;
        }
        int index = imm5 >>> (size + 1);
        String lane = ELEMENTS[size] + "[" + index + "]";
        String arr = size == 3 && !q ? null : ARRANGEMENTS[size << 1 | (q ? 1 : 0)];
        if (insElement) {
            return q ? "mov " + vec(w, 0, lane) + ", " + vec(w, 5, ELEMENTS[size] + "[" + (imm4 >>> size) + "]") : null;
        }
        return switch (imm4) {
            case 0 -> arr == null ? null : "dup " + vec(w, 0, arr) + ", " + vec(w, 5, lane);
            case 1 -> arr == null ? null : "dup " + vec(w, 0, arr) + ", " + gpr(w, 5, size == 3);
            case 3 -> q ? "mov " + vec(w, 0, lane) + ", " + gpr(w, 5, size == 3) : null;
            case 5 -> size < (q ? 3 : 2) ? "smov " + gpr(w, 0, q) + ", " + vec(w, 5, lane) : null;
            case 7 -> q ? (size == 3 ? "mov " + gpr(w, 0, true) + ", " + vec(w, 5, lane) : null)
                    : size == 3 ? null : (size == 2 ? "mov " : "umov ") + gpr(w, 0, false) + ", " + vec(w, 5, lane);
            default -> null;
        };
    }

    private static @Nullable String simdScalarDup(int w) {
        int imm5 = w >>> 16 & 31;
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) {
            return null;
        }
        return "mov " + fp(w, 0, size) + ", " + vec(w, 5, ELEMENTS[size] + "[" + (imm5 >>> (size + 1)) + "]");
    }

    // ---- operands ----

    /** The general register in the 5-bit field at {@code lsb}; 31 is the zero register. */
    private static String gpr(int w, int lsb, boolean x) {
        return gpr(w >>> lsb & 31, x);
    }

    private static String gpr(int reg, boolean x) {
        return reg == 31 ? (x ? "xzr" : "wzr") : (x ? "x" : "w") + reg;
    }

    /** A register where 31 is the stack pointer. */
    private static String gprOrSp(int reg, boolean x) {
        return reg == 31 ? (x ? "sp" : "wsp") : (x ? "x" : "w") + reg;
    }

    /** A scalar SIMD&amp;FP register: {@code size} 0–4 is b, h, s, d, q. */
    private static String fp(int w, int lsb, int size) {
        return FP_BY_SIZE[size] + (w >>> lsb & 31);
    }

    /** A vector register with an arrangement ({@code v1.4s}) or a lane ({@code v1.s[3]}). */
    private static String vec(int w, int lsb, String shape) {
        return "v" + (w >>> lsb & 31) + "." + shape;
    }

    private static String hex(long value) {
        return "#0x" + Long.toHexString(value);
    }

    /** A condition operand, with objdump's comment naming its other spellings. */
    private static String condition(int cond) {
        String[] others = COND_ALIASES[cond];
        return CONDS[cond] + (others.length == 0 ? "" : "  // " + CONDS[cond] + " = " + String.join(", ", others));
    }

    /** The absolute target of a pc-relative branch: the signed word offset in {@code bits} bits at {@code lsb}. */
    private static String target(long pc, int w, int lsb, int bits) {
        long offset = (long) (w << (32 - lsb - bits) >> (32 - bits)) << 2;
        return "0x" + Long.toHexString(pc + offset);
    }

    /** The immediate of a {@code mov} alias, with objdump's decimal comment. */
    private static String movImmediate(long value, boolean x) {
        return x ? hex(value) + "  // #" + value : hex(value & 0xFFFF_FFFFL) + "  // #" + (int) value;
    }

    /** Whether a single movz could make {@code value} (objdump prefers the movz/movn spelling then). */
    private static boolean wideConstant(long value, boolean x) {
        long v = value;
        if (!x) {
            if (v >>> 32 != 0 && v >>> 32 != 0xFFFF_FFFFL) {
                return false;
            }
            v &= 0xFFFF_FFFFL;
        }
        for (int shift = 0; shift < (x ? 64 : 32); shift += 16) {
            if ((v & ~(0xFFFFL << shift)) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The value of a logical immediate (N:immr:imms), or null for the reserved encodings. */
    private static @Nullable Long bitmask(int n, int immr, int imms, int width) {
        int combined = n << 6 | (~imms & 63);
        if (combined == 0) {
            return null;
        }
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) {
            return null;
        }
        int esize = 1 << len;
        int levels = esize - 1;
        int s = imms & levels;
        int r = immr & levels;
        if (s == levels) {
            return null;
        }
        long ones = s + 1 == 64 ? -1L : (1L << (s + 1)) - 1;
        long emask = esize == 64 ? -1L : (1L << esize) - 1;
        long elem = r == 0 ? ones : ((ones >>> r) | (ones << (esize - r))) & emask;
        long value = 0;
        for (int i = 0; i < width; i += esize) {
            value |= elem << i;
        }
        return width == 32 ? value & 0xFFFF_FFFFL : value;
    }

    /** A data string as a quoted literal, its newline and other control characters escaped. */
    private static String quoted(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : new String(bytes, StandardCharsets.UTF_8).toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
