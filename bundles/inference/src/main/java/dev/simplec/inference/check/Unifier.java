package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.Span;

/**
 * Hindley–Milner unification over {@link Type}, with the two refinements the language needs:
 * a variable may stand for a literal (an integer literal only becomes an int type or a type
 * parameter bounded by Num; a float literal a float type or a parameter bounded by Float), and a
 * variable may carry bounds it must satisfy once it is bound (from {@code x + y} on an unknown type
 * or a call of a generic function).
 */
public final class Unifier {
    /** What a variable may become. */
    public enum VarKind { ANY, INT_LITERAL, FLOAT_LITERAL }

    private static final class VarInfo {
        @Nullable Type binding;
        VarKind kind;
        final Set<Bound> required = EnumSet.noneOf(Bound.class);
        final Span origin;
        final String what;

        VarInfo(VarKind kind, Span origin, String what) {
            this.kind = kind;
            this.origin = origin;
            this.what = what;
        }
    }

    private final List<VarInfo> vars = new ArrayList<>();

    /** A new variable; {@code origin} and {@code what} name it if it is never determined. */
    public Type.Var fresh(VarKind kind, Set<Bound> required, Span origin, String what) {
        VarInfo info = new VarInfo(kind, origin, what);
        info.required.addAll(required);
        vars.add(info);
        return new Type.Var(vars.size() - 1);
    }

    /** Follows variable bindings at the top of {@code t}. */
    public Type resolve(Type t) {
        Type cur = t;
        while (cur instanceof Type.Var v) {
            Type next = vars.get(v.id()).binding;
            if (next == null) {
                return cur;
            }
            cur = next;
        }
        return cur;
    }

    /** {@code t} with every bound variable replaced, deeply; unbound variables stay. */
    public Type zonk(Type t) {
        Type r = resolve(t);
        if (r instanceof Type.Array a) {
            return new Type.Array(zonk(a.elem()));
        } else if (r instanceof Type.Tuple tu) {
            return new Type.Tuple(zonkAll(tu.elems()));
        } else if (r instanceof Type.Simd s) {
            return new Type.Simd(s.lanes(), zonk(s.elem()));
        } else if (r instanceof Type.Fn f) {
            return new Type.Fn(zonkAll(f.params()), zonk(f.ret()));
        } else if (r instanceof Type.Named n) {
            return new Type.Named(n.name(), zonkAll(n.args()));
        }
        return r;
    }

    private List<Type> zonkAll(List<Type> ts) {
        List<Type> out = new ArrayList<>(ts.size());
        for (Type t : ts) {
            out.add(zonk(t));
        }
        return out;
    }

    /** How messages spell {@code t}: unknown literal types as {integer} / {float}, other unknowns as _. */
    public String show(Type t) {
        return forDisplay(zonk(t)).toString();
    }

    private Type forDisplay(Type t) {
        if (t instanceof Type.Var v) {
            String name = switch (vars.get(v.id()).kind) {
                case INT_LITERAL -> "{integer}";
                case FLOAT_LITERAL -> "{float}";
                case ANY -> "_";
            };
            return new Type.Named(name, List.of());
        } else if (t instanceof Type.Array a) {
            return new Type.Array(forDisplay(a.elem()));
        } else if (t instanceof Type.Tuple tu) {
            return new Type.Tuple(tu.elems().stream().map(this::forDisplay).toList());
        } else if (t instanceof Type.Simd s) {
            return new Type.Simd(s.lanes(), forDisplay(s.elem()));
        } else if (t instanceof Type.Fn f) {
            return new Type.Fn(f.params().stream().map(this::forDisplay).toList(), forDisplay(f.ret()));
        } else if (t instanceof Type.Named n) {
            return new Type.Named(n.name(), n.args().stream().map(this::forDisplay).toList());
        }
        return t;
    }

    /**
     * Makes {@code a} and {@code b} equal. Returns null on success; on failure a detail to append to
     * the caller's message ("" when "expected X, found Y" says it all).
     */
    public @Nullable String unify(Type a, Type b) {
        Type x = resolve(a);
        Type y = resolve(b);
        if (x instanceof Type.Error || y instanceof Type.Error || x instanceof Type.Never || y instanceof Type.Never
                || x.equals(y)) {
            return null;
        }
        if (x instanceof Type.Var vx && y instanceof Type.Var vy) {
            return merge(vx, vy);
        }
        if (x instanceof Type.Var vx) {
            return bind(vx, y);
        }
        if (y instanceof Type.Var vy) {
            return bind(vy, x);
        }
        if (x instanceof Type.Array ax && y instanceof Type.Array ay) {
            return unify(ax.elem(), ay.elem());
        }
        if (x instanceof Type.Simd sx && y instanceof Type.Simd sy && sx.lanes() == sy.lanes()) {
            return unify(sx.elem(), sy.elem());
        }
        if (x instanceof Type.Tuple tx && y instanceof Type.Tuple ty) {
            return unifyAll(tx.elems(), ty.elems());
        }
        if (x instanceof Type.Named nx && y instanceof Type.Named ny && nx.name().equals(ny.name())) {
            return unifyAll(nx.args(), ny.args());
        }
        if (x instanceof Type.Fn fx && y instanceof Type.Fn fy) {
            String d = unifyAll(fx.params(), fy.params());
            return d != null ? d : unify(fx.ret(), fy.ret());
        }
        return "";
    }

    private @Nullable String unifyAll(List<Type> xs, List<Type> ys) {
        if (xs.size() != ys.size()) {
            return "";
        }
        for (int i = 0; i < xs.size(); i++) {
            String d = unify(xs.get(i), ys.get(i));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private @Nullable String merge(Type.Var from, Type.Var into) {
        VarInfo f = vars.get(from.id());
        VarInfo i = vars.get(into.id());
        if (f.kind != VarKind.ANY && i.kind != VarKind.ANY && f.kind != i.kind) {
            return "";
        }
        if (i.kind == VarKind.ANY) {
            i.kind = f.kind;
        }
        i.required.addAll(f.required);
        f.binding = into;
        return null;
    }

    private @Nullable String bind(Type.Var v, Type t) {
        VarInfo info = vars.get(v.id());
        if (occurs(v, t)) {
            return "a type cannot contain itself";
        }
        String kindProblem = switch (info.kind) {
            case ANY -> null;
            case INT_LITERAL -> literalFits(t, Type.Int.class, Bound.NUM, "an integer");
            case FLOAT_LITERAL -> literalFits(t, Type.Float.class, Bound.FLOAT, "a float");
        };
        if (kindProblem != null) {
            return kindProblem;
        }
        for (Bound b : info.required) {
            String d = satisfies(t, b);
            if (d != null) {
                return d;
            }
        }
        info.binding = t;
        return null;
    }

    private static @Nullable String literalFits(Type t, Class<? extends Type> scalar, Bound bound, String literal) {
        if (scalar.isInstance(t)) {
            return null;
        }
        if (t instanceof Type.Param p) {
            return bound.impliedBy(p.bounds()) ? null
                    : literal + " literal can stand for type parameter " + p.name() + " only if " + p.name()
                            + " has the bound " + bound;
        }
        return "";
    }

    /** Whether {@code t} is still an unknown that is not a literal (it may yet become any type, a vector too). */
    public boolean isOpenVar(Type t) {
        return resolve(t) instanceof Type.Var v && vars.get(v.id()).kind == VarKind.ANY;
    }

    /** Binds {@code t}, if it is an unknown variable, to {@link Type#ERROR}: its errors are already reported. */
    public void poison(Type t) {
        if (resolve(t) instanceof Type.Var v) {
            vars.get(v.id()).binding = Type.ERROR;
        }
    }

    /** Requires {@code t} to satisfy {@code b}; unknown types remember the requirement. Null when fine. */
    public @Nullable String require(Type t, Bound b) {
        Type r = resolve(t);
        if (r instanceof Type.Var v) {
            vars.get(v.id()).required.add(b);
            return null;
        }
        return satisfies(r, b);
    }

    private @Nullable String satisfies(Type t, Bound b) {
        if (t instanceof Type.Error || t instanceof Type.Never) {
            return null;
        }
        if (t instanceof Type.Param p) {
            return b.impliedBy(p.bounds()) ? null : "type parameter " + p.name() + " needs the bound " + b;
        }
        return b.holdsFor(t) ? null : show(t) + " does not satisfy " + b;
    }

    private boolean occurs(Type.Var v, Type t) {
        Type r = resolve(t);
        if (r instanceof Type.Var w) {
            return w.id() == v.id();
        } else if (r instanceof Type.Array a) {
            return occurs(v, a.elem());
        } else if (r instanceof Type.Simd s) {
            return occurs(v, s.elem());
        } else if (r instanceof Type.Tuple tu) {
            return tu.elems().stream().anyMatch(e -> occurs(v, e));
        } else if (r instanceof Type.Fn f) {
            return occurs(v, f.ret()) || f.params().stream().anyMatch(e -> occurs(v, e));
        } else if (r instanceof Type.Named n) {
            return n.args().stream().anyMatch(e -> occurs(v, e));
        }
        return false;
    }

    /**
     * Closes a function: unconstrained integer literals become i64, float literals f64; any other
     * variable still unknown is reported where it arose. Binds every reported variable to Error.
     */
    public void applyDefaults(Diagnostics diags) {
        Set<Integer> seen = new HashSet<>();
        for (int id = 0; id < vars.size(); id++) {
            if (!(resolve(new Type.Var(id)) instanceof Type.Var root) || !seen.add(root.id())) {
                continue;
            }
            VarInfo info = vars.get(root.id());
            Type fallback = switch (info.kind) {
                case INT_LITERAL -> Type.I64;
                case FLOAT_LITERAL -> Type.F64;
                case ANY -> null;
            };
            if (fallback == null) {
                diags.report(ErrorKind.TYPE, info.origin, "cannot infer " + info.what);
                info.binding = Type.ERROR;
                continue;
            }
            String d = bind(root, fallback);
            if (d != null) {
                diags.report(ErrorKind.TYPE, info.origin, "this " + (info.kind == VarKind.INT_LITERAL ? "integer" : "float")
                        + " literal defaults to " + fallback + ", but " + d);
                info.binding = Type.ERROR;
            }
        }
    }
}
