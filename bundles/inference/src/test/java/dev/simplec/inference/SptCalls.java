package dev.simplec.inference;

import static dev.simplec.inference.SptValues.bits;
import static dev.simplec.inference.SptValues.irType;
import static dev.simplec.inference.SptValues.sliceBytes;
import static dev.simplec.inference.SptValues.split;
import static dev.simplec.inference.SptValues.structBytes;
import static dev.simplec.inference.SptValues.unescape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInterpreter;
import dev.simplec.api.ir.IrMemory;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrTrap;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.IrValue;

/**
 * Runs the {@code // call:} lines of a template test in {@link IrInterpreter}. Arguments are written
 * in order, one per template parameter:
 * <ul>
 * <li>a scalar ({@code 21}, {@code -1.5}, {@code true}): typed by the entry's IR parameter;</li>
 * <li>a slice {@code [1, 2, 3]:i64} (element type after the colon) or text {@code "abc"}: placed in
 * interpreter memory, passed as (address, length);</li>
 * <li>a SIMD vector {@code [1.0, 2.0, 3.0, 4.0]:f32x4};</li>
 * <li>a struct {@code {1:i64, 2.5:f64}}: fields laid out as C does, passed by address.</li>
 * </ul>
 * The result is the returned values as {@link IrValue} prints them ({@code 42:i64}, two for a
 * tuple), {@code ()} for none, or {@code trap <reason> in <function>}. {@code // after: N [..]:T}
 * checks what slice argument N holds after the call.
 */
final class SptCalls {
    private record Placed(long address, int count, String elem) {
    }

    private final IrModule module;
    private final IrMemory memory = new IrMemory();
    private final Map<Integer, Placed> slices = new HashMap<>();

    private SptCalls(IrModule module) {
        this.module = module;
    }

    static void run(String file, IrModule module, SptFile.Call call) {
        SptCalls c = new SptCalls(module);
        String actual = c.call(call.args());
        assertEquals(call.result(), actual, file + ": call " + call.args());
        for (String after : call.after()) {
            int space = after.indexOf(' ');
            int index = Integer.parseInt(after.substring(0, space));
            assertEquals(after.substring(space + 1).trim(), c.after(file, index), file + ": argument " + index + " after " + call.args());
        }
    }

    /**
     * What a call with arguments {@code args} (a call line's) gives, then what each slice argument
     * holds after it: for tests that compare two modules' runs rather than a written result.
     */
    static String outcome(IrModule module, String args) {
        SptCalls c = new SptCalls(module);
        StringBuilder out = new StringBuilder(c.call(args));
        c.slices.keySet().stream().sorted().forEach(i -> out.append(" | ").append(i).append(' ').append(c.readBack(c.slices.get(i))));
        return out.toString();
    }

    /** The result of the entry called with {@code args}, as a call line writes it. */
    private String call(String args) {
        List<IrValue> values = arguments(args);
        try {
            IrInterpreter interp = new IrInterpreter(module, memory);
            interp.stepLimit(50_000_000L);
            List<IrValue> out = interp.run(values.toArray(new IrValue[0]));
            return out.isEmpty() ? "()" : String.join(", ", out.stream().map(IrValue::toString).toList());
        } catch (IrTrap t) {
            return "trap " + t.kind().reason() + " in " + t.function();
        }
    }

    /** What slice argument {@code index} holds now. */
    private String after(String file, int index) {
        Placed p = dev.simplec.inference.util.Maps.get(slices, index);
        if (p == null) {
            throw new IllegalArgumentException(file + ": argument " + index + " is not a slice");
        }
        return readBack(p);
    }

    private List<IrValue> arguments(String text) {
        IrFunction entry = module.entry();
        List<IrValue> out = new ArrayList<>();
        List<String> args = split(text);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).trim();
            IrType param = entry.params().get(out.size());
            if (a.startsWith("\"")) {
                byte[] bytes = unescape(a.substring(1, a.length() - 1)).getBytes(StandardCharsets.UTF_8);
                long addr = memory.place(bytes);
                slices.put(i, new Placed(addr, bytes.length, "u8"));
                out.add(IrValue.i64(addr));
                out.add(IrValue.i64(bytes.length));
            } else if (a.startsWith("[")) {
                int colon = a.lastIndexOf("]:");
                String type = a.substring(colon + 2);
                List<String> elems = split(a.substring(1, colon));
                if (type.contains("x")) {
                    IrType vt = IrType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
                    long[] lanes = new long[elems.size()];
                    for (int k = 0; k < lanes.length; k++) {
                        lanes[k] = bits(elems.get(k).trim(), vt.lane());
                    }
                    out.add(IrValue.of(vt, lanes));
                } else {
                    byte[] bytes = sliceBytes(elems, irType(type));
                    long addr = memory.place(bytes);
                    slices.put(i, new Placed(addr, elems.size(), type));
                    out.add(IrValue.i64(addr));
                    out.add(IrValue.i64(elems.size()));
                }
            } else if (a.startsWith("{")) {
                out.add(IrValue.i64(struct(split(a.substring(1, a.length() - 1)))));
            } else {
                out.add(IrValue.of(param, bits(a, param)));
            }
        }
        return out;
    }

    private long struct(List<String> fields) {
        return memory.place(structBytes(fields));
    }

    private String readBack(Placed p) {
        IrType et = irType(p.elem());
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < p.count(); k++) {
            long v = memory.loadBits(p.address() + (long) k * et.bytes(), et.bytes());
            sb.append(k == 0 ? "" : ", ").append(show(v, p.elem()));
        }
        return sb.append("]:").append(p.elem()).toString();
    }

    private static String show(long bits, String type) {
        return switch (type) {
            case "f32" -> Float.toString(Float.intBitsToFloat((int) bits));
            case "f64" -> Double.toString(Double.longBitsToDouble(bits));
            case "bool" -> bits != 0 ? "true" : "false";
            default -> type.startsWith("u") ? Long.toUnsignedString(bits)
                    : Long.toString((bits << (64 - 8 * irType(type).bytes())) >> (64 - 8 * irType(type).bytes()));
        };
    }
}
