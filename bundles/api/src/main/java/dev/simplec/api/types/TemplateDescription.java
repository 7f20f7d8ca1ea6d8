package dev.simplec.api.types;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The template argument of {@code compiler_infer_types} (SPEC §4):
 * {@code {"name":"id","params":[{"name":"T","bounds":["Num"]}],"signature":{…},"source":"…"}}.
 * {@code signature} and {@code source} are optional; with {@code source} the signature comes from
 * the code; with neither, value parameter <i>i</i> has type parameter <i>i</i> as its type.
 */
public record TemplateDescription(
        String name,
        List<TypeParam> params,
        @Nullable Signature signature,
        @Nullable String source) {
    public TemplateDescription {
        params = List.copyOf(params);
    }
}
