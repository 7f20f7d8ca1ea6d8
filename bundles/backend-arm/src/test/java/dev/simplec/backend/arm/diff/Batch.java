package dev.simplec.backend.arm.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.codegen.CallInlining;
import dev.simplec.api.codegen.Inlining;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInterpreter;
import dev.simplec.api.ir.IrMemory;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrTrap;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.backend.arm.Arm64Backend;

/**
 * Differential testing against {@link IrInterpreter}: programs and their calls are collected, each
 * program compiled once, and everything runs in one {@link Harness} process. A call must give the
 * interpreter's results bit for bit (floats too: NaNs leave generated code canonical), leave the
 * memory buffer as the interpreter leaves it, preserve the callee-saved registers and sp — or,
 * where the interpreter traps, exit with status 134 after writing exactly the trap line to stderr.
 * <p>
 * An {@code i64} argument {@code BUFFER + k} stands for the address of byte {@code k} of the
 * program's memory buffer (the interpreter's copy or the harness's).
 */
public final class Batch {
    /** Marks an argument as the memory buffer's address (plus the low 16 bits). */
    public static final long BUFFER = 0xB0FF_0000_0000_0000L;

    /** A program to run; {@code callsKept}: the second run of one whose calls the backend inlines (not counted again). */
    private record Program(String label, IrModule module, List<List<IrValue>> calls, byte @Nullable [] memory, boolean callsKept) {
    }

    private record Expected(@Nullable List<IrValue> results, byte @Nullable [] memory, @Nullable String trap) {
    }

    private final List<Program> programs = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int calls;
    private int traps;

    public void add(String label, IrModule module, List<List<IrValue>> callArgs, byte @Nullable [] memory) {
        programs.add(new Program(label, module, List.copyOf(callArgs), memory == null ? null : memory.clone(), false));
    }

    /** The calls run and compared, each call of each added program once (a second run with calls kept is not counted). */
    public int calls() {
        return calls;
    }

    public int traps() {
        return traps;
    }

    /** Runs everything; returns the failures (empty when every call agreed). */
    public List<String> run() throws IOException, InterruptedException {
        Harness.command(); // skips here, before compiling, when the tools are missing
        StringBuilder script = new StringBuilder();
        List<Program> ran = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        List<Program> ofCall = new ArrayList<>();
        List<List<IrValue>> argsOfCall = new ArrayList<>();
        Arm64Backend backend = new Arm64Backend();
        List<Program> compiled = new ArrayList<>();
        List<byte[]> codes = new ArrayList<>();
        for (Program p : programs) {
            try {
                codes.add(backend.compile(p.module()).code());
                compiled.add(p);
                // Calls the backend inlines are also run as calls, so both are tested.
                if (CallInlining.inline(p.module()).module() != p.module()) {
                    codes.add(Arm64Backend.build(p.module(), Inlining.NONE).code());
                    compiled.add(new Program(p.label() + " (calls kept)", p.module(), p.calls(), p.memory(), true));
                }
            } catch (RuntimeException e) {
                failures.add(p.label() + ": does not compile: " + e + "\n" + p.module());
            }
        }
        for (int k = 0; k < compiled.size(); k++) {
            Program p = compiled.get(k);
            int id = ran.size();
            ran.add(p);
            script.append("B ").append(Harness.hex(codes.get(k))).append('\n');
            for (List<IrValue> args : p.calls()) {
                Expected e = interpret(p, args);
                expected.add(e);
                ofCall.add(p);
                argsOfCall.add(args);
                byte[] mem = p.memory();
                script.append(mem == null ? "M" : "M " + Harness.hex(mem)).append('\n');
                script.append(e.trap() != null ? 'T' : 'C').append(' ').append(Integer.toHexString(id)).append(' ')
                        .append(registers(p.module().entry(), args)).append('\n');
            }
        }
        List<String> lines = Harness.run(script.toString());
        if (lines.size() != expected.size()) {
            failures.add("the harness answered " + lines.size() + " of " + expected.size() + " calls");
        }
        for (int c = 0; c < Math.min(lines.size(), expected.size()); c++) {
            calls += ofCall.get(c).callsKept() ? 0 : 1;
            String problem = compare(ofCall.get(c), expected.get(c), lines.get(c));
            if (problem != null) {
                failures.add(ofCall.get(c).label() + argsOfCall.get(c) + ": " + problem + "\n" + ofCall.get(c).module());
            }
        }
        return failures;
    }

    private Expected interpret(Program p, List<IrValue> args) {
        IrMemory mem = new IrMemory();
        byte[] initial = p.memory();
        long base = initial == null ? 0 : mem.place(initial);
        List<IrValue> real = new ArrayList<>();
        for (IrValue a : args) {
            real.add(isBuffer(a) ? IrValue.i64(base + (a.bits() - BUFFER)) : a);
        }
        IrInterpreter in = new IrInterpreter(p.module(), mem);
        in.stepLimit(20_000_000);
        try {
            List<IrValue> out = in.run(real.toArray(new IrValue[0]));
            return new Expected(out, initial == null ? null : mem.read(base, initial.length), null);
        } catch (IrTrap t) {
            traps += p.callsKept() ? 0 : 1;
            return new Expected(null, null, t.getMessage());
        }
    }

    private static boolean isBuffer(IrValue a) {
        return a.type() == IrType.I64 && (a.bits() & 0xFFFF_FFFF_FFFF_0000L) == BUFFER;
    }

    /** The harness operands: x0–x7, v0–v7 (two words each), the stack words (AAPCS64, as a C caller places them). */
    static String registers(IrFunction f, List<IrValue> args) {
        String[] x = new String[8];
        long[][] v = new long[8][2];
        java.util.Arrays.fill(x, "0");
        List<String> stack = new ArrayList<>();
        int ints = 0;
        int floats = 0;
        for (IrValue a : args) {
            IrType t = a.type();
            if (!t.isVector() && t.isInt()) {
                // AAPCS64 leaves the bits above a narrow argument undefined: fill them with garbage.
                long garbage = t.bits() == 64 ? 0 : (a.bits() * 0x9E3779B97F4A7C15L) << t.bits();
                long bits = t.bits() == 64 ? a.bits() : (a.bits() & ((1L << t.bits()) - 1)) | garbage;
                String w = isBuffer(a) ? "@" + Long.toHexString(a.bits() - BUFFER) : Long.toHexString(bits);
                if (ints < 8) {
                    x[ints++] = w;
                } else {
                    stack.add(w);
                }
            } else if (!t.isVector()) {
                if (floats < 8) {
                    v[floats++][0] = a.bits();
                } else {
                    stack.add(Long.toHexString(a.bits()));
                }
            } else {
                long[] words = words(a);
                int regs = words.length / 2;
                if (floats + regs <= 8) {
                    for (int r = 0; r < regs; r++) {
                        v[floats][0] = words[2 * r];
                        v[floats++][1] = words[2 * r + 1];
                    }
                } else {
                    floats = 8;
                    if (stack.size() % 2 != 0) {
                        stack.add("0");
                    }
                    for (long w : words) {
                        stack.add(Long.toHexString(w));
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder(String.join(" ", x));
        for (long[] r : v) {
            sb.append(' ').append(Long.toHexString(r[0])).append(' ').append(Long.toHexString(r[1]));
        }
        sb.append(' ').append(Integer.toHexString(stack.size()));
        for (String s : stack) {
            sb.append(' ').append(s);
        }
        return sb.toString();
    }

    /** A vector's bytes as little-endian 64-bit words. */
    static long[] words(IrValue a) {
        IrType t = a.type();
        long[] out = new long[t.bytes() / 8];
        int laneBytes = t.laneBits() / 8;
        for (int i = 0; i < t.lanes(); i++) {
            long lane = a.lane(i) & (t.laneBits() == 64 ? -1L : (1L << t.laneBits()) - 1);
            int at = i * laneBytes;
            out[at / 8] |= lane << (8 * (at % 8));
        }
        return out;
    }

    static IrValue fromWords(IrType t, long[] words) {
        long[] lanes = new long[t.lanes()];
        int laneBytes = t.laneBits() / 8;
        for (int i = 0; i < lanes.length; i++) {
            int at = i * laneBytes;
            lanes[i] = t.laneBits() == 64 ? words[at / 8] : words[at / 8] >>> (8 * (at % 8));
        }
        return IrValue.of(t, lanes); // canonical: sign-extends integer lanes, masks float lanes
    }

    /** What a C caller sees, per SPEC §6 and AAPCS64: results read from x0, x1, v0, v1. */
    static List<IrValue> results(List<IrType> types, long x0, long x1, long[] v0, long[] v1) {
        List<IrValue> out = new ArrayList<>();
        if (types.size() == 1) {
            IrType t = types.get(0);
            if (t.isVector()) {
                out.add(fromWords(t, t.bits() == 256 ? new long[] {v0[0], v0[1], v1[0], v1[1]} : v0));
            } else if (t.isFloat()) {
                out.add(IrValue.of(t, v0[0]));
            } else {
                out.add(IrValue.of(t, x0)); // the full register: the backend sign-extends narrow results
            }
        } else if (types.size() == 2) {
            IrType a = types.get(0);
            IrType b = types.get(1);
            if (a == b && (a.isFloat() || a.isVector())) { // HFA / HVA: one register each
                out.add(a.isVector() ? fromWords(a, v0) : IrValue.of(a, v0[0]));
                out.add(b.isVector() ? fromWords(b, v1) : IrValue.of(b, v1[0]));
            } else { // the C struct's bytes in x0, x1
                int offB = (a.bytes() + b.bytes() - 1) / b.bytes() * b.bytes();
                out.add(IrValue.of(a, a.bits() == 64 ? x0 : x0 & ((1L << a.bits()) - 1)));
                long reg = offB >= 8 ? x1 : x0 >>> (8 * offB);
                out.add(IrValue.of(b, b.bits() == 64 ? reg : reg & ((1L << b.bits()) - 1)));
            }
        }
        return out;
    }

    private static @Nullable String compare(Program p, Expected e, String line) {
        String[] f = line.split(" ");
        String trap = e.trap();
        if (trap != null) {
            if (!f[0].equals("X")) {
                return "expected a trap, got " + line;
            }
            String stderr = f[2].equals("-") ? "" : new String(Harness.unhex(f[2]), StandardCharsets.UTF_8);
            if (!f[1].equals(String.valueOf(TrapKind.EXIT_STATUS)) || !stderr.equals(trap + "\n")) {
                return "expected exit 134 and \"" + trap + "\", got exit " + f[1] + " and \"" + stderr + "\"" + (f.length > 3 ? " " + line : "");
            }
            return null;
        }
        if (!f[0].equals("R")) {
            return "expected a return, got " + line;
        }
        long x0 = Long.parseUnsignedLong(f[1], 16);
        long x1 = Long.parseUnsignedLong(f[2], 16);
        long[] v0 = {Long.parseUnsignedLong(f[3], 16), Long.parseUnsignedLong(f[4], 16)};
        long[] v1 = {Long.parseUnsignedLong(f[5], 16), Long.parseUnsignedLong(f[6], 16)};
        if (!f[7].equals("ok")) {
            return "callee-saved state not preserved: " + f[7];
        }
        List<IrValue> got = results(p.module().entry().returns(), x0, x1, v0, v1);
        List<IrValue> want = e.results();
        if (want != null && !got.equals(want)) {
            return "want " + want + ", got " + got;
        }
        byte[] mem = e.memory();
        if (mem != null) {
            String have = f.length > 8 ? f[8] : "";
            if (!have.equals(Harness.hex(mem))) {
                return "memory: want " + Harness.hex(mem) + ", got " + have;
            }
        }
        return null;
    }
}
