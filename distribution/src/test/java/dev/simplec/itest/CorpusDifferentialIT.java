package dev.simplec.itest;

import static dev.simplec.inference.SptValues.bits;
import static dev.simplec.inference.SptValues.irType;
import static dev.simplec.inference.SptValues.put;
import static dev.simplec.inference.SptValues.sliceBytes;
import static dev.simplec.inference.SptValues.split;
import static dev.simplec.inference.SptValues.structBytes;
import static dev.simplec.inference.SptValues.unescape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInterpreter;
import dev.simplec.api.ir.IrMemory;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrTrap;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.backend.arm.Arm64Backend;
import dev.simplec.backend.x86.X86Backend;
import dev.simplec.inference.SptFile;
import dev.simplec.inference.TemplateInferenceEngine;

/**
 * Every {@code // call:} of the template corpus, run in {@link IrInterpreter} (the oracle) and
 * natively — x86-64 directly, AArch64 under qemu-aarch64 — through {@code corpus_harness.c}: the
 * results bit for bit, the bytes of every slice, text and struct argument after the call, and for
 * traps exit status 134 and exactly the trap line on stderr. Calls the harness cannot pass (vectors,
 * arguments on the stack, mixed or vector results) are counted and printed as skipped.
 */
class CorpusDifferentialIT {
    private static final Path CORPUS = Path.of(System.getProperty("simplec.test.corpus",
            NativeTools.C_SOURCES.toAbsolutePath().resolve("../../../../bundles/inference/src/test/resources/templates").normalize().toString()));
    private static final int MIN_CASES = 50;

    /** One call ready for both sides: the interpreter's arguments and answer, and the harness lines. */
    record Case(String what, String load, List<String> lines, char kind, List<IrType> returns,
            List<IrValue> results, String trap, List<byte[]> buffers) {
    }

    private final Map<String, Integer> skipped = new TreeMap<>();

    @Test
    void x86() throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "x86-64 host needed");
        Path exe = NativeTools.compile("gcc", "corpus_harness.c", "corpus_harness_x86");
        check("x86-64", m -> new X86Backend().compile(m).code(), List.of(exe.toString()));
    }

    @Test
    void arm64() throws Exception {
        assumeTrue(NativeTools.onPath("aarch64-linux-gnu-gcc"), "aarch64-linux-gnu-gcc not on PATH");
        assumeTrue(NativeTools.onPath("qemu-aarch64"), "qemu-aarch64 not on PATH");
        Path exe = NativeTools.compile("aarch64-linux-gnu-gcc", "corpus_harness.c", "corpus_harness_arm", "-static");
        check("aarch64", m -> new Arm64Backend().compile(m).code(), List.of("qemu-aarch64", exe.toString()));
    }

    @Test
    void aCallThatNeverReturnsEndsOnceItsBudgetIsSpent() throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "x86-64 host needed");
        Path exe = NativeTools.compile("gcc", "corpus_harness.c", "corpus_harness_x86");
        Path in = NativeTools.WORK.resolve("corpus_spin.in");
        Files.writeString(in, "L ebfe\nC i 0 0\n"); // jmp $: a branch to itself
        NativeTools.Run run = NativeTools.run(List.of("sh", "-c", "exec \"$@\" < " + in, "sh", exe.toString(), "1"), Map.of(), 60);
        String message = "corpus_harness: the call ran longer than its time budget (a loop that never ends?)\n";
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("X 124 " + java.util.HexFormat.of().formatHex(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n",
                run.stdout());
    }

    /** Offsets of the fields of the C struct a two-value tuple is returned as, and its size. */
    private static int[] layout(List<IrType> returns) {
        int a = returns.get(0).bytes();
        int b = returns.get(1).bytes();
        int off1 = (a + b - 1) / b * b;
        int align = Math.max(a, b);
        return new int[] {0, off1, (off1 + b + align - 1) / align * align};
    }

    /** How the harness must declare the call's C return type so that r0, r1 hold what the ABI returns. */
    private static char returnKind(boolean arm, List<IrType> returns) {
        if (returns.size() <= 1) {
            return !returns.isEmpty() && returns.get(0).isFloat() ? 'f' : 'i';
        }
        if (arm) {
            // AAPCS64: a homogeneous float aggregate comes back one field per register, anything else as its bytes in x0, x1.
            return returns.get(0) == returns.get(1) && returns.get(0).isFloat() ? 'f' : 'i';
        }
        // System V: each eightbyte of the struct is SSE when only floats lie in it, else INTEGER.
        int[] l = layout(returns);
        boolean[] sse = {true, true};
        for (int i = 0; i < 2; i++) {
            if (!returns.get(i).isFloat()) {
                sse[l[i] / 8] = false;
            }
        }
        return l[2] <= 8 ? (sse[0] ? 'f' : 'i') : sse[0] ? (sse[1] ? 'f' : 'b') : (sse[1] ? 'a' : 'i');
    }

    private static List<IrValue> decode(boolean arm, List<IrType> returns, long r0, long r1) {
        if (returns.isEmpty()) {
            return List.of();
        }
        if (returns.size() == 1) {
            return List.of(IrValue.of(returns.get(0), r0));
        }
        if (returnKind(arm, returns) == 'f' && arm) {
            return List.of(IrValue.of(returns.get(0), r0), IrValue.of(returns.get(1), r1));
        }
        int[] l = layout(returns);
        byte[] bytes = new byte[16];
        put(bytes, 0, 8, r0);
        put(bytes, 8, 8, r1);
        List<IrValue> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long v = 0;
            for (int k = returns.get(i).bytes() - 1; k >= 0; k--) {
                v = v << 8 | (bytes[l[i] + k] & 0xff);
            }
            out.add(IrValue.of(returns.get(i), v));
        }
        return out;
    }

    private void check(String arch, Function<IrModule, byte[]> backend, List<String> command) throws Exception {
        boolean arm = arch.equals("aarch64");
        List<Case> cases = cases(arm, backend);
        StringBuilder input = new StringBuilder();
        String loaded = "";
        for (Case c : cases) {
            if (!c.load().equals(loaded)) {
                input.append(c.load()).append('\n');
                loaded = c.load();
            }
            input.append("Z\n");
            for (String l : c.lines()) {
                input.append(l).append('\n');
            }
        }
        Path in = NativeTools.WORK.resolve("corpus_" + arch + ".in");
        Files.createDirectories(NativeTools.WORK);
        Files.writeString(in, input.toString());
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" < " + in, "sh"));
        cmd.addAll(command);
        NativeTools.Run run = NativeTools.run(cmd, Map.of(), 300);
        if (run.exitCode() != 0) {
            fail(arch + " harness failed: " + run.describe());
        }
        String[] out = run.stdout().split("\n");
        int at = 0;
        List<String> mismatches = new ArrayList<>();
        int traps = 0;
        for (Case c : cases) {
            String r = null;
            if (at < out.length && out[at].startsWith("R ")) {
                r = out[at++];
            }
            if (at >= out.length || !out[at].startsWith("X ")) {
                fail(arch + ": harness output out of step at " + c.what() + ": " + run.describe());
            }
            String[] x = out[at++].split(" ");
            int status = Integer.parseInt(x[1]);
            String stderr = x[2].equals("-") ? "" : new String(HexFormat.of().parseHex(x[2]), StandardCharsets.UTF_8);
            if (!c.trap().isEmpty()) {
                traps++;
                if (status != 134 || !stderr.equals(c.trap() + "\n")) {
                    mismatches.add(c.what() + ": expected trap '" + c.trap() + "' (134), got exit " + status + " stderr '" + stderr + "'" + (r == null ? "" : " " + r));
                }
                continue;
            }
            if (status != 0 || r == null) {
                mismatches.add(c.what() + ": expected " + c.results() + ", got exit " + status + " stderr '" + stderr + "'");
                continue;
            }
            String[] f = r.split(" ");
            List<IrValue> got = decode(arm, c.returns(), Long.parseUnsignedLong(f[1], 16), Long.parseUnsignedLong(f[2], 16));
            if (!got.equals(c.results())) {
                mismatches.add(c.what() + ": expected " + c.results() + ", got " + got);
            }
            for (int b = 0; b < c.buffers().size(); b++) {
                String want = HexFormat.of().formatHex(c.buffers().get(b));
                String have = f.length > 3 + b ? f[3 + b].replace("-", "") : "<missing>";
                if (!want.equals(have)) {
                    mismatches.add(c.what() + ": buffer " + b + " after the call: expected " + want + ", got " + have);
                }
            }
        }
        int skips = skipped.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("CorpusDifferentialIT " + arch + ": " + cases.size() + " native cases (" + traps + " traps), "
                + skips + " skipped " + skipped + ", " + mismatches.size() + " mismatches");
        if (!mismatches.isEmpty()) {
            fail(arch + ": " + mismatches.size() + " of " + cases.size() + " calls differ from the interpreter:\n  "
                    + String.join("\n  ", mismatches));
        }
        assertTrue(cases.size() >= MIN_CASES, arch + ": only " + cases.size() + " native cases ran");
    }

    private void skip(String why) {
        skipped.merge(why, 1, Integer::sum);
    }

    private List<Case> cases(boolean arm, Function<IrModule, byte[]> backend) throws Exception {
        skipped.clear();
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".spt")).sorted().toList();
        }
        assertTrue(files.size() > 50, "template corpus not found at " + CORPUS);
        TemplateInferenceEngine engine = new TemplateInferenceEngine();
        List<Case> cases = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            SptFile spt = SptFile.parse(name, Files.readString(file));
            List<String> calls = spt.calls().stream().map(SptFile.Call::args).toList();
            if (calls.isEmpty()) {
                continue;
            }
            String run = spt.run();
            List<TypeInfo> types = new ArrayList<>();
            String typeText = run.substring("instantiate".length()).trim();
            for (String t : typeText.isEmpty() ? new String[0] : typeText.split(",")) {
                TypeInfo ti = simpleType(t.trim());
                if (ti == null) {
                    types = null;
                    break;
                }
                types.add(ti);
            }
            if (types == null) {
                calls.forEach(c -> skip("type argument the test does not parse"));
                continue;
            }
            IrModule module = engine.instantiate(spt.source(), types);
            String load;
            try {
                load = "L " + HexFormat.of().formatHex(backend.apply(module));
            } catch (SimplecException e) {
                // A documented backend limitation (e.g. tuples of vectors); counted, printed, not hidden.
                calls.forEach(c -> skip("backend rejects " + name + ": " + e.getMessage()));
                continue;
            }
            for (String call : calls) {
                Case c = prepare(arm, name + ": call " + call, module, load, call);
                if (c != null) {
                    cases.add(c);
                }
            }
        }
        return cases;
    }

    private static TypeInfo simpleType(String t) {
        return switch (t) {
            case "i8", "i16", "i32", "i64" -> TypeInfo.integer(Integer.parseInt(t.substring(1)), true);
            case "u8", "u16", "u32", "u64" -> TypeInfo.integer(Integer.parseInt(t.substring(1)), false);
            case "f32", "f64" -> TypeInfo.floating(Integer.parseInt(t.substring(1)));
            case "bool" -> TypeInfo.bool();
            case "text" -> TypeInfo.string();
            default -> null;
        };
    }

    /** The interpreter's answer and the harness lines for one call, or null (counted) when unsupported. */
    private Case prepare(boolean arm, String what, IrModule module, String load, String call) {
        IrFunction entry = module.entry();
        IrMemory memory = new IrMemory();
        List<IrValue> args = new ArrayList<>();
        List<String> nativeArgs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<long[]> placed = new ArrayList<>();
        for (String a0 : split(call)) {
            String a = a0.trim();
            byte[] bytes = null;
            boolean withLength = true;
            if (a.startsWith("\"")) {
                bytes = unescape(a.substring(1, a.length() - 1)).getBytes(StandardCharsets.UTF_8);
            } else if (a.startsWith("[")) {
                int colon = a.lastIndexOf("]:");
                String type = a.substring(colon + 2);
                if (type.contains("x")) {
                    skip("vector argument");
                    return null;
                }
                bytes = sliceBytes(split(a.substring(1, colon)), irType(type));
            } else if (a.startsWith("{")) {
                bytes = structBytes(split(a.substring(1, a.length() - 1)));
                withLength = false;
            }
            if (bytes != null) {
                long addr = memory.place(bytes);
                int index = placed.size();
                placed.add(new long[] {addr, bytes.length});
                lines.add("M " + Integer.toHexString(index) + " " + HexFormat.of().formatHex(bytes));
                args.add(IrValue.i64(addr));
                nativeArgs.add("@" + Integer.toHexString(index));
                if (withLength) {
                    int n = a.startsWith("\"") ? bytes.length : split(a.substring(1, a.lastIndexOf("]:"))).size();
                    args.add(IrValue.i64(n));
                    nativeArgs.add(Long.toHexString(n));
                }
            } else {
                if (args.size() >= entry.params().size()) {
                    fail(what + ": more arguments than parameters");
                }
                IrType param = entry.params().get(args.size());
                if (param.isVector()) {
                    skip("vector argument");
                    return null;
                }
                IrValue v = IrValue.of(param, bits(a, param));
                args.add(v);
                nativeArgs.add(Long.toHexString(v.bits()));
            }
        }
        List<String> ints = new ArrayList<>();
        List<String> floats = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            IrType t = entry.params().get(i);
            if (t.isVector()) {
                skip("vector argument");
                return null;
            }
            (t.isFloat() ? floats : ints).add(nativeArgs.get(i));
        }
        if (ints.size() > 6 || floats.size() > 8) {
            skip("arguments on the stack");
            return null;
        }
        List<IrType> returns = entry.returns();
        if (returns.stream().anyMatch(IrType::isVector)) {
            skip("vector result");
            return null;
        }
        char kind = returnKind(arm, returns);
        lines.add("C " + kind + " " + Integer.toHexString(ints.size()) + " " + String.join(" ", ints)
                + " " + Integer.toHexString(floats.size()) + " " + String.join(" ", floats));
        List<IrValue> results = List.of();
        String trap = "";
        List<byte[]> buffers = new ArrayList<>();
        try {
            IrInterpreter interp = new IrInterpreter(module, memory);
            interp.stepLimit(50_000_000L);
            results = interp.run(args.toArray(new IrValue[0]));
            for (long[] p : placed) {
                buffers.add(memory.read(p[0], (int) p[1]));
            }
        } catch (IrTrap t) {
            trap = String.valueOf(t.getMessage());
        }
        return new Case(what, load, lines, kind, returns, results, trap, buffers);
    }
}
