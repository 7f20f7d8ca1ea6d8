package dev.simplec.backend.x86;

import static dev.simplec.api.ir.IrOp.ADD;
import static dev.simplec.api.ir.IrType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ir.IrModule;

/**
 * The code for {@code double<i64>} as objdump disassembles it, checked in at
 * {@code src/test/resources/golden/double_i64.txt} so a reader sees what the backend generates.
 * Run with {@code -Dsimplec.golden.update=true} to rewrite the file after an intended change.
 */
class X86GoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/double_i64.txt");

    @Test
    void doubleI64Disassembly() throws Exception {
        assumeTrue(Tools.onPath("objdump"), "the golden disassembly needs objdump on PATH");
        Fn f = new Fn("double", I64, I64);
        int x = f.param(0);
        IrModule m = Fn.module(f.ret(f.op(ADD, I64, x, x)));
        byte[] code = new X86Backend().compile(m).code();
        Path blob = Files.createTempFile("simplec-golden-", ".bin");
        try {
            Files.write(blob, code);
            String dis = BlobRunner.exec(List.of("objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel", blob.toString()), "");
            String body = dis.substring(dis.indexOf("<.data>:\n") + "<.data>:\n".length());
            String actual = "# x86_64 backend, objdump -D -b binary -m i386:x86-64 -M intel\n" + m + "\n" + body;
            if (Boolean.getBoolean("simplec.golden.update")) {
                Files.writeString(GOLDEN, actual);
            }
            assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
        } finally {
            Files.deleteIfExists(blob);
        }
    }
}
