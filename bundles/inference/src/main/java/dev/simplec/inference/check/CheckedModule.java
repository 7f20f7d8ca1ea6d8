package dev.simplec.inference.check;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/** A module that type-checked: its functions in source order (the first is the entry) and its structs. */
public record CheckedModule(List<CheckedFunction> functions, StructTable structs) {
    public CheckedModule {
        functions = List.copyOf(functions);
    }

    public @Nullable CheckedFunction function(String name) {
        for (CheckedFunction f : functions) {
            if (f.sig().name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
