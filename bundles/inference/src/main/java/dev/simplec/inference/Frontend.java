package dev.simplec.inference;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.inference.check.CheckedModule;
import dev.simplec.inference.check.Checker;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.syntax.Limits;
import dev.simplec.inference.syntax.Parser;
import dev.simplec.inference.syntax.SourceModule;

/** Source text to checked module: the size limit, then parse, then check; each stage's diagnostics stop the run. */
final class Frontend {
    private Frontend() {
    }

    static CheckedModule check(SourceText source) {
        String text = source.text();
        if (text.length() > Limits.MAX_SOURCE_CHARS) {
            throw new SimplecException(ErrorKind.LIMIT, "template is too large: " + text.length()
                    + " characters (the limit is " + Limits.MAX_SOURCE_CHARS + ")");
        }
        Diagnostics diags = new Diagnostics(source);
        SourceModule module = Parser.parseModule(text, diags);
        diags.throwIfAny();
        CheckedModule checked = Checker.check(module, diags);
        diags.throwIfAny();
        return checked;
    }
}
