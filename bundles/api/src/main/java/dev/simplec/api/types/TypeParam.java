package dev.simplec.api.types;

import java.util.List;

/** A type parameter of a template: {@code {"name":"T","bounds":["Num"]}}. */
public record TypeParam(String name, List<String> bounds) {
    public TypeParam {
        bounds = List.copyOf(bounds);
    }
}
