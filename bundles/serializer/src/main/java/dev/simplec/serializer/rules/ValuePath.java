package dev.simplec.serializer.rules;

import org.eclipse.jdt.annotation.Nullable;

/**
 * Where a value sits inside a TypeInfo built in Java, spelled as a JSON path ({@code $.args[1].elem})
 * only when an error needs it. {@code index} is -1 when the step has none.
 */
public record ValuePath(@Nullable ValuePath parent, String field, int index) {
    public static final ValuePath ROOT = new ValuePath(null, "$", -1);

    /** The element {@code index} of the top-level array. */
    public static ValuePath element(int index) {
        return new ValuePath(ROOT, "", index);
    }

    public ValuePath child(String field) {
        return new ValuePath(this, field, -1);
    }

    public ValuePath child(String field, int index) {
        return new ValuePath(this, field, index);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        ValuePath p = parent;
        if (p == null) {
            sb.append(field);
        } else {
            p.append(sb);
            if (!field.isEmpty()) {
                sb.append('.').append(field);
            }
        }
        if (index >= 0) {
            sb.append('[').append(index).append(']');
        }
    }
}
