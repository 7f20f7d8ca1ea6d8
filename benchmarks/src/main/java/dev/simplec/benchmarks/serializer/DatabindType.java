package dev.simplec.benchmarks.serializer;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The anchor of the serializer bars: TypeInfo as a plain record that Jackson databind maps with
 * an ObjectMapper, writing the same canonical text (field order, absent and empty fields left
 * out). It checks nothing, so it does less than our reader.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"kind", "name", "args", "bits", "signed", "lanes", "elem"})
public record DatabindType(String kind, @Nullable String name, @Nullable List<DatabindType> args,
        @Nullable Integer bits, @Nullable Boolean signed, @Nullable Integer lanes, @Nullable DatabindType elem) {

    /** One mapper for every benchmark, as an application would keep it. */
    static final ObjectMapper MAPPER = new ObjectMapper();
}
