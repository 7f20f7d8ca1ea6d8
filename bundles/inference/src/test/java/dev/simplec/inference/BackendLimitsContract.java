package dev.simplec.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrBlock;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrInst;
import dev.simplec.api.ir.IrModule;
import dev.simplec.api.ir.IrOp;
import dev.simplec.api.ir.IrTerminator;
import dev.simplec.api.ir.IrType;
import dev.simplec.api.ir.TrapKind;
import dev.simplec.api.service.CodegenBackend;

/**
 * The backend's size limits (dev.simplec.api.codegen.CodeLimits; docs/reliability.md, "Limits"):
 * an oversized module fails with a LIMIT error and exactly this message, before any real work
 * (the IR limits) or as soon as the code passes 1 MiB. The timeout only guards against a hang.
 * Each backend's test extends this with the backend it checks.
 */
public abstract class BackendLimitsContract {
    /** A new instance of the backend under test. */
    protected abstract CodegenBackend backend();

    /** A function of {@code n} constants and a return: {@code n + 1} IR instructions. */
    private static IrFunction constants(String name, int n) {
        List<IrInst> insts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            insts.add(new IrInst(IrOp.ICONST, IrType.I64, i, new int[0], i));
        }
        return new IrFunction(name, List.of(), List.of(IrType.I64), List.of(new IrBlock(insts, IrTerminator.Ret.of(n - 1))), n);
    }

    /** Functions that only trap, each with a 60,000-character name: their trap messages alone pass 1 MiB. */
    private static IrModule longTrapMessages() {
        List<IrFunction> fns = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            fns.add(new IrFunction("f" + i + "_" + "x".repeat(60_000), List.of(), List.of(IrType.I64),
                    List.of(new IrBlock(List.of(), new IrTerminator.Trap(TrapKind.DIVISION_BY_ZERO))), 0));
        }
        return new IrModule(fns);
    }

    public static Stream<Arguments> oversized() {
        List<IrFunction> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(constants("f" + i, 19_999));
        }
        return Stream.of(
                Arguments.of("a function past the IR size limit", new IrModule(List.of(constants("f", 20_000))),
                        "function f is too large: 20001 IR instructions (the limit is 20000)"),
                Arguments.of("a module past the IR size limit", new IrModule(six),
                        "the instantiation is too large: more than 100000 IR instructions in all functions together (the limit is 100000)"),
                Arguments.of("code past 1 MiB", longTrapMessages(),
                        "the generated code is too large: more than 1048576 bytes (the limit is 1048576)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    public void failsWithItsLimitError(String what, IrModule module, String message) {
        SimplecException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(SimplecException.class, () -> backend().compile(module)));
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.LIMIT, e.kind());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("atTheLimit")
    public void theLimitItselfCompiles(String what, IrModule module) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> backend().compile(module));
    }

    public static Stream<Arguments> atTheLimit() {
        return Stream.of(Arguments.of("a function of 20000 IR instructions", new IrModule(List.of(constants("f", 19_999)))));
    }
}
