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
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.check.Bound;
import dev.simplec.inference.check.CheckedFunction;
import dev.simplec.inference.check.CheckedModule;
import dev.simplec.inference.check.StructDef;
import dev.simplec.inference.check.StructTable;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.check.TypeInfos;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.diag.Span;
import dev.simplec.inference.util.Maps;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Instantiates the entry function with concrete type arguments and every function instance it
 * reaches: a worklist of {@code name<args>} instances, each lowered once, numbered in the order
 * first requested (the entry is 0), which is the order of the module's functions and the index
 * CALL and FUNC_ADDR use. Recursion through ever larger types ({@code f<T>} calling
 * {@code f<(T, T)>}) would never end, so the number of instances is bounded.
 */
public final class Monomorphizer {
    /** More instances than this is a LIMIT error: polymorphic recursion, or a template far beyond any real one. */
    static final int MAX_INSTANCES = 1000;
    /** The type arguments of one instance may hold at most this many type nodes. */
    static final int MAX_TYPE_NODES = 1000;
    /** The system property that makes {@link #instantiate} verify the IR it returns. */
    public static final String VERIFY_PROPERTY = "simplec.inference.verify";
    /**
     * Whether {@link #instantiate} runs {@link IrVerifier} on its module. Off in production: every
     * backend verifies the module it compiles (once, before instruction selection), so verifying here
     * too would do the same work twice on every instantiation. The inference tests turn it on
     * ({@code -Dsimplec.inference.verify=true} in the bundle's surefire configuration), and the
     * template tests verify every module they instantiate in any case.
     */
    static final boolean VERIFY = Boolean.getBoolean(VERIFY_PROPERTY);

    private final CheckedModule module;
    private final SourceText source;
    private final Layouts layouts;
    private final Deque<Instance> pending = new ArrayDeque<>();
    private final Map<String, Instance> seen = new LinkedHashMap<>();

    /** One function at concrete type arguments, named {@code f<i64, f32>} (plain {@code f} when not generic). */
    record Instance(CheckedFunction fn, List<Type> typeArgs, String name, int index) {
    }

    private Monomorphizer(CheckedModule module, SourceText source) {
        this.module = module;
        this.source = source;
        this.layouts = new Layouts(module.structs());
    }

    public static IrModule instantiate(CheckedModule module, List<TypeInfo> typeArgs, SourceText source) {
        if (module.functions().isEmpty()) {
            throw new SimplecException(ErrorKind.INVALID_INPUT, "the template defines no function to instantiate");
        }
        CheckedFunction entry = module.functions().get(0);
        List<Type> args = entryArgs(entry, typeArgs, module.structs());
        Monomorphizer m = new Monomorphizer(module, source);
        m.request(entry, args, null);
        return m.run();
    }

    /** The entry's type arguments: right count, concrete, known structs, within the bounds. */
    private static List<Type> entryArgs(CheckedFunction entry, List<TypeInfo> typeArgs, StructTable structs) {
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
            String unknown = unknownStruct(t, structs);
            if (unknown != null) {
                throw new SimplecException(ErrorKind.INVALID_INPUT, "type argument " + i + ": " + unknown);
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

    /** A message when {@code t} names a struct the module does not declare (or with the wrong arity). */
    private static @Nullable String unknownStruct(Type t, StructTable structs) {
        if (t instanceof Type.Named n) {
            StructDef def = structs.get(n.name());
            if (def == null) {
                return "the template declares no struct " + n.name();
            }
            if (def.typeParams().size() != n.args().size()) {
                return "struct " + n.name() + " takes " + def.typeParams().size() + " type arguments, not " + n.args().size();
            }
            for (Type a : n.args()) {
                String m = unknownStruct(a, structs);
                if (m != null) {
                    return m;
                }
            }
        } else if (t instanceof Type.Array a) {
            return unknownStruct(a.elem(), structs);
        } else if (t instanceof Type.Tuple tu) {
            for (Type e : tu.elems()) {
                String m = unknownStruct(e, structs);
                if (m != null) {
                    return m;
                }
            }
        } else if (t instanceof Type.Fn f) {
            for (Type e : f.params()) {
                String m = unknownStruct(e, structs);
                if (m != null) {
                    return m;
                }
            }
            return unknownStruct(f.ret(), structs);
        }
        return null;
    }

    StructDef struct(String name) {
        StructDef def = module.structs().get(name);
        if (def == null) {
            throw new IllegalStateException("unknown struct after checking: " + name);
        }
        return def;
    }

    /** The index of module function {@code name} at {@code args}, queued for lowering when new. */
    int request(String name, List<Type> args, Span at) {
        CheckedFunction fn = module.function(name);
        if (fn == null) {
            throw new IllegalStateException("call of an unknown function passed the checker: " + name);
        }
        return request(fn, args, at);
    }

    private int request(CheckedFunction fn, List<Type> args, @Nullable Span at) {
        int budget = MAX_TYPE_NODES;
        for (Type t : args) {
            budget = nodesLeft(t, budget);
        }
        if (budget < 0) {
            fail("the type arguments of " + fn.sig().name() + " grow beyond " + MAX_TYPE_NODES
                    + " type nodes (does it call itself with ever larger types?)", at);
        }
        StringBuilder name = new StringBuilder(fn.sig().name());
        if (!args.isEmpty()) {
            name.append('<').append(Type.join(args)).append('>');
        }
        String key = name.toString();
        Instance known = Maps.get(seen, key);
        if (known != null) {
            return known.index();
        }
        if (seen.size() >= MAX_INSTANCES) {
            fail("too many function instances (the limit is " + MAX_INSTANCES + "); the last was " + key, at);
        }
        Instance inst = new Instance(fn, List.copyOf(args), key, seen.size());
        seen.put(key, inst);
        pending.add(inst);
        return inst.index();
    }

    private void fail(String message, @Nullable Span at) {
        if (at == null) {
            throw new SimplecException(ErrorKind.LIMIT, message);
        }
        throw Diagnostics.single(source, ErrorKind.LIMIT, at, message);
    }

    /**
     * {@code budget} minus the nodes of {@code t}, stopping below zero: types built as {@code (T, T)}
     * share subtrees, so their tree size doubles per step and must be counted with a budget.
     */
    private static int nodesLeft(Type t, int budget) {
        int left = budget - 1;
        if (left < 0) {
            return left;
        }
        List<Type> children = t instanceof Type.Tuple tu ? tu.elems()
                : t instanceof Type.Named n ? n.args()
                : t instanceof Type.Array a ? List.of(a.elem())
                : t instanceof Type.Simd s ? List.of(s.elem())
                : t instanceof Type.Fn f ? java.util.stream.Stream.concat(f.params().stream(), java.util.stream.Stream.of(f.ret())).toList()
                : List.of();
        for (Type c : children) {
            left = nodesLeft(c, left);
            if (left < 0) {
                return left;
            }
        }
        return left;
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
            out.add(new FunctionLowerer(inst.fn(), subst, inst.name(), source, this, layouts).lower());
        }
        IrModule ir = new IrModule(out);
        if (VERIFY) {
            // Our own lowering made it; a failure here is a defect, reported as INTERNAL with the IR's location.
            IrVerifier.verify(ir);
        }
        return ir;
    }
}
