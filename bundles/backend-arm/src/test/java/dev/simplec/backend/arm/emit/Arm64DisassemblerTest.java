package dev.simplec.backend.arm.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in disassembler against GNU objdump on the encoding table: for every row of
 * {@code encodings/aarch64.tsv}, the instruction word at address 0 must print as column 3, the text
 * {@code aarch64-linux-gnu-objdump -D -b binary -m aarch64} printed for it. Only whitespace is
 * normalized (objdump pads with tabs; both sides are compared with runs of blanks as one space).
 * Column 3 is objdump's preferred spelling, which is what the disassembler prints, so it differs
 * from column 1, the assembler input, wherever objdump prefers an alias: {@code movz}/{@code movn}
 * → {@code mov #value} with a decimal comment, {@code add x29, sp, #0x0} → {@code mov x29, sp},
 * {@code ubfx x0, x1, #32, #32} → {@code lsr x0, x1, #32}, {@code dup s0, v1.s[3]} /
 * {@code umov w0, v1.s[3]} / {@code ins v2.b[15], w3} → {@code mov …}, {@code b.hs} / {@code b.lo} →
 * {@code b.cs} / {@code b.cc}, and branches show their target address ({@code b 0x1000}) with the
 * condition's other names as a comment ({@code // b.none}).
 */
class Arm64DisassemblerTest {
    static List<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = Arm64DisassemblerTest.class.getResourceAsStream("/encodings/aarch64.tsv")) {
            if (in == null) {
                throw new AssertionError("encodings/aarch64.tsv is missing");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                assertEquals(3, cols.length, "table row needs text, word and objdump's text: " + line);
                rows.add(Arguments.of(cols[0], cols[1], cols[2]));
            }
        }
        return rows;
    }

    static String blanks(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void printsWhatObjdumpPrints(String assembly, String word, String objdump) {
        assertEquals(objdump, blanks(Arm64Disassembler.instruction(Integer.parseUnsignedInt(word, 16), 0)), assembly);
    }

    @Test
    void theTableHasEveryRow() throws IOException {
        assertEquals(427, rows().size());
    }

    @Test
    void branchTargetsAreAbsoluteFromThePc() {
        // b .+8 at 0x100, and b.ne .-0x80 at 0x40 (objdump prints unsigned 64-bit addresses)
        assertEquals("b 0x108", Arm64Disassembler.instruction(0x14000002, 0x100));
        assertEquals("b.ne 0xffffffffffffffc0  // b.any", Arm64Disassembler.instruction(0x54fffc01, 0x40));
    }

    @Test
    void wordsOutsideTheDecodedClassesPrintAsInst() {
        // "lec " of a trap message, and ldpsw with both targets the same register (objdump: undefined too)
        assertEquals(".inst 0x2063656c ; undefined", Arm64Disassembler.instruction(0x2063656c, 0));
        assertEquals(".inst 0x697f03e0 ; undefined", Arm64Disassembler.instruction(0x697f03e0, 0));
    }

    @Test
    void listingLabelsFunctionsAndShowsData() {
        Arm64Assembler a = new Arm64Assembler();
        a.add64RRR(Gpr.X0, Gpr.X0, Gpr.X0);
        a.ret();
        a.align(16);
        a.movz64(Gpr.X2, 41, 0);
        a.ret();
        int dataStart = a.size();
        a.bytes("simplec trap: \"x\" in f\n".getBytes(StandardCharsets.UTF_8));
        a.bytes("second\n".getBytes(StandardCharsets.UTF_8));
        String listing = Arm64Disassembler.format(a.finish(), dataStart, List.of(0, 16), List.of("double", "f"));
        assertEquals("""
                double:
                     0:  8b000000  add x0, x0, x0
                     4:  d65f03c0  ret
                     8:  d503201f  nop
                     c:  d503201f  nop
                f:
                    10:  d2800522  mov x2, #0x29  // #41
                    14:  d65f03c0  ret
                    18:            (data) "simplec trap: \\"x\\" in f\\n"
                    30:            (data) "second\\n"
                """, listing);
    }
}
