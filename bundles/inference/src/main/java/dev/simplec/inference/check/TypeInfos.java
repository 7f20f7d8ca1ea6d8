package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.syntax.Limits;

/** Converts between the api's TypeInfo and the checker's {@link Type}. */
public final class TypeInfos {
    static final String TOO_DEEP = "type nested too deeply (the limit is " + Limits.MAX_NESTING + " levels)";

    private TypeInfos() {
    }

    /**
     * The type {@code info} describes. {@code generic} maps a generic name to the type it stands
     * for (it may throw to reject the name); malformed input is an INVALID_INPUT error.
     */
    public static Type toType(TypeInfo info, Function<String, Type> generic) {
        // First the size, with a budget: a TypeInfo built in Java may share subtrees, and the walk below visits every path.
        TypeSize.check(info);
        return toType(info, generic, 0);
    }

    /** Generic names become opaque parameters without bounds. */
    public static Type toType(TypeInfo info) {
        return toType(info, name -> new Type.Param(name, Set.of()));
    }

    private static Type toType(TypeInfo info, Function<String, Type> generic, int depth) {
        if (depth > Limits.MAX_NESTING) {
            throw new SimplecException(ErrorKind.LIMIT, TOO_DEEP);
        }
        return switch (info.kind()) {
            case INT -> {
                if (info.bits() != 8 && info.bits() != 16 && info.bits() != 32 && info.bits() != 64) {
                    throw invalid(info.bits() + " is not a valid int width (8, 16, 32, 64)");
                }
                yield new Type.Int(info.bits(), info.signed());
            }
            case FLOAT -> {
                if (info.bits() != 32 && info.bits() != 64) {
                    throw invalid(info.bits() + " is not a valid float width (32, 64)");
                }
                yield new Type.Float(info.bits());
            }
            case BOOL -> Type.BOOL;
            case STRING -> Type.TEXT;
            case GENERIC -> generic.apply(name(info));
            case NAMED -> new Type.Named(name(info), all(info.args(), generic, depth));
            case ARRAY -> new Type.Array(toType(elem(info), generic, depth + 1));
            case TUPLE -> new Type.Tuple(all(info.args(), generic, depth));
            case SIMD -> {
                Type elem = toType(elem(info), generic, depth + 1);
                int elemBits = elem instanceof Type.Int i ? i.bits() : elem instanceof Type.Float f ? f.bits() : 0;
                int total = info.lanes() * elemBits;
                // Over a type parameter (a signature's T) only the lane count can be checked yet.
                boolean widthOk = elem instanceof Type.Param || total == 64 || total == 128 || total == 256;
                if (info.lanes() < 2 || Integer.bitCount(info.lanes()) != 1 || !widthOk
                        || !(elemBits > 0 || elem instanceof Type.Param)) {
                    throw invalid("simd of " + info.lanes() + " lanes of " + elem + " is not a valid vector type"
                            + " (lanes a power of two, lanes x element bits 64, 128 or 256)");
                }
                yield new Type.Simd(info.lanes(), elem);
            }
            case FUNCTION -> new Type.Fn(all(info.args(), generic, depth), toType(elem(info), generic, depth + 1));
        };
    }

    private static List<Type> all(List<TypeInfo> infos, Function<String, Type> generic, int depth) {
        List<Type> out = new ArrayList<>(infos.size());
        for (TypeInfo i : infos) {
            out.add(toType(i, generic, depth + 1));
        }
        return out;
    }

    private static String name(TypeInfo info) {
        String n = info.name();
        if (n == null || n.isEmpty()) {
            throw invalid(info.kind().jsonName() + " type without a name");
        }
        return n;
    }

    private static TypeInfo elem(TypeInfo info) {
        TypeInfo e = info.elem();
        if (e == null) {
            throw invalid(info.kind().jsonName() + " type without elem");
        }
        return e;
    }

    private static SimplecException invalid(String message) {
        return new SimplecException(ErrorKind.INVALID_INPUT, message);
    }

    /** The TypeInfo of a fully known type (no variables, no errors). */
    public static TypeInfo toInfo(Type t) {
        if (t instanceof Type.Int i) {
            return integer(i.bits(), i.signed());
        } else if (t instanceof Type.Float f) {
            return f.bits() == 32 ? F32 : f.bits() == 64 ? F64 : TypeInfo.floating(f.bits());
        } else if (t instanceof Type.Bool) {
            return TypeInfo.bool();
        } else if (t instanceof Type.Text) {
            return TypeInfo.string();
        } else if (t instanceof Type.Array a) {
            return TypeInfo.array(toInfo(a.elem()));
        } else if (t instanceof Type.Tuple tu) {
            return TypeInfo.tuple(infos(tu.elems()));
        } else if (t instanceof Type.Simd s) {
            return TypeInfo.simd(s.lanes(), toInfo(s.elem()));
        } else if (t instanceof Type.Fn f) {
            return TypeInfo.function(infos(f.params()), toInfo(f.ret()));
        } else if (t instanceof Type.Named n) {
            return TypeInfo.named(n.name(), infos(n.args()));
        } else if (t instanceof Type.Param p) {
            return TypeInfo.generic(p.name());
        }
        throw new IllegalStateException("no TypeInfo for " + t);
    }

    /** The scalar answers, made once: TypeInfo is immutable, and inference answers mostly scalars. */
    private static final TypeInfo F32 = TypeInfo.floating(32);
    private static final TypeInfo F64 = TypeInfo.floating(64);
    private static final TypeInfo[] INTS = {TypeInfo.integer(8, false), TypeInfo.integer(8, true), TypeInfo.integer(16, false),
        TypeInfo.integer(16, true), TypeInfo.integer(32, false), TypeInfo.integer(32, true), TypeInfo.integer(64, false),
        TypeInfo.integer(64, true)};

    private static TypeInfo integer(int bits, boolean signed) {
        int i = switch (bits) {
            case 8 -> 0;
            case 16 -> 2;
            case 32 -> 4;
            case 64 -> 6;
            default -> -1;
        };
        return i < 0 ? TypeInfo.integer(bits, signed) : INTS[i + (signed ? 1 : 0)];
    }

    private static List<TypeInfo> infos(List<Type> ts) {
        List<TypeInfo> out = new ArrayList<>(ts.size());
        for (Type t : ts) {
            out.add(toInfo(t));
        }
        return out;
    }

    /** Whether {@code t} mentions no type parameter (a type argument must be concrete). */
    public static @Nullable String firstGeneric(Type t) {
        if (t instanceof Type.Param p) {
            return p.name();
        } else if (t instanceof Type.Array a) {
            return firstGeneric(a.elem());
        } else if (t instanceof Type.Simd s) {
            return firstGeneric(s.elem());
        }
        List<Type> parts = t instanceof Type.Tuple tu ? tu.elems()
                : t instanceof Type.Named n ? n.args()
                : t instanceof Type.Fn f ? concat(f.params(), f.ret()) : List.of();
        for (Type p : parts) {
            String g = firstGeneric(p);
            if (g != null) {
                return g;
            }
        }
        return null;
    }

    private static List<Type> concat(List<Type> ts, Type last) {
        List<Type> out = new ArrayList<>(ts);
        out.add(last);
        return out;
    }
}
