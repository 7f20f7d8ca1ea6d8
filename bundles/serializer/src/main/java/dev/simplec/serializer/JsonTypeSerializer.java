package dev.simplec.serializer;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Component;

import dev.simplec.api.service.TypeSerializer;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.json.JsonHintReader;
import dev.simplec.serializer.json.JsonTemplateReader;
import dev.simplec.serializer.json.JsonTypeReader;
import dev.simplec.serializer.json.JsonTypeWriter;

/**
 * The {@link TypeSerializer} service: the JSON language of the C ABI (docs/json.md). Stateless
 * and thread-safe. Readers accept null (from a C caller passing NULL) and report it like any bad input.
 */
@Component(service = TypeSerializer.class)
public final class JsonTypeSerializer implements TypeSerializer {
    @Override
    public String writeType(TypeInfo type) {
        return JsonTypeWriter.write(type);
    }

    @Override
    public String writeTypes(List<TypeInfo> types) {
        return JsonTypeWriter.writeAll(types);
    }

    @Override
    public TypeInfo readType(@Nullable String json) {
        return JsonTypeReader.readType(json);
    }

    @Override
    public List<TypeInfo> readTypes(@Nullable String json) {
        return JsonTypeReader.readTypes(json);
    }

    @Override
    public List<TypeHint> readHints(@Nullable String json) {
        return JsonHintReader.readHints(json);
    }

    @Override
    public TemplateDescription readTemplate(@Nullable String json) {
        return JsonTemplateReader.readTemplate(json);
    }
}
