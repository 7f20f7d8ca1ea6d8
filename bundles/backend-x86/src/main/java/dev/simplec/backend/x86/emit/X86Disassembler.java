package dev.simplec.backend.x86.emit;

import java.util.List;

/**
 * Human-readable listings of generated code: the assembler's own record of every instruction it
 * emitted (offset, bytes, Intel syntax), with function labels. No external tool is needed; the
 * text is what GNU as would accept, and {@code X86AssemblerTest} checks it against GNU as.
 */
public final class X86Disassembler {
    private X86Disassembler() {
    }

    /**
     * One line per instruction: {@code   1c:  48 8d 04 3f            lea rax, [rdi+rdi*1]}; a
     * {@code name:} line where each function starts ({@code starts} and {@code names} in step).
     * Jumps show where they go as an offset of the listing ({@code jge 0x29}), read back from the
     * encoded displacement: the assembler's names for blocks and for the local labels of
     * expansions ({@code 1f}, {@code 1b}) appear nowhere else in the listing.
     */
    public static String format(byte[] code, List<X86Assembler.Line> lines, List<Integer> starts, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (X86Assembler.Line l : lines) {
            int fn = starts.indexOf(l.offset());
            if (fn >= 0 && !l.text().equals("(padding)")) {
                sb.append(names.get(fn)).append(":\n");
            }
            StringBuilder hex = new StringBuilder();
            int shown = Math.min(l.length(), 12);
            for (int i = 0; i < shown; i++) {
                hex.append(String.format("%02x ", code[l.offset() + i] & 0xff));
            }
            if (l.length() > shown) {
                hex.append("…");
            }
            sb.append(String.format("%6x:  %-37s %s%n", l.offset(), hex, withTarget(code, l)));
        }
        return sb.toString();
    }

    /** A jmp / jcc (always rel32 here) with its target offset in place of the label's name. */
    private static String withTarget(byte[] code, X86Assembler.Line l) {
        String text = l.text();
        int at = l.offset();
        boolean jmp = l.length() == 5 && (code[at] & 0xff) == 0xE9;
        boolean jcc = l.length() == 6 && (code[at] & 0xff) == 0x0F && (code[at + 1] & 0xf0) == 0x80;
        int space = text.indexOf(' ');
        if (!(jmp || jcc) || !text.startsWith("j") || space < 0) {
            return text;
        }
        int end = at + l.length();
        int disp = (code[end - 4] & 0xff) | (code[end - 3] & 0xff) << 8 | (code[end - 2] & 0xff) << 16 | (code[end - 1] & 0xff) << 24;
        return text.substring(0, space) + " 0x" + Integer.toHexString(end + disp);
    }
}
