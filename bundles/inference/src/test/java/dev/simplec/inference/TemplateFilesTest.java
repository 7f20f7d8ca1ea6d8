package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrPrinter;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.inference.check.StructTable;
import dev.simplec.inference.check.Type;
import dev.simplec.inference.check.TypeInfos;
import dev.simplec.inference.check.TypeResolver;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.syntax.Parser;
import dev.simplec.inference.syntax.TypeExpr;

/** Runs every {@code templates/*.spt} file against its header expectation (format: {@link SptFile}). */
class TemplateFilesTest {
    private final TemplateInferenceEngine engine = new TemplateInferenceEngine();

    static Stream<SptFile> files() throws IOException, URISyntaxException {
        URL dir = TemplateFilesTest.class.getResource("/templates");
        if (dir == null) {
            throw new IllegalStateException("no templates directory on the test class path");
        }
        List<SptFile> out = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of(dir.toURI()))) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".spt")).sorted().toList()) {
                out.add(SptFile.parse(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        assertTrue(out.size() >= 150, "expected at least 150 template tests, found " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void template(SptFile f) {
        if (f.expect().startsWith("error ")) {
            ErrorKind kind = ErrorKind.valueOf(f.expect().substring("error ".length()).trim());
            SimplecException e = assertThrows(SimplecException.class, () -> execute(f));
            assertEquals(f.expectedText(), e.getMessage());
            assertEquals(kind, e.kind());
            return;
        }
        String actual = execute(f);
        if (!f.calls().isEmpty() && !f.run().startsWith("instantiate")) {
            fail("call lines need '// run: instantiate'");
        }
        switch (f.expect().split(" ", 2)[0]) {
            case "ok" -> assertEquals("", actual);
            case "ir" -> assertEquals(f.expectedText() + "\n", actual);
            case "types" -> assertEquals(f.expect().substring("types".length()).trim(), actual);
            default -> fail("unknown expectation " + f.expect());
        }
    }

    /** Does what the header says; returns the result as text ("" for check, printed IR, inferred types). */
    private String execute(SptFile f) {
        StructTable structs = structsOf(f.source());
        String[] run = f.run().split(" ", 2);
        String arg = run.length > 1 ? run[1].trim() : "";
        switch (run[0]) {
            case "check" -> {
                engine.checkTypes(f.source());
                return "";
            }
            case "instantiate" -> {
                IrModule module = engine.instantiate(f.source(), typeList(arg, structs));
                IrVerifier.verify(module);
                for (SptFile.Call call : f.calls()) {
                    SptCalls.run(f.name(), module, call);
                }
                return f.expect().equals("ok") ? "" : IrPrinter.module(module);
            }
            case "infer" -> {
                List<TypeHint> hints = new ArrayList<>();
                for (String h : arg.split(";")) {
                    hints.add(hint(h.trim(), structs));
                }
                List<TypeInfo> types = engine.inferTypes(new TemplateDescription("", List.of(), null, f.source()), hints);
                return String.join(", ", types.stream().map(TypeInfo::toString).toList());
            }
            default -> throw new IllegalArgumentException(f.name() + ": unknown run " + f.run());
        }
    }

    /** The structs of the file being run: hint and type argument texts may name them. */
    private static StructTable structsOf(String source) {
        Diagnostics diags = new Diagnostics(new SourceText(source));
        return StructTable.of(Parser.parseModule(source, diags), diags);
    }

    /** "call_site 0 i64" / "return f64": the source, an index where the source takes one, a type. */
    private static TypeHint hint(String text, StructTable structs) {
        String[] parts = text.split(" ", 2);
        HintSource source = HintSource.fromJson(parts[0]);
        if (source == null) {
            throw new IllegalArgumentException("unknown hint source " + parts[0]);
        }
        if (source == HintSource.CALL_SITE || source == HintSource.CONSTRAINT) {
            String[] rest = parts[1].split(" ", 2);
            return new TypeHint(source, Integer.parseInt(rest[0]), type(rest[1], structs));
        }
        return new TypeHint(source, -1, type(parts[1], structs));
    }

    /** A comma-separated list of types, read as the tuple "(list,)". */
    static List<TypeInfo> typeList(String text, StructTable structs) {
        if (text.isEmpty()) {
            return List.of();
        }
        return type("(" + text + ",)", structs).args();
    }

    /** A type written in template syntax, through the production parser and resolver. */
    static TypeInfo type(String text, StructTable structs) {
        Diagnostics diags = new Diagnostics(new SourceText(text));
        TypeExpr t = Parser.parseType(text, diags);
        if (t == null) {
            throw diags.toException();
        }
        Type resolved = TypeResolver.resolve(t, java.util.Map.of(), structs, diags);
        diags.throwIfAny();
        return TypeInfos.toInfo(resolved);
    }
}
