package dev.simplec.inference.infer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeParam;
import dev.simplec.inference.check.Bound;
import dev.simplec.inference.check.FnSig;
import dev.simplec.inference.check.SignatureResolver;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.check.TypeInfos;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.Limits;
import dev.simplec.inference.syntax.Parser;
import dev.simplec.inference.syntax.SourceModule;
import dev.simplec.inference.check.StructTable;

/**
 * What inference needs of a template: its type parameters with their bounds, the value parameter
 * types and the result type (null when unknown), in terms of those type parameters. It comes from
 * the source when there is one, else from the signature, else (SPEC §4) value parameter i has type
 * parameter i as its type.
 */
record TemplateShape(String name, List<Type.Param> typeParams, List<Type> params, @Nullable Type ret) {

    static TemplateShape of(TemplateDescription t) {
        List<Type.Param> declared = declaredParams(t);
        String source = t.source();
        if (source != null) {
            return fromSource(t, source, declared);
        }
        Signature sig = t.signature();
        List<Type.Param> typeParams = declared;
        if (sig == null) {
            return new TemplateShape(t.name(), typeParams, List.copyOf(typeParams), null);
        }
        if (sig.params().size() > Limits.MAX_PARAMS) {
            throw new SimplecException(ErrorKind.LIMIT, "too many value parameters: " + sig.params().size()
                    + " (the limit is " + Limits.MAX_PARAMS + ")");
        }
        List<Type> params = new ArrayList<>();
        for (int i = 0; i < sig.params().size(); i++) {
            params.add(fromInfo(sig.params().get(i), declared, t, "signature.params[" + i + "]"));
        }
        TypeInfo ret = sig.ret();
        return new TemplateShape(t.name(), typeParams, params, ret == null ? null : fromInfo(ret, declared, t, "signature.ret"));
    }

    /** The description's type parameters in order (a handful: a list searched by name, not a map). */
    private static List<Type.Param> declaredParams(TemplateDescription t) {
        if (t.params().size() > Limits.MAX_PARAMS) {
            throw new SimplecException(ErrorKind.LIMIT, "too many type parameters: " + t.params().size()
                    + " (the limit is " + Limits.MAX_PARAMS + ")");
        }
        List<Type.Param> out = new ArrayList<>(t.params().size());
        for (int i = 0; i < t.params().size(); i++) {
            TypeParam p = t.params().get(i);
            // Most type parameters have no bounds: no EnumSet for them.
            Set<Bound> bounds = p.bounds().isEmpty() ? Set.of() : EnumSet.noneOf(Bound.class);
            for (String b : p.bounds()) {
                Bound bound = Bound.of(b);
                if (bound == null) {
                    throw new SimplecException(ErrorKind.INVALID_INPUT, "params[" + i + "]: unknown bound " + b
                            + " of type parameter " + p.name() + " (the bounds are Num, Int, Float, Eq and Ord)");
                }
                bounds.add(bound);
            }
            if (find(out, p.name()) != null) {
                throw new SimplecException(ErrorKind.INVALID_INPUT, "params[" + i + "]: type parameter " + p.name()
                        + " is declared twice");
            }
            out.add(new Type.Param(p.name(), bounds));
        }
        return out;
    }

    private static Type.@Nullable Param find(List<Type.Param> declared, String name) {
        for (Type.Param p : declared) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static Type fromInfo(TypeInfo info, List<Type.Param> declared, TemplateDescription t, String path) {
        try {
            return TypeInfos.toType(info, name -> {
                Type.Param p = find(declared, name);
                if (p == null) {
                    throw new SimplecException(ErrorKind.INVALID_INPUT, "generic " + name + " is not a type parameter of "
                            + t.name() + " " + paramList(declared));
                }
                return p;
            });
        } catch (SimplecException e) {
            throw e.within(path);
        }
    }

    /** The signature of the function named like the template (else the first) in {@code source}. */
    private static TemplateShape fromSource(TemplateDescription t, String source, List<Type.Param> declared) {
        if (source.length() > Limits.MAX_SOURCE_CHARS) {
            throw new SimplecException(ErrorKind.LIMIT, "template is too large: " + source.length()
                    + " characters (the limit is " + Limits.MAX_SOURCE_CHARS + ")");
        }
        Diagnostics diags = new Diagnostics(new SourceText(source));
        SourceModule module = Parser.parseModule(source, diags);
        List<FnDecl> fns = module.functions();
        diags.throwIfAny();
        if (fns.isEmpty()) {
            throw new SimplecException(ErrorKind.INVALID_INPUT, "source: the template defines no function");
        }
        FnDecl fn = fns.get(0);
        for (FnDecl f : fns) {
            if (f.name().equals(t.name())) {
                fn = f;
                break;
            }
        }
        FnSig sig = SignatureResolver.resolve(fn, StructTable.of(module, diags), diags);
        diags.throwIfAny();
        List<Type.Param> typeParams = new ArrayList<>();
        if (!declared.isEmpty()) {
            List<String> names = sig.typeParams().stream().map(Type.Param::name).toList();
            if (!names.equals(declared.stream().map(Type.Param::name).toList())) {
                throw new SimplecException(ErrorKind.INVALID_INPUT, "params " + paramList(declared)
                        + " do not match the type parameters " + sig.typeParamList() + " of fn " + fn.name() + " in source");
            }
        }
        for (Type.Param p : sig.typeParams()) {
            // Bounds from the description and from the code both hold.
            Type.Param extra = find(declared, p.name());
            Set<Bound> bounds = EnumSet.noneOf(Bound.class);
            bounds.addAll(p.bounds());
            if (extra != null) {
                bounds.addAll(extra.bounds());
            }
            typeParams.add(new Type.Param(p.name(), bounds));
        }
        return new TemplateShape(fn.name(), typeParams, sig.params(), sig.ret());
    }

    private static String paramList(List<Type.Param> declared) {
        return "(" + String.join(", ", declared.stream().map(Type.Param::name).toList()) + ")";
    }
}
