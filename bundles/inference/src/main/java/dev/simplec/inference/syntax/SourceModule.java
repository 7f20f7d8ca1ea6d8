package dev.simplec.inference.syntax;

import java.util.ArrayList;
import java.util.List;

/** A parsed template module: its items in source order, and how many expression nodes they hold ({@link Expr#id}). */
public record SourceModule(List<Item> items, int exprCount) {
    public SourceModule {
        items = List.copyOf(items);
    }

    public List<FnDecl> functions() {
        List<FnDecl> fns = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof FnDecl fn) {
                fns.add(fn);
            }
        }
        return fns;
    }

    public List<StructDecl> structs() {
        List<StructDecl> out = new ArrayList<>();
        for (Item item : items) {
            if (item instanceof StructDecl s) {
                out.add(s);
            }
        }
        return out;
    }
}
