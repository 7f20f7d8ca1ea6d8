package dev.simplec.serializer.json;

import static dev.simplec.serializer.testing.Expect.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeParam;

class JsonTemplateReaderTest {
    private static final String T = "{\"kind\":\"generic\",\"name\":\"T\"}";

    private static void template(String message, String json) {
        invalid(message, () -> JsonTemplateReader.readTemplate(json));
    }

    @Test
    void readsTheSeedExample() {
        assertEquals(new TemplateDescription("id", List.of(new TypeParam("T", List.of())), null, null),
                JsonTemplateReader.readTemplate("{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}"));
    }

    @Test
    void readsEveryField() {
        TypeInfo t = TypeInfo.generic("T");
        assertEquals(new TemplateDescription("scale",
                        List.of(new TypeParam("T", List.of("Num", "Ord")), new TypeParam("U", List.of())),
                        new Signature(List.of(TypeInfo.array(t), TypeInfo.generic("U")), t),
                        "fn scale<T: Num + Ord, U>(xs: [T], u: U) -> T { xs[0] }"),
                JsonTemplateReader.readTemplate("{\"source\":\"fn scale<T: Num + Ord, U>(xs: [T], u: U) -> T { xs[0] }\","
                        + "\"signature\":{\"ret\":" + T + ",\"params\":[{\"kind\":\"array\",\"elem\":" + T + "},"
                        + "{\"kind\":\"generic\",\"name\":\"U\"}]},"
                        + "\"params\":[{\"bounds\":[\"Num\",\"Ord\"],\"name\":\"T\"},{\"name\":\"U\",\"bounds\":null}],"
                        + "\"name\":\"scale\"}"));
        assertEquals(new TemplateDescription("f", List.of(), new Signature(List.of(), null), null),
                JsonTemplateReader.readTemplate("{\"name\":\"f\",\"params\":[],\"signature\":{\"params\":[],\"ret\":null},\"source\":null}"));
    }

    @Test
    void requiredFields() {
        template("$.name: missing", "{\"params\":[]}");
        template("$.name: must not be empty", "{\"name\":\"\",\"params\":[]}");
        template("$.params: missing", "{\"name\":\"id\"}");
        template("$.params[0].name: missing", "{\"name\":\"id\",\"params\":[{\"bounds\":[\"Num\"]}]}");
        template("$.signature.params: missing", "{\"name\":\"id\",\"params\":[],\"signature\":{\"ret\":{\"kind\":\"bool\"}}}");
    }

    @Test
    void typeParameters() {
        template("$.params[1].name: duplicate type parameter \"T\"",
                "{\"name\":\"id\",\"params\":[{\"name\":\"T\"},{\"name\":\"T\"}]}");
        template("$.params[0].bounds[1]: \"Number\" is not a bound (Num, Int, Float, Eq, Ord)",
                "{\"name\":\"id\",\"params\":[{\"name\":\"T\",\"bounds\":[\"Num\",\"Number\"]}]}");
        template("$.params[0].bounds[1]: duplicate bound \"Eq\"",
                "{\"name\":\"id\",\"params\":[{\"name\":\"T\",\"bounds\":[\"Eq\",\"Eq\"]}]}");
        template("$.params[0].bounds[0]: expected a string, got an integer",
                "{\"name\":\"id\",\"params\":[{\"name\":\"T\",\"bounds\":[1]}]}");
        template("$.params[0].name: must not be empty", "{\"name\":\"id\",\"params\":[{\"name\":\"\"}]}");
        template("$.params[0]: expected an object, got a string", "{\"name\":\"id\",\"params\":[\"T\"]}");
    }

    @Test
    void genericsMustNameTypeParameters() {
        template("$.signature.params[0].args[1].name: \"U\" is not a type parameter of the template (T, V)",
                "{\"name\":\"id\",\"params\":[{\"name\":\"T\"},{\"name\":\"V\"}],\"signature\":{\"params\":"
                        + "[{\"kind\":\"tuple\",\"args\":[" + T + ",{\"kind\":\"generic\",\"name\":\"U\"}]}]}}");
        template("$.signature.ret.elem.name: \"T\" is not a type parameter of the template (it has none)",
                "{\"name\":\"id\",\"params\":[],\"signature\":{\"params\":[],\"ret\":{\"kind\":\"array\",\"elem\":" + T + "}}}");
    }

    @Test
    void signatureTypesAreChecked() {
        template("$.signature.params[1].bits: 3 is not a valid float width (32, 64)",
                "{\"name\":\"id\",\"params\":[],\"signature\":{\"params\":[{\"kind\":\"bool\"},{\"kind\":\"float\",\"bits\":3}]}}");
        template("$.signature.ret: expected an object, got an array",
                "{\"name\":\"id\",\"params\":[],\"signature\":{\"params\":[],\"ret\":[]}}");
    }

    @Test
    void shape() {
        template("$.body: not a field of a template (name, params, signature, source)", "{\"name\":\"id\",\"body\":\"\"}");
        template("$.params[0].bound: not a field of a type parameter (name, bounds)",
                "{\"name\":\"id\",\"params\":[{\"name\":\"T\",\"bound\":\"Num\"}]}");
        template("$.signature.returns: not a field of a signature (params, ret)",
                "{\"name\":\"id\",\"params\":[],\"signature\":{\"returns\":null}}");
        template("$.name: duplicate field", "{\"name\":\"id\",\"name\":\"id\",\"params\":[]}");
        template("$.params[0].name: duplicate field", "{\"name\":\"id\",\"params\":[{\"name\":\"T\",\"name\":\"U\"}]}");
        template("$.signature.params: duplicate field",
                "{\"name\":\"id\",\"params\":[],\"signature\":{\"params\":[],\"params\":[]}}");
        template("$.source: expected a string, got an integer", "{\"name\":\"id\",\"params\":[],\"source\":1}");
        template("$: expected an object, got an array", "[]");
    }
}
