package dev.simplec.api.types;

/**
 * One piece of evidence for inference: {@code {"source":"call_site","param_index":0,"ty":…}}.
 * {@code paramIndex} is {@code -1} for sources that take none ({@code return}, {@code assignment}).
 */
public record TypeHint(HintSource source, int paramIndex, TypeInfo ty) {
}
