package dev.simplec.benchmarks.serializer;

import java.util.List;

import dev.simplec.api.types.TypeInfo;

/** The two types of the SPEC §8 serializer bars, as TypeInfo, canonical JSON and databind value. */
final class Samples {
    /** A simple type: i64. */
    static final TypeInfo SIMPLE = TypeInfo.integer(64, true);
    static final String SIMPLE_JSON = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";

    /** {@code HashMap<text, i64>}. */
    static final TypeInfo HASH_MAP = TypeInfo.named("HashMap", List.of(TypeInfo.string(), TypeInfo.integer(64, true)));
    static final String HASH_MAP_JSON =
            "{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":[{\"kind\":\"string\"},{\"kind\":\"int\",\"bits\":64,\"signed\":true}]}";

    static final DatabindType SIMPLE_POJO = new DatabindType("int", null, null, 64, true, null, null);
    static final DatabindType HASH_MAP_POJO = new DatabindType("named", "HashMap",
            List.of(new DatabindType("string", null, null, null, null, null, null), SIMPLE_POJO), null, null, null, null);

    private Samples() {
    }
}
