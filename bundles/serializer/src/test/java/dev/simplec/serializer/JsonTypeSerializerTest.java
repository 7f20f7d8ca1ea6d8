package dev.simplec.serializer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simplec.api.service.TypeSerializer;
import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.testing.Expect;

/** The DS component: registered as TypeSerializer, and each method reaches its reader or writer. */
class JsonTypeSerializerTest {
    private final TypeSerializer serializer = new JsonTypeSerializer();

    @Test
    void isDeclaredAsTypeSerializerComponent() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/OSGI-INF/dev.simplec.serializer.JsonTypeSerializer.xml")) {
            assertNotNull(in, "bnd wrote no component description");
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("<provide interface=\"dev.simplec.api.service.TypeSerializer\"/>"), xml);
            assertTrue(xml.contains("<implementation class=\"dev.simplec.serializer.JsonTypeSerializer\"/>"), xml);
        }
    }

    @Test
    void delegates() {
        String i64 = "{\"kind\":\"int\",\"bits\":64,\"signed\":true}";
        assertEquals(i64, serializer.writeType(TypeInfo.integer(64, true)));
        assertEquals("[" + i64 + "]", serializer.writeTypes(List.of(TypeInfo.integer(64, true))));
        assertEquals(TypeInfo.integer(64, true), serializer.readType(i64));
        assertEquals(List.of(TypeInfo.integer(64, true)), serializer.readTypes("[" + i64 + "]"));
        assertEquals(List.of(new TypeHint(HintSource.RETURN, -1, TypeInfo.bool())),
                serializer.readHints("[{\"source\":\"return\",\"ty\":{\"kind\":\"bool\"}}]"));
        assertEquals("id", serializer.readTemplate("{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}").name());
        Expect.invalid("$[0].bits: 12 is not a valid int width (8, 16, 32, 64)",
                () -> serializer.readTypes("[{\"kind\":\"int\",\"bits\":12,\"signed\":true}]"));
    }
}
