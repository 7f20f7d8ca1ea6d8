package dev.simplec.inference.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrInterpreter;
import dev.simplec.api.ir.IrMemory;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrTrap;
import dev.simplec.api.ir.IrValue;
import dev.simplec.api.ir.IrVerifier;
import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.Signature;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;
import dev.simplec.api.types.TypeParam;
import dev.simplec.inference.TemplateInferenceEngine;
import dev.simplec.inference.diag.Diagnostics;
import dev.simplec.inference.diag.SourceText;
import dev.simplec.inference.syntax.FnDecl;
import dev.simplec.inference.syntax.Parser;
import dev.simplec.inference.syntax.SourceModule;

/**
 * Fuzz targets of the front end (docs/reliability.md). The engine answers every input with a
 * value or a {@link SimplecException} of an expected kind: never INTERNAL (a defect the engine
 * caught), never the stack-overflow LIMIT (the nesting limit must stop recursion long before a
 * normal thread's stack runs out), never another throwable. Seeds:
 * {@code src/test/resources/dev/simplec/inference/fuzz/FrontEndFuzzTestInputs/<target>/}.
 */
class FrontEndFuzzTest {
    private static final TemplateInferenceEngine ENGINE = new TemplateInferenceEngine();
    private static final String STACK = "template nested too deeply for this thread's stack";

    /**
     * Any text through the lexer, parser and checker: accepted, or SYNTAX, TYPE or LIMIT
     * diagnostics. An accepted module is also instantiated (every type parameter as i64) and its IR
     * verified; that may fail only with a per-instance TYPE error, INVALID_INPUT (no function),
     * UNSUPPORTED or LIMIT.
     */
    @FuzzTest(maxDuration = "10m")
    void checkSource(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        try {
            ENGINE.checkTypes(source);
        } catch (SimplecException e) {
            expect(e, EnumSet.of(ErrorKind.SYNTAX, ErrorKind.TYPE, ErrorKind.LIMIT));
            return;
        }
        SourceModule module = Parser.parseModule(source, new Diagnostics(new SourceText(source)));
        List<TypeInfo> types = new ArrayList<>();
        if (!module.functions().isEmpty()) {
            FnDecl entry = module.functions().get(0);
            for (int i = 0; i < entry.typeParams().size(); i++) {
                types.add(TypeInfo.integer(64, true));
            }
        }
        try {
            IrVerifier.verify(ENGINE.instantiate(source, types));
        } catch (SimplecException e) {
            expect(e, EnumSet.of(ErrorKind.TYPE, ErrorKind.INVALID_INPUT, ErrorKind.UNSUPPORTED, ErrorKind.LIMIT));
        }
    }

    /**
     * Template descriptions and hints built from the fuzz data (types valid or not, deep, wide or
     * sharing subtrees): inference answers one type per type parameter or fails with
     * INVALID_INPUT, INFERENCE, SYNTAX, TYPE or LIMIT. An answer is a fixed point: given back as
     * constraint hints, it is the answer again.
     */
    @FuzzTest(maxDuration = "10m")
    void inferTypes(FuzzedDataProvider data) {
        List<TypeParam> params = new ArrayList<>();
        String[] names = {"T", "U", "V", "A"};
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            List<String> bounds = new ArrayList<>();
            for (String b : new String[] {"Num", "Int", "Float", "Eq", "Ord"}) {
                if (data.consumeInt(0, 4) == 0) {
                    bounds.add(b);
                }
            }
            params.add(new TypeParam(data.consumeInt(0, 9) == 0 ? data.consumeString(3) : names[i], bounds));
        }
        Signature signature = null;
        if (data.consumeBoolean()) {
            List<TypeInfo> ps = new ArrayList<>();
            int k = data.consumeInt(0, 3);
            for (int i = 0; i < k; i++) {
                ps.add(type(data, 3));
            }
            signature = new Signature(ps, data.consumeBoolean() ? type(data, 3) : null);
        }
        String source = switch (data.consumeInt(0, 6)) {
            case 0 -> "fn id<T>(x: T) -> T { x }";
            case 1 -> "fn add<T: Num>(a: T, b: T) -> T { a + b }";
            case 2 -> "fn pair<A, B>(a: A, b: B) -> (A, B) { (a, b) }";
            case 3 -> "fn sum<T: Num>(xs: [T]) -> T { var s: T = 0; for x in xs { s += x; } s }";
            case 4 -> data.consumeString(60);
            default -> null;
        };
        TemplateDescription template = new TemplateDescription(data.consumeBoolean() ? "id" : "f", params, signature, source);
        List<TypeHint> hints = new ArrayList<>();
        int h = data.consumeInt(0, 5);
        for (int i = 0; i < h; i++) {
            HintSource s = data.pickValue(HintSource.values());
            int index = s == HintSource.CALL_SITE || s == HintSource.CONSTRAINT ? data.consumeInt(-1, 3) : -1;
            hints.add(new TypeHint(s, index, type(data, 4)));
        }
        List<TypeInfo> answer;
        try {
            answer = ENGINE.inferTypes(template, hints);
        } catch (SimplecException e) {
            expect(e, EnumSet.of(ErrorKind.INVALID_INPUT, ErrorKind.INFERENCE, ErrorKind.SYNTAX, ErrorKind.TYPE, ErrorKind.LIMIT));
            return;
        }
        List<TypeHint> fixed = new ArrayList<>();
        for (int i = 0; i < answer.size(); i++) {
            fixed.add(new TypeHint(HintSource.CONSTRAINT, i, answer.get(i)));
        }
        assertEquals(answer, ENGINE.inferTypes(template, fixed), "inference of its own answer");
    }

    /**
     * Templates from {@link TemplateGen}: the checker accepts each; instantiation gives verified
     * IR (or the LIMIT error), which the reference interpreter runs on the generated arguments to
     * a result or a trap; the backends' fuzz targets compare their native runs with that.
     */
    @FuzzTest(maxDuration = "10m")
    void generatedTemplates(FuzzedDataProvider data) {
        TemplateGen.Program p = TemplateGen.generate(data);
        IrModule module;
        try {
            module = ENGINE.instantiate(p.source(), p.typeArgs());
        } catch (SimplecException e) {
            if (e.kind() != ErrorKind.LIMIT) {
                fail("a generated template does not instantiate:\n" + p + "\n" + e.getMessage(), e);
            }
            return;
        }
        IrVerifier.verify(module);
        for (List<TemplateGen.Arg> args : p.calls()) {
            String first = interpret(module, args);
            assertEquals(first, interpret(module, args), "the interpreter is deterministic");
        }
    }

    /** The interpreter's answer for {@code args}: the results, or the trap. */
    static String interpret(IrModule module, List<TemplateGen.Arg> args) {
        IrMemory memory = new IrMemory();
        List<IrValue> values = new ArrayList<>();
        for (TemplateGen.Arg a : args) {
            if (a instanceof TemplateGen.Scalar s) {
                values.add(s.value());
            } else if (a instanceof TemplateGen.Slice sl) {
                values.add(IrValue.i64(memory.place(sl.bytes())));
                values.add(IrValue.i64(sl.length()));
            }
        }
        IrInterpreter interpreter = new IrInterpreter(module, memory);
        interpreter.stepLimit(2_000_000);
        try {
            return interpreter.run(values.toArray(new IrValue[0])).toString();
        } catch (IrTrap t) {
            return "trap " + t.getMessage();
        }
    }

    /** A TypeInfo from the fuzz data: mostly well formed, sometimes not, sometimes sharing subtrees. */
    private static TypeInfo type(FuzzedDataProvider data, int depth) {
        List<TypeInfo> made = new ArrayList<>();
        int steps = data.consumeInt(1, depth * 3);
        for (int i = 0; i < steps; i++) {
            TypeKind kind = data.pickValue(TypeKind.values());
            List<TypeInfo> args = new ArrayList<>();
            int n = made.isEmpty() ? 0 : data.consumeInt(0, 3);
            for (int j = 0; j < n; j++) {
                args.add(made.get(data.consumeInt(0, made.size() - 1)));
            }
            TypeInfo elem = made.isEmpty() ? TypeInfo.floating(32) : made.get(data.consumeInt(0, made.size() - 1));
            String name = data.pickValue(new String[] {"T", "U", "V", "A", "P", ""});
            made.add(switch (data.consumeInt(0, 12) == 0 ? -1 : kind.ordinal()) {
                case -1 -> new TypeInfo(kind, name, args, data.consumeInt(), data.consumeBoolean(), data.consumeInt(), elem);
                default -> switch (kind) {
                    case INT -> TypeInfo.integer(data.pickValue(new int[] {8, 16, 32, 64}), data.consumeBoolean());
                    case FLOAT -> TypeInfo.floating(data.pickValue(new int[] {32, 64}));
                    case BOOL -> TypeInfo.bool();
                    case STRING -> TypeInfo.string();
                    case NAMED -> TypeInfo.named(name.isEmpty() ? "P" : name, args);
                    case GENERIC -> TypeInfo.generic(name.isEmpty() ? "T" : name);
                    case ARRAY -> TypeInfo.array(elem);
                    case TUPLE -> TypeInfo.tuple(args);
                    case SIMD -> TypeInfo.simd(data.pickValue(new int[] {2, 4, 8}), elem);
                    case FUNCTION -> TypeInfo.function(args, elem);
                };
            });
        }
        return made.get(made.size() - 1);
    }

    /** {@code e} is one of the {@code allowed} kinds, and not a defect or a stack overflow in disguise. */
    private static void expect(SimplecException e, Set<ErrorKind> allowed) {
        if (e.kind() == ErrorKind.INTERNAL || STACK.equals(e.getMessage())) {
            throw new AssertionError("the engine failed: " + e.getMessage(), e);
        }
        assertTrue(allowed.contains(e.kind()), () -> e.kind() + " is not expected here: " + e.getMessage());
    }
}
