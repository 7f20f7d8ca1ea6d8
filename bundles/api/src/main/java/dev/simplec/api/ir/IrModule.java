package dev.simplec.api.ir;

import java.util.List;

/** What a backend compiles: the entry function first, then every function it reaches. */
public record IrModule(List<IrFunction> functions) {
    public IrModule {
        functions = IrList.copyOf(functions);
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("an IR module needs an entry function");
        }
    }

    public IrFunction entry() {
        return functions.get(0);
    }

    @Override
    public String toString() {
        return IrPrinter.module(this);
    }
}
