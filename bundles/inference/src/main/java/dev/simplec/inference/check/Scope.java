package dev.simplec.inference.check;

import org.eclipse.jdt.annotation.Nullable;

/**
 * An immutable chain of local variables, each with its type and whether it was declared with
 * {@code var}; a later {@code let} of the same name shadows an earlier one. A lookup answers the
 * variable's own link of the chain (one object per variable).
 */
public final class Scope {
    private static final Scope EMPTY = new Scope(null, "", Type.ERROR, false);

    private final @Nullable Scope parent;
    private final String name;
    /** The name's hash, kept here: a lookup passes most links on an int compare, without reading their Strings. */
    private final int hash;
    private final Type type;
    private final boolean mutable;

    private Scope(@Nullable Scope parent, String name, Type type, boolean mutable) {
        this.parent = parent;
        this.name = name;
        this.hash = name.hashCode();
        this.type = type;
        this.mutable = mutable;
    }

    public static Scope empty() {
        return EMPTY;
    }

    public Scope with(String name, Type type, boolean mutable) {
        return new Scope(this, name, type, mutable);
    }

    /** The innermost variable called {@code wanted}, or null. */
    public @Nullable Scope lookup(String wanted) {
        int h = wanted.hashCode();
        for (Scope s = this; s != null; s = s.parent) {
            if (s.hash == h && s.parent != null && s.name.equals(wanted)) {
                return s;
            }
        }
        return null;
    }

    public Type type() {
        return type;
    }

    public boolean mutable() {
        return mutable;
    }
}
