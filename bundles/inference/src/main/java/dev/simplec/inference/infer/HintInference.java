package dev.simplec.inference.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.check.Bound;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.check.TypeInfos;
import dev.simplec.inference.syntax.Limits;
import dev.simplec.inference.util.Lists;

/**
 * Infers a template's type arguments from hints (SPEC §4). Hints are concrete, so unifying a
 * signature type with a hint is one-way matching: the template's type parameters are the holes,
 * and each hole remembers which hint filled it, so that a conflict names both hints. All problems
 * are collected and reported together.
 */
public final class HintInference {
    private final TemplateShape shape;
    private final Type[] bound;
    private final int[] origin;
    private final List<TypeHint> hints;
    private final List<String> errors = new ArrayList<>();
    /** Type parameters in the pattern of a rejected hint: not also reported as undetermined. */
    private final boolean[] rejected;
    /** What one hint's match fills in; reused from hint to hint. */
    private final List<Fill> fills = new ArrayList<>(4);

    private HintInference(TemplateShape shape, List<TypeHint> hints) {
        this.shape = shape;
        this.hints = hints;
        this.bound = new Type[shape.typeParams().size()];
        this.origin = new int[bound.length];
        this.rejected = new boolean[bound.length];
    }

    /**
     * The index of type parameter {@code name} (the last of that name, as a map filled in order would
     * say), or -1: a handful of names, found by a scan rather than a map.
     */
    private int indexOf(String name) {
        List<Type.Param> params = shape.typeParams();
        for (int i = params.size() - 1; i >= 0; i--) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** One TypeInfo per type parameter of {@code template}, in order; INFERENCE errors otherwise. */
    public static List<TypeInfo> infer(TemplateDescription template, List<TypeHint> hints) {
        if (hints.size() > Limits.MAX_HINTS) {
            throw new SimplecException(ErrorKind.LIMIT, "too many hints: " + hints.size() + " (the limit is "
                    + Limits.MAX_HINTS + ")");
        }
        return new HintInference(TemplateShape.of(template), hints).run();
    }

    private List<TypeInfo> run() {
        for (int k = 0; k < hints.size(); k++) {
            apply(k, hints.get(k));
        }
        List<Type.Param> params = shape.typeParams();
        for (int i = 0; i < bound.length; i++) {
            if (bound[i] == null && !rejected[i]) {
                errors.add("type parameter " + params.get(i).name() + ": no hint determines it");
            }
        }
        for (int i = 0; i < bound.length; i++) {
            Type t = bound[i];
            if (t == null) {
                continue;
            }
            Set<Bound> declared = params.get(i).bounds();
            if (declared.isEmpty()) {
                continue;
            }
            for (Bound b : Bound.values()) {
                if (declared.contains(b) && !satisfies(t, b)) {
                    errors.add("type parameter " + params.get(i).name() + ": " + label(origin[i]) + " says " + t
                            + ", which does not satisfy " + b);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new SimplecException(ErrorKind.INFERENCE, String.join("\n", errors));
        }
        TypeInfo[] out = new TypeInfo[bound.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = TypeInfos.toInfo(bound[i]);
        }
        return Lists.copyOf(out);
    }

    private void apply(int k, TypeHint hint) {
        Type actual;
        try {
            actual = TypeInfos.toType(hint.ty());
        } catch (SimplecException e) {
            throw e.within(label(k));
        }
        int idx = hint.paramIndex();
        switch (hint.source()) {
            case CALL_SITE -> {
                if (idx < 0 || idx >= shape.params().size()) {
                    errors.add(label(k) + ": param_index " + idx + " is out of range (template has "
                            + count(shape.params().size(), "value parameter") + ")");
                    return;
                }
                match(k, shape.params().get(idx), actual, idx, null);
            }
            case RETURN, ASSIGNMENT -> {
                Type ret = shape.ret();
                if (ret == null) {
                    errors.add(label(k) + ": template " + shape.name() + " has no known result type (give a signature or source)");
                    return;
                }
                match(k, ret, actual, -1, "the result");
            }
            case CONSTRAINT -> {
                if (idx < 0 || idx >= bound.length) {
                    errors.add(label(k) + ": param_index " + idx + " is out of range (template has "
                            + count(bound.length, "type parameter") + ")");
                    return;
                }
                match(k, shape.typeParams().get(idx), actual, idx, "type parameter ");
            }
        }
    }

    private record Fill(int param, Type type) {
    }

    /**
     * Matches hint {@code k}'s type against {@code pattern}. What the pattern is, for the message: value
     * parameter {@code idx} ({@code what} null), "the result", or "type parameter " and its name.
     */
    private void match(int k, Type pattern, Type actual, int idx, @Nullable String what) {
        fills.clear();
        if (!structural(pattern, actual, fills)) {
            mentioned(pattern);
            String subject = what == null ? "value parameter " + idx
                    : idx >= 0 ? what + shape.typeParams().get(idx).name() : what;
            errors.add(label(k) + ": " + subject + " has type " + pattern + " but the hint says " + actual);
            return;
        }
        for (Fill f : fills) {
            Type previous = bound[f.param()];
            String name = shape.typeParams().get(f.param()).name();
            if (previous == null) {
                bound[f.param()] = f.type();
                origin[f.param()] = k;
            } else if (!previous.equals(f.type())) {
                int j = origin[f.param()];
                errors.add("type parameter " + name + ": " + (j == k
                        ? label(k) + " says both " + previous + " and " + f.type()
                        : label(j) + " says " + previous + " but " + label(k) + " says " + f.type()));
            }
        }
    }

    private void mentioned(Type pattern) {
        if (pattern instanceof Type.Param p) {
            int i = indexOf(p.name());
            if (i >= 0) {
                rejected[i] = true;
            }
        } else if (pattern instanceof Type.Array a) {
            mentioned(a.elem());
        } else if (pattern instanceof Type.Simd s) {
            mentioned(s.elem());
        } else if (pattern instanceof Type.Tuple t) {
            t.elems().forEach(this::mentioned);
        } else if (pattern instanceof Type.Named n) {
            n.args().forEach(this::mentioned);
        } else if (pattern instanceof Type.Fn f) {
            f.params().forEach(this::mentioned);
            mentioned(f.ret());
        }
    }

    /** Whether {@code actual} has the shape of {@code pattern}; collects what each type parameter meets. */
    private boolean structural(Type pattern, Type actual, List<Fill> fills) {
        if (pattern instanceof Type.Param p) {
            int i = indexOf(p.name());
            if (i >= 0) {
                fills.add(new Fill(i, actual));
                return true;
            }
        }
        if (pattern instanceof Type.Array pa && actual instanceof Type.Array aa) {
            return structural(pa.elem(), aa.elem(), fills);
        }
        if (pattern instanceof Type.Simd ps && actual instanceof Type.Simd as && ps.lanes() == as.lanes()) {
            return structural(ps.elem(), as.elem(), fills);
        }
        if (pattern instanceof Type.Tuple pt && actual instanceof Type.Tuple at) {
            return structuralAll(pt.elems(), at.elems(), fills);
        }
        if (pattern instanceof Type.Named pn && actual instanceof Type.Named an && pn.name().equals(an.name())) {
            return structuralAll(pn.args(), an.args(), fills);
        }
        if (pattern instanceof Type.Fn pf && actual instanceof Type.Fn af) {
            return structuralAll(pf.params(), af.params(), fills) && structural(pf.ret(), af.ret(), fills);
        }
        return pattern.equals(actual);
    }

    private boolean structuralAll(List<Type> ps, List<Type> as, List<Fill> fills) {
        if (ps.size() != as.size()) {
            return false;
        }
        for (int i = 0; i < ps.size(); i++) {
            if (!structural(ps.get(i), as.get(i), fills)) {
                return false;
            }
        }
        return true;
    }

    private static boolean satisfies(Type t, Bound b) {
        // A generic in a hint is opaque: nothing is known about it, so it meets no bound.
        return t instanceof Type.Param p ? p.has(b) : b.holdsFor(t);
    }

    private String label(int k) {
        return "hint " + k + " (" + hints.get(k).source().jsonName() + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
