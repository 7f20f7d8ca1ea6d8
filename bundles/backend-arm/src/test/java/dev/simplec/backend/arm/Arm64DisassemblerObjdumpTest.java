package dev.simplec.backend.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import dev.simplec.api.ir.IrModule;
import dev.simplec.backend.arm.diff.RandomPrograms;
import dev.simplec.backend.arm.emit.Arm64Disassembler;

/**
 * The built-in disassembler against {@code aarch64-linux-gnu-objdump -D -b binary -m aarch64} on
 * whole generated code and on random words; skipped, naming the tool, where it is not installed.
 * Only whitespace is normalized. The bytes after the code (trap messages) are data, which the
 * listing shows as strings and objdump decodes as instructions, so only the code is compared.
 */
class Arm64DisassemblerObjdumpTest {
    private static final String OBJDUMP = "aarch64-linux-gnu-objdump";
    private static final Pattern CODE_LINE = Pattern.compile("^ *([0-9a-f]+):  ([0-9a-f]{8})  (.*)$");

    /**
     * The encoding classes the disassembler decodes, as (fixed-bit mask, value) pairs from the Arm
     * ARM, in the order of {@code Arm64Disassembler.decode}.
     */
    private static final int[][] CLASSES = {
        {0x1F000000, 0x10000000}, {0x1F800000, 0x11000000}, {0x1F800000, 0x12000000}, {0x1F800000, 0x12800000},
        {0x1F800000, 0x13000000}, {0x7C000000, 0x14000000}, {0x7E000000, 0x34000000}, {0x7E000000, 0x36000000},
        {0xFF000010, 0x54000000}, {0xFFE0001F, 0xD4000001}, {0xFFE0001F, 0xD4200000}, {0xFF9FFC1F, 0xD61F0000},
        {0x3B000000, 0x39000000}, {0x3B200000, 0x38000000}, {0x3B200C00, 0x38200800}, {0x3A000000, 0x28000000},
        {0x1F000000, 0x0A000000}, {0x1F200000, 0x0B000000}, {0x7FE00000, 0x1AC00000}, {0x7F000000, 0x1B000000},
        {0x3FE00000, 0x1A800000}, {0x7F20FC00, 0x1E200000}, {0xFF207C00, 0x1E204000}, {0xFF200C00, 0x1E200800},
        {0xFF20FC07, 0x1E202000}, {0xFF200C00, 0x1E200C00}, {0x9F200400, 0x0E200400}, {0x9F3E0C00, 0x0E200800},
        {0x9F3E0C00, 0x0E300800}, {0xFFFFFC00, 0x5EF1B800}, {0x9FE08400, 0x0E000400}, {0xFFE0FC00, 0x5E000400},
    };

    private static String blanks(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** objdump's text of every word of {@code code}, by offset. */
    private static Map<Integer, String> objdump(byte[] code) throws Exception {
        assumeTrue(Tools.onPath(OBJDUMP), "comparing with GNU objdump needs " + OBJDUMP + " on PATH (missing)");
        Path blob = Files.createTempFile("simplec-dis-", ".bin");
        try {
            Files.write(blob, code);
            String out = BlobRunner.exec(List.of(OBJDUMP, "-D", "-b", "binary", "-m", "aarch64", blob.toString()), "");
            Map<Integer, String> lines = new HashMap<>();
            for (String line : out.split("\n")) {
                String[] cols = line.split("\t", 3);
                if (cols.length == 3 && cols[0].strip().matches("[0-9a-f]+:")) {
                    lines.put(Integer.parseInt(cols[0].strip().replace(":", ""), 16), blanks(cols[2]));
                }
            }
            return lines;
        } finally {
            Files.deleteIfExists(blob);
        }
    }

    @Test
    void generatedFunctionsListAsObjdumpShowsThem() throws Exception {
        List<IrModule> modules = new ArrayList<>();
        for (Arguments a : Arm64GoldenTest.programs().toList()) {
            modules.add((IrModule) a.get()[1]);
        }
        for (int seed = 0; seed < 120; seed++) {
            modules.add(new RandomPrograms(7000 + seed, seed % 3 == 0).module());
        }
        int compared = 0;
        for (IrModule m : modules) {
            Arm64Backend.Build build = Arm64Backend.build(m);
            Map<Integer, String> objdump = objdump(build.code());
            for (String line : build.listing().split("\n")) {
                Matcher code = CODE_LINE.matcher(line);
                if (!code.matches()) {
                    continue; // a function label or a data line
                }
                int at = Integer.parseInt(code.group(1), 16);
                String mine = blanks(code.group(3));
                assertTrue(!mine.startsWith(".inst"), "generated code the disassembler cannot decode: " + line + "\n" + build.listing());
                assertEquals(objdump.get(at), mine, "at 0x" + Integer.toHexString(at) + " of\n" + build.listing());
                compared++;
            }
        }
        assertTrue(compared > 5000, "compared only " + compared + " instructions");
    }

    @Test
    void randomWordsOfEveryDecodedClassPrintAsObjdumpPrintsThem() throws Exception {
        int perClass = 400;
        Random random = new Random(6);
        byte[] code = new byte[CLASSES.length * perClass * 4];
        int[] words = new int[CLASSES.length * perClass];
        for (int i = 0; i < words.length; i++) {
            int[] c = CLASSES[i / perClass];
            int w = random.nextInt();
            // Register field 31 (sp or zr) and zero fields select aliases: make them common.
            for (int lsb : new int[] {0, 5, 10, 16}) {
                if (random.nextInt(4) == 0) {
                    w |= 31 << lsb;
                }
            }
            if (random.nextInt(4) == 0) {
                w &= ~(0x3F << 10);
            }
            if (random.nextInt(6) == 0) { // Rm = Rn: mov, cinc, cneg …
                w = (w & ~(31 << 16)) | (w >>> 5 & 31) << 16;
            }
            words[i] = (w & ~c[0]) | c[1];
            for (int b = 0; b < 4; b++) {
                code[i * 4 + b] = (byte) (words[i] >>> (8 * b));
            }
        }
        Map<Integer, String> objdump = objdump(code);
        int[] decoded = new int[CLASSES.length];
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String mine = blanks(Arm64Disassembler.instruction(words[i], 4L * i));
            if (mine.startsWith(".inst")) {
                continue; // outside what the disassembler decodes (objdump may know it): not compared
            }
            decoded[i / perClass]++;
            if (!mine.equals(objdump.get(4 * i))) {
                failures.add(String.format("%08x at 0x%x: %s, objdump: %s", words[i], 4 * i, mine, objdump.get(4 * i)));
            }
        }
        assertEquals(List.of(), failures);
        for (int c = 0; c < CLASSES.length; c++) {
            assertTrue(decoded[c] >= perClass / 50, String.format("class %08x/%08x: only %d of %d words decoded", CLASSES[c][0],
                    CLASSES[c][1], decoded[c], perClass));
        }
    }
}
