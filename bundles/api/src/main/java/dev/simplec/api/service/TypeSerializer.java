package dev.simplec.api.service;

import java.util.List;

import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;

/**
 * Reads and writes the JSON of SPEC §4. Writing gives the canonical form byte for byte; reading
 * is lenient about field order and whitespace and strict about meaning. Every read failure is a
 * {@link SimplecException} of kind {@code INVALID_INPUT} whose message starts with the JSON path,
 * e.g. {@code $[0].bits: 12 is not a valid int width (8, 16, 32, 64)}; callers put the argument
 * name in front.
 */
public interface TypeSerializer {
    String writeType(TypeInfo type);

    /** A JSON array of canonical TypeInfos. */
    String writeTypes(List<TypeInfo> types);

    TypeInfo readType(String json);

    /** A JSON array of TypeInfos, such as {@code types_json}. */
    List<TypeInfo> readTypes(String json);

    /** A JSON array of TypeHints, such as {@code hints_json}. */
    List<TypeHint> readHints(String json);

    /** A template description, such as {@code template_json}. */
    TemplateDescription readTemplate(String json);
}
