package dev.simplec.inference.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.codegen.CodeLimits;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.check.Bound;
import dev.simplec.inference.check.CheckedFunction;
import dev.simplec.inference.check.CheckedModule;
import dev.simplec.inference.check.StructDef;
import dev.simplec.inference.check.StructTable;
import dev.simplec.inference.check.Substitution;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.check.TypeInfos;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.diag.Spans;
import dev.simplec.inference.syntax.Limits;
import dev.simplec.inference.util.Lists;
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
    static final int MAX_TYPE_NODES = Limits.MAX_TYPE_NODES;
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
    /** One builder for all instances, lowered one at a time: its arrays are made once per module. */
    private final IrBuilder builder = new IrBuilder();
    private final Deque<Instance> pending = new ArrayDeque<>(4);
    /** Every instance, by index. A few are found by a scan: no key object, no hashing of type lists. */
    private final List<Instance> instances = new ArrayList<>(4);
    /** Past {@link #SCAN_LIMIT} instances, a map finds them (a template with hundreds is not quadratic). */
    private @Nullable Map<InstanceKey, Instance> seen;
    private static final int SCAN_LIMIT = 8;

    /** One function at concrete type arguments, named {@code f<i64, f32>} (plain {@code f} when not generic). */
    record Instance(CheckedFunction fn, List<Type> typeArgs, String name, int index) {
    }

    /** What identifies an instance: the function and its type arguments (equal types print alike, and back). */
    private record InstanceKey(CheckedFunction fn, List<Type> typeArgs) {
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
        m.request(entry, args, NO_SPAN);
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
        // An array made into an immutable list once: request keeps it as it is.
        Type[] args = new Type[params.size()];
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
            args[i] = t;
        }
        if (!problems.isEmpty()) {
            throw new SimplecException(ErrorKind.TYPE, String.join("\n", problems));
        }
        return Lists.copyOf(args);
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

    /** No source position: the entry instance, which the caller's type arguments ask for. */
    private static final long NO_SPAN = -1L;

    /** The index of module function {@code name} at {@code args} (asked for at {@code at}, packed), queued when new. */
    int request(String name, List<Type> args, long at) {
        CheckedFunction fn = module.function(name);
        if (fn == null) {
            throw new IllegalStateException("call of an unknown function passed the checker: " + name);
        }
        return request(fn, args, at);
    }

    private int request(CheckedFunction fn, List<Type> args, long at) {
        // Known instances passed the size check below when they were first requested.
        Instance known = find(fn, args);
        if (known != null) {
            return known.index();
        }
        int budget = MAX_TYPE_NODES;
        for (int i = 0; i < args.size(); i++) {
            budget = nodesLeft(args.get(i), budget);
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
        if (instances.size() >= MAX_INSTANCES) {
            fail("too many function instances (the limit is " + MAX_INSTANCES + "); the last was " + key, at);
        }
        List<Type> typeArgs = List.copyOf(args);
        Instance inst = new Instance(fn, typeArgs, key, instances.size());
        instances.add(inst);
        Map<InstanceKey, Instance> map = seen;
        if (map != null) {
            map.put(new InstanceKey(fn, typeArgs), inst);
        } else if (instances.size() > SCAN_LIMIT) {
            map = new HashMap<>();
            for (Instance i : instances) {
                map.put(new InstanceKey(i.fn(), i.typeArgs()), i);
            }
            seen = map;
        }
        pending.add(inst);
        return inst.index();
    }

    /** The instance of {@code fn} at {@code args}, if requested before. */
    private @Nullable Instance find(CheckedFunction fn, List<Type> args) {
        Map<InstanceKey, Instance> map = seen;
        if (map != null) {
            return Maps.get(map, new InstanceKey(fn, args));
        }
        for (int i = 0; i < instances.size(); i++) {
            Instance inst = instances.get(i);
            if (inst.fn() == fn && sameTypes(inst.typeArgs(), args)) {
                return inst;
            }
        }
        return null;
    }

    /** {@code a.equals(b)} without the iterator immutable lists' equals makes. */
    private static boolean sameTypes(List<Type> a, List<Type> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void fail(String message, long at) {
        if (at == NO_SPAN) {
            throw new SimplecException(ErrorKind.LIMIT, message);
        }
        throw Diagnostics.single(source, ErrorKind.LIMIT, Spans.span(at), message);
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
        if (t instanceof Type.Array a) {
            return nodesLeft(a.elem(), left);
        } else if (t instanceof Type.Simd s) {
            return nodesLeft(s.elem(), left);
        } else if (t instanceof Type.Fn f) {
            left = nodesLeft(f.params(), left);
            return left < 0 ? left : nodesLeft(f.ret(), left);
        }
        return nodesLeft(t instanceof Type.Tuple tu ? tu.elems() : t instanceof Type.Named n ? n.args() : List.of(), left);
    }

    private static int nodesLeft(List<Type> ts, int budget) {
        int left = budget;
        for (int i = 0; i < ts.size() && left >= 0; i++) {
            left = nodesLeft(ts.get(i), left);
        }
        return left;
    }

    private IrModule run() {
        IrFunction[] out = new IrFunction[4];
        int count = 0;
        int size = 0;
        while (!pending.isEmpty()) {
            Instance inst = pending.poll();
            Substitution subst = new Substitution(inst.fn().sig().typeParams(), inst.typeArgs());
            IrFunction f = new FunctionLowerer(inst.fn(), subst, inst.name(), source, this, layouts, builder).lower();
            // The backends' limits, checked as the module grows: an oversized instantiation stops here.
            size += CodeLimits.checkFunction(f);
            CodeLimits.checkModuleSize(size);
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = f;
        }
        IrModule ir = new IrModule(Lists.copyOf(out, 0, count));
        if (VERIFY) {
            // Our own lowering made it; a failure here is a defect, reported as INTERNAL with the IR's location.
            IrVerifier.verify(ir);
        }
        return ir;
    }
}
