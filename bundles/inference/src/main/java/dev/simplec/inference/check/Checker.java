package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.SourceModule;
import dev.simplec.inference.util.Lists;

/**
 * Checks a whole module: structs, then every signature (so functions may call each other in any
 * order), then every body.
 */
public final class Checker {
    private Checker() {
    }

    public static CheckedModule check(SourceModule module, Diagnostics diags) {
        StructTable structs = StructTable.of(module, diags);
        List<FnDecl> fns = module.functions();
        Map<String, FnSig> sigs = new HashMap<>(fns.size() * 2);
        List<FnSig> ordered = new ArrayList<>(fns.size());
        for (FnDecl fn : fns) {
            FnDecl earlier = sigs.containsKey(fn.name()) ? first(fns, fn.name()) : null;
            if (earlier != null) {
                var src = diags.source();
                diags.report(ErrorKind.TYPE, fn.nameSpan(), "function " + fn.name() + " is already defined at "
                        + src.line(earlier.nameSpan().start()) + ":" + src.column(earlier.nameSpan().start()));
            } else if (Builtin.of(fn.name()) != null) {
                diags.report(ErrorKind.TYPE, fn.nameSpan(), "function " + fn.name() + " would hide the builtin "
                        + fn.name());
            }
            FnSig sig = SignatureResolver.resolve(fn, structs, diags);
            sigs.putIfAbsent(fn.name(), sig);
            ordered.add(sig);
        }
        // An exact-size array made into an immutable list once: CheckedModule keeps it as it is.
        CheckedFunction[] checked = new CheckedFunction[fns.size()];
        int count = 0;
        ExprFacts facts = new ExprFacts(module.exprCount());
        // One for all functions, emptied for each: its arrays are made once per module.
        Unifier unifier = new Unifier();
        for (int i = 0; i < fns.size(); i++) {
            try {
                // Not checked[count++] = ...: the index would advance before check() throws.
                CheckedFunction f = new FunctionChecker(fns.get(i), ordered.get(i), sigs, structs, facts, unifier, diags).check();
                checked[count++] = f;
            } catch (TypeSize.TooLarge e) {
                // The function is left unchecked: with this diagnostic the module never reaches lowering.
                diags.report(ErrorKind.LIMIT, e.at, TypeSize.MESSAGE);
            }
        }
        return new CheckedModule(Lists.copyOf(checked, 0, count), structs);
    }

    /** The first function named {@code name} (there is one). */
    private static @Nullable FnDecl first(List<FnDecl> fns, String name) {
        for (FnDecl fn : fns) {
            if (fn.name().equals(name)) {
                return fn;
            }
        }
        return null;
    }
}
