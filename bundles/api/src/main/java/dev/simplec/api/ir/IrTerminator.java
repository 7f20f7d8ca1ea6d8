package dev.simplec.api.ir;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/** How a block ends. Block arguments bind, in order, the parameters of the target block. */
public sealed interface IrTerminator {
    /** Returns {@code values} (none, one, or two — a tuple) to the caller. */
    record Ret(int[] values) implements IrTerminator {
        public Ret {
            values = IntArrays.copy(values);
            if (values.length > 2) {
                throw new IllegalArgumentException("a function returns at most two values");
            }
        }

        public static Ret of(int... values) {
            return new Ret(values);
        }

        @Override
        public int[] values() {
            return IntArrays.copy(values);
        }

        public int valueCount() {
            return values.length;
        }

        /** Value {@code i} ({@link #values} without the copy). */
        public int value(int i) {
            return values[i];
        }

        /** {@link #values} without the copy, for this package's readers, which never change it. */
        int[] valuesShared() {
            return values;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Ret r && Arrays.equals(values, r.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** Continues at block {@code target}. */
    record Jump(int target, int[] args) implements IrTerminator {
        public Jump {
            args = IntArrays.copy(args);
        }

        @Override
        public int[] args() {
            return IntArrays.copy(args);
        }

        public int argCount() {
            return args.length;
        }

        /** The same jump to {@code newTarget} (one copy of the arguments, where {@code new Jump(t, args())} makes two). */
        public Jump withTarget(int newTarget) {
            return new Jump(newTarget, args);
        }

        /** Argument {@code i} ({@link #args} without the copy). */
        public int arg(int i) {
            return args[i];
        }

        /** {@link #args} without the copy, for this package's readers, which never change it. */
        int[] argsShared() {
            return args;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Jump j && target == j.target && Arrays.equals(args, j.args);
        }

        @Override
        public int hashCode() {
            return target * 31 + Arrays.hashCode(args);
        }
    }

    /** Continues at {@code thenTarget} when {@code cond} (an I8) is non-zero, else at {@code elseTarget}. */
    record Branch(int cond, int thenTarget, int[] thenArgs, int elseTarget, int[] elseArgs) implements IrTerminator {
        public Branch {
            thenArgs = IntArrays.copy(thenArgs);
            elseArgs = IntArrays.copy(elseArgs);
        }

        @Override
        public int[] thenArgs() {
            return IntArrays.copy(thenArgs);
        }

        @Override
        public int[] elseArgs() {
            return IntArrays.copy(elseArgs);
        }

        /** The same branch to other blocks, its arguments kept (copied once). */
        public Branch withTargets(int newThen, int newElse) {
            return new Branch(cond, newThen, thenArgs, newElse, elseArgs);
        }

        public int thenArgCount() {
            return thenArgs.length;
        }

        /** Then-side argument {@code i} ({@link #thenArgs} without the copy). */
        public int thenArg(int i) {
            return thenArgs[i];
        }

        public int elseArgCount() {
            return elseArgs.length;
        }

        /** Else-side argument {@code i} ({@link #elseArgs} without the copy). */
        public int elseArg(int i) {
            return elseArgs[i];
        }

        /** {@link #thenArgs} without the copy, for this package's readers, which never change it. */
        int[] thenArgsShared() {
            return thenArgs;
        }

        /** {@link #elseArgs} without the copy, for this package's readers, which never change it. */
        int[] elseArgsShared() {
            return elseArgs;
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Branch b && cond == b.cond && thenTarget == b.thenTarget && elseTarget == b.elseTarget
                    && Arrays.equals(thenArgs, b.thenArgs) && Arrays.equals(elseArgs, b.elseArgs);
        }

        @Override
        public int hashCode() {
            return ((cond * 31 + thenTarget) * 31 + elseTarget) * 31 + Arrays.hashCode(thenArgs) + Arrays.hashCode(elseArgs);
        }
    }

    /** Stops the process: {@code simplec trap: <reason> in <function>} on stderr, exit status 134. */
    record Trap(TrapKind kind) implements IrTerminator {
    }
}
