package dev.simplec.inference.check;

import org.eclipse.jdt.annotation.Nullable;

/** An immutable chain of local bindings; a later {@code let} of the same name shadows an earlier one. */
public final class Scope<V> {
    private final @Nullable Scope<V> parent;
    private final String name;
    private final @Nullable V value;

    private Scope(@Nullable Scope<V> parent, String name, @Nullable V value) {
        this.parent = parent;
        this.name = name;
        this.value = value;
    }

    public static <V> Scope<V> empty() {
        return new Scope<>(null, "", null);
    }

    public Scope<V> with(String name, V value) {
        return new Scope<>(this, name, value);
    }

    public @Nullable V lookup(String wanted) {
        for (Scope<V> s = this; s != null; s = s.parent) {
            if (s.parent != null && s.name.equals(wanted)) {
                return s.value;
            }
        }
        return null;
    }
}
