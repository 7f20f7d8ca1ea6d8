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
            sb.append(String.format("%6x:  %-37s %s%n", l.offset(), hex, l.text()));
        }
        return sb.toString();
    }
}
