package dev.simplec.serializer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.testing.RandomTypes;

/**
 * Jackson databind as an independent judge: what the writer emits is JSON that databind reads to
 * the same names, and any reordering and re-indenting databind produces reads back to the same type.
 */
class JsonDatabindBaselineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writerOutputIsJsonThatDatabindAgreesWith() throws Exception {
        RandomTypes gen = new RandomTypes(42L);
        for (int i = 0; i < 10_000; i++) {
            TypeInfo t = gen.next();
            String json = JsonTypeWriter.write(t);
            JsonNode tree = MAPPER.readTree(json);
            assertSameNames(t, tree);
            // Databind's own compact output of the tree is our canonical form too.
            assertEquals(json, MAPPER.writeValueAsString(tree));

            JsonNode shuffled = shuffle(tree.deepCopy(), gen);
            String pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(shuffled);
            assertEquals(t, JsonTypeReader.readType(pretty), pretty);
        }
    }

    private static void assertSameNames(TypeInfo t, JsonNode node) {
        String name = t.name();
        if (name != null) {
            assertEquals(name, node.get("name").textValue());
        }
        List<TypeInfo> args = t.args();
        for (int i = 0; i < args.size(); i++) {
            assertSameNames(args.get(i), node.get("args").get(i));
        }
        TypeInfo elem = t.elem();
        if (elem != null) {
            assertSameNames(elem, node.get("elem"));
        }
    }

    /** The same object with its fields in random order, nested objects too. */
    private static JsonNode shuffle(JsonNode node, RandomTypes gen) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, shuffle(array.get(i), gen));
            }
            return array;
        }
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                fields.add(it.next());
            }
            Collections.shuffle(fields, gen.random());
            ObjectNode out = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> f : fields) {
                out.set(f.getKey(), shuffle(f.getValue(), gen));
            }
            return out;
        }
        return node;
    }
}
