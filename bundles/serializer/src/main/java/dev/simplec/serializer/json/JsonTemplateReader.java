package dev.simplec.serializer.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;
import dev.simplec.api.types.TypeParam;
import dev.simplec.serializer.rules.Invalid;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.TypeRules;

/**
 * Reads {@code template_json}:
 * {@code {"name":"id","params":[{"name":"T","bounds":["Num"]}],"signature":{"params":[…],"ret":…},"source":"…"}}.
 * {@code name} and {@code params} are required; {@code bounds}, {@code signature}, its
 * {@code ret}, and {@code source} are optional. Type parameter names are unique, bounds are
 * unique and known, and every generic type in the signature names a type parameter.
 */
public final class JsonTemplateReader {
    private static final String FIELDS = "(name, params, signature, source)";
    private static final String PARAM_FIELDS = "(name, bounds)";
    private static final String SIGNATURE_FIELDS = "(params, ret)";
    private static final List<String> BOUNDS = List.of("Num", "Int", "Float", "Eq", "Ord");

    private JsonTemplateReader() {
    }

    public static TemplateDescription readTemplate(@Nullable String json) {
        return JsonDocument.read(json, JsonTemplateReader::read);
    }

    private static TemplateDescription read(JsonParser p) throws IOException {
        expectObject(p);
        Set<String> seen = new HashSet<>();
        String name = null;
        List<TypeParam> params = null;
        Signature signature = null;
        String source = null;

        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case "name", "params", "signature", "source" -> {
                    if (!seen.add(field)) {
                        throw Invalid.at(JsonPath.of(p), "duplicate field");
                    }
                }
                default -> throw Invalid.at(JsonPath.of(p), "not a field of a template " + FIELDS);
            }
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "name" -> name = JsonValues.readString(p);
                case "params" -> params = readParams(p);
                case "signature" -> signature = readSignature(p);
                default -> source = JsonValues.readString(p);
            }
        }

        String at = JsonPath.of(p);
        if (name == null) {
            throw Invalid.at(JsonPath.field(at, "name"), TypeRules.MISSING);
        }
        String problem = TypeRules.nameProblem(name);
        if (problem != null) {
            throw Invalid.at(JsonPath.field(at, "name"), problem);
        }
        if (params == null) {
            throw Invalid.at(JsonPath.field(at, "params"), TypeRules.MISSING);
        }
        if (signature != null) {
            checkGenerics(at, signature, params);
        }
        return new TemplateDescription(name, params, signature, source);
    }

    private static List<TypeParam> readParams(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(p, "an array");
        }
        List<TypeParam> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (out.size() == Limits.MAX_PARAMS) {
                throw Invalid.limit(JsonPath.of(p), "more than " + Limits.MAX_PARAMS + " type parameters (the limit is "
                        + Limits.MAX_PARAMS + ")");
            }
            TypeParam param = readParam(p);
            if (!names.add(param.name())) {
                throw Invalid.at(JsonPath.field(JsonPath.of(p), "name"),
                        "duplicate type parameter " + JsonStrings.quoteShort(param.name()));
            }
            out.add(param);
        }
        return out;
    }

    private static TypeParam readParam(JsonParser p) throws IOException {
        expectObject(p);
        boolean seenName = false;
        boolean seenBounds = false;
        String name = null;
        List<String> bounds = List.of();

        String field;
        while ((field = p.nextFieldName()) != null) {
            boolean isName = field.equals("name");
            if (!isName && !field.equals("bounds")) {
                throw Invalid.at(JsonPath.of(p), "not a field of a type parameter " + PARAM_FIELDS);
            }
            if (isName ? seenName : seenBounds) {
                throw Invalid.at(JsonPath.of(p), "duplicate field");
            }
            if (isName) {
                seenName = true;
            } else {
                seenBounds = true;
            }
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            if (isName) {
                name = JsonValues.readString(p);
            } else {
                bounds = readBounds(p);
            }
        }

        String at = JsonPath.of(p);
        if (name == null) {
            throw Invalid.at(JsonPath.field(at, "name"), TypeRules.MISSING);
        }
        String problem = TypeRules.nameProblem(name);
        if (problem != null) {
            throw Invalid.at(JsonPath.field(at, "name"), problem);
        }
        return new TypeParam(name, bounds);
    }

    private static List<String> readBounds(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(p, "an array");
        }
        List<String> out = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String bound = JsonValues.readString(p);
            if (!BOUNDS.contains(bound)) {
                throw Invalid.at(JsonPath.of(p), JsonStrings.quoteShort(bound) + " is not a bound (Num, Int, Float, Eq, Ord)");
            }
            if (out.contains(bound)) {
                throw Invalid.at(JsonPath.of(p), "duplicate bound " + JsonStrings.quoteShort(bound));
            }
            out.add(bound);
        }
        return out;
    }

    private static Signature readSignature(JsonParser p) throws IOException {
        expectObject(p);
        boolean seenParams = false;
        boolean seenRet = false;
        List<TypeInfo> params = null;
        TypeInfo ret = null;

        String field;
        while ((field = p.nextFieldName()) != null) {
            boolean isParams = field.equals("params");
            if (!isParams && !field.equals("ret")) {
                throw Invalid.at(JsonPath.of(p), "not a field of a signature " + SIGNATURE_FIELDS);
            }
            if (isParams ? seenParams : seenRet) {
                throw Invalid.at(JsonPath.of(p), "duplicate field");
            }
            if (isParams) {
                seenParams = true;
            } else {
                seenRet = true;
            }
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            if (isParams) {
                params = JsonTypeReader.readArray(p, 1);
                if (params.size() > Limits.MAX_PARAMS) {
                    throw Invalid.limit(JsonPath.of(p), "more than " + Limits.MAX_PARAMS + " value parameters (the limit is "
                            + Limits.MAX_PARAMS + ")");
                }
            } else {
                ret = JsonTypeReader.read(p, 1);
            }
        }
        if (params == null) {
            throw Invalid.at(JsonPath.field(JsonPath.of(p), "params"), TypeRules.MISSING);
        }
        return new Signature(params, ret);
    }

    private static void expectObject(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonValues.wrongType(p, "an object");
        }
    }

    /** Every generic type in the signature must name one of the template's type parameters. */
    private static void checkGenerics(String at, Signature signature, List<TypeParam> params) {
        Set<String> declared = new HashSet<>();
        for (TypeParam param : params) {
            declared.add(param.name());
        }
        Undeclared found = null;
        List<TypeInfo> types = signature.params();
        for (int i = 0; i < types.size() && found == null; i++) {
            found = Undeclared.below(types.get(i), ".params[" + i + "]", declared);
        }
        TypeInfo ret = signature.ret();
        if (found == null && ret != null) {
            found = Undeclared.below(ret, ".ret", declared);
        }
        if (found != null) {
            StringBuilder names = new StringBuilder();
            for (TypeParam param : params) {
                names.append(names.length() == 0 ? "" : ", ").append(param.name());
            }
            throw Invalid.at(JsonPath.field(at, "signature") + found.path() + ".name",
                    JsonStrings.quoteShort(found.name()) + " is not a type parameter of the template ("
                            + (params.isEmpty() ? "it has none" : names) + ")");
        }
    }

    /** A generic type that names no type parameter, and its path below the signature, built on the way out. */
    private record Undeclared(String path, String name) {
        /** Depth is bounded: the types were read under {@code Limits.MAX_TYPE_DEPTH}. */
        static @Nullable Undeclared below(TypeInfo t, String step, Set<String> declared) {
            String name = t.name();
            if (t.kind() == TypeKind.GENERIC && name != null && !declared.contains(name)) {
                return new Undeclared(step, name);
            }
            List<TypeInfo> args = t.args();
            for (int i = 0; i < args.size(); i++) {
                Undeclared u = below(args.get(i), "", declared);
                if (u != null) {
                    return new Undeclared(step + ".args[" + i + "]" + u.path(), u.name());
                }
            }
            TypeInfo elem = t.elem();
            Undeclared u = elem == null ? null : below(elem, "", declared);
            return u == null ? null : new Undeclared(step + ".elem" + u.path(), u.name());
        }
    }
}
