package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.syntax.SourceModule;
import dev.simplec.inference.syntax.StructDecl;
import dev.simplec.inference.syntax.TypeParamDecl;
import dev.simplec.inference.util.Maps;

/**
 * The structs of a module. Names are collected first, so fields and signatures may mention any
 * struct; a struct that contains itself by value (directly or through other structs) is an error,
 * since it would have no finite size.
 */
public final class StructTable {
    private final Map<String, StructDef> byName;

    private StructTable(Map<String, StructDef> byName) {
        this.byName = byName;
    }

    private static final StructTable EMPTY = new StructTable(Map.of());

    public static StructTable empty() {
        return EMPTY;
    }

    public @Nullable StructDef get(String name) {
        return Maps.get(byName, name);
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public static StructTable of(SourceModule module, Diagnostics diags) {
        List<StructDecl> structs = module.structs();
        if (structs.isEmpty()) {
            return EMPTY;
        }
        Map<String, StructDecl> decls = new LinkedHashMap<>();
        for (StructDecl s : structs) {
            StructDecl earlier = Maps.get(decls, s.name());
            if (earlier != null) {
                var src = diags.source();
                diags.report(ErrorKind.TYPE, s.nameSpan(), "struct " + s.name() + " is already defined at "
                        + src.line(earlier.nameSpan().start()) + ":" + src.column(earlier.nameSpan().start()));
                continue;
            }
            if (BuiltinTypes.lookup(s.name()) != null) {
                diags.report(ErrorKind.TYPE, s.nameSpan(), "struct " + s.name() + " would hide the built-in type " + s.name());
                continue;
            }
            decls.put(s.name(), s);
        }
        // Shells first (name and type parameters), so that field types can name any struct.
        Map<String, StructDef> shells = new HashMap<>();
        for (StructDecl s : decls.values()) {
            shells.put(s.name(), new StructDef(s.name(), params(s, diags), List.of()));
        }
        StructTable partial = new StructTable(shells);
        Map<String, StructDef> out = new LinkedHashMap<>();
        for (StructDecl s : decls.values()) {
            StructDef shell = shells.get(s.name());
            Map<String, Type.Param> scope = new LinkedHashMap<>();
            for (Type.Param p : shell.typeParams()) {
                scope.put(p.name(), p);
            }
            List<StructDef.Field> fields = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (StructDecl.FieldDecl f : s.fields()) {
                if (!names.add(f.name())) {
                    diags.report(ErrorKind.TYPE, f.nameSpan(), "field " + f.name() + " is declared twice in struct " + s.name());
                    continue;
                }
                fields.add(new StructDef.Field(f.name(), TypeResolver.resolve(f.type(), scope, partial, diags)));
            }
            if (fields.isEmpty()) {
                diags.report(ErrorKind.TYPE, s.nameSpan(), "struct " + s.name() + " has no fields");
            }
            out.put(s.name(), new StructDef(s.name(), shell.typeParams(), fields));
        }
        StructTable table = new StructTable(out);
        for (StructDecl s : decls.values()) {
            if (table.reaches(s.name(), s.name(), new HashSet<>())) {
                diags.report(ErrorKind.TYPE, s.nameSpan(), "struct " + s.name()
                        + " contains itself, so it would have no finite size");
            }
        }
        return table;
    }

    private static List<Type.Param> params(StructDecl s, Diagnostics diags) {
        List<Type.Param> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TypeParamDecl tp : s.typeParams()) {
            if (!tp.bounds().isEmpty()) {
                diags.report(ErrorKind.TYPE, tp.span(), "struct type parameters take no bounds (bound the functions that use them)");
            }
            if (!seen.add(tp.name())) {
                diags.report(ErrorKind.TYPE, tp.span(), "type parameter " + tp.name() + " is declared twice");
                continue;
            }
            out.add(new Type.Param(tp.name(), Set.of()));
        }
        return out;
    }

    /** Whether struct {@code from} holds {@code target} by value, through its fields. */
    private boolean reaches(String from, String target, Set<String> visited) {
        StructDef def = get(from);
        if (def == null || !visited.add(from)) {
            return false;
        }
        for (StructDef.Field f : def.fields()) {
            if (holds(f.type(), target, visited)) {
                return true;
            }
        }
        return false;
    }

    private boolean holds(Type t, String target, Set<String> visited) {
        if (t instanceof Type.Named n) {
            return n.name().equals(target) || reaches(n.name(), target, visited)
                    || n.args().stream().anyMatch(a -> holds(a, target, visited));
        } else if (t instanceof Type.Tuple tu) {
            return tu.elems().stream().anyMatch(e -> holds(e, target, visited));
        }
        return false;
    }
}
