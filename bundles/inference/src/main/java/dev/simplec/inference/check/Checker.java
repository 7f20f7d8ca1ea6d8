package dev.simplec.inference.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.simplec.api.ErrorKind;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.SourceModule;
import dev.simplec.inference.util.Maps;

/**
 * Checks a whole module: structs, then every signature (so functions may call each other in any
 * order), then every body.
 */
public final class Checker {
    private Checker() {
    }

    public static CheckedModule check(SourceModule module, Diagnostics diags) {
        StructTable structs = StructTable.of(module, diags);
        Map<String, FnSig> sigs = new LinkedHashMap<>();
        Map<String, FnDecl> first = new LinkedHashMap<>();
        List<FnSig> ordered = new ArrayList<>();
        for (FnDecl fn : module.functions()) {
            FnDecl earlier = Maps.get(first, fn.name());
            first.putIfAbsent(fn.name(), fn);
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
        List<CheckedFunction> checked = new ArrayList<>();
        List<FnDecl> fns = module.functions();
        for (int i = 0; i < fns.size(); i++) {
            checked.add(new FunctionChecker(fns.get(i), ordered.get(i), sigs, structs, diags).check());
        }
        return new CheckedModule(checked, structs);
    }
}
