package dev.simplec.backend.arm;

import java.util.ArrayList;
import java.util.List;

import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInterpreter;
import dev.simplec.api.ir.IrMemory;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrValue;

/** The test oracle for one-function modules: {@link IrInterpreter} on raw argument bits; the result's bits (0 for none). */
final class IrEval {
    private IrEval() {
    }

    static long eval(IrFunction f, List<Long> args) {
        List<IrValue> in = new ArrayList<>();
        for (int k = 0; k < args.size(); k++) {
            in.add(IrValue.of(f.params().get(k), args.get(k)));
        }
        List<IrValue> out = new IrInterpreter(new IrModule(List.of(f)), new IrMemory()).call(0, in);
        return out.isEmpty() ? 0 : out.get(0).bits();
    }
}
