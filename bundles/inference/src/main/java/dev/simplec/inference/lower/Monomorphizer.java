package dev.simplec.inference.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.check.Bound;
import dev.simplec.inference.check.CheckedFunction;
import dev.simplec.inference.check.CheckedModule;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.check.TypeInfos;
import dev.simplec.inference.diag.SourceText;

/**
 * Instantiates the entry function with concrete type arguments and every function instance it
 * reaches (a worklist of {@code name<args>} instances, each lowered once), entry first. Until the
 * IR has a call instruction no body reaches another function, so the worklist holds the entry only.
 */
public final class Monomorphizer {
    private final SourceText source;
    private final Deque<Instance> pending = new ArrayDeque<>();
    private final Map<String, Instance> seen = new LinkedHashMap<>();

    /** One function at concrete type arguments, named {@code f<i64, f32>} (plain {@code f} when not generic). */
    record Instance(CheckedFunction fn, List<Type> typeArgs, String name) {
    }

    private Monomorphizer(SourceText source) {
        this.source = source;
    }

    public static IrModule instantiate(CheckedModule module, List<TypeInfo> typeArgs, SourceText source) {
        if (module.functions().isEmpty()) {
            throw new SimplecException(ErrorKind.INVALID_INPUT, "the template defines no function to instantiate");
        }
        CheckedFunction entry = module.functions().get(0);
        List<Type> args = entryArgs(entry, typeArgs);
        Monomorphizer m = new Monomorphizer(source);
        m.request(entry, args);
        return m.run();
    }

    /** The entry's type arguments: right count, concrete, within the bounds. */
    private static List<Type> entryArgs(CheckedFunction entry, List<TypeInfo> typeArgs) {
        List<Type.Param> params = entry.sig().typeParams();
        String fn = entry.sig().name();
        if (params.size() != typeArgs.size()) {
            throw new SimplecException(ErrorKind.TYPE, "fn " + fn + " takes " + params.size() + " type argument"
                    + (params.size() == 1 ? "" : "s") + " " + entry.sig().typeParamList() + " but " + typeArgs.size()
                    + (typeArgs.size() == 1 ? " was" : " were") + " given");
        }
        List<Type> args = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Type t;
            try {
                t = TypeInfos.toType(typeArgs.get(i));
            } catch (SimplecException e) {
                throw e.within("type argument " + i);
            }
            String generic = TypeInfos.firstGeneric(t);
            if (generic != null) {
                throw new SimplecException(ErrorKind.INVALID_INPUT, "type argument " + i + ": " + t
                        + " mentions the generic " + generic + "; instantiation needs concrete types");
            }
            Type.Param p = params.get(i);
            for (Bound b : Bound.values()) {
                if (p.bounds().contains(b) && !b.holdsFor(t)) {
                    problems.add("type argument " + t + " for type parameter " + p.name() + " of " + fn
                            + " does not satisfy the bound " + b);
                }
            }
            args.add(t);
        }
        if (!problems.isEmpty()) {
            throw new SimplecException(ErrorKind.TYPE, String.join("\n", problems));
        }
        return args;
    }

    /** Queues {@code fn} at {@code args} unless already queued; the instance name either way. */
    String request(CheckedFunction fn, List<Type> args) {
        StringBuilder name = new StringBuilder(fn.sig().name());
        if (!args.isEmpty()) {
            name.append('<').append(Type.join(args)).append('>');
        }
        String key = name.toString();
        if (!seen.containsKey(key)) {
            Instance inst = new Instance(fn, List.copyOf(args), key);
            seen.put(key, inst);
            pending.add(inst);
        }
        return key;
    }

    private IrModule run() {
        List<IrFunction> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            Instance inst = pending.poll();
            Map<String, Type> subst = new HashMap<>();
            List<Type.Param> params = inst.fn().sig().typeParams();
            for (int i = 0; i < params.size(); i++) {
                subst.put(params.get(i).name(), inst.typeArgs().get(i));
            }
            out.add(new FunctionLowerer(inst.fn(), subst, inst.name(), source).lower());
        }
        return new IrModule(out);
    }
}
