package dev.simplec.bridge.shell;

import java.util.List;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.PageManager;
import com.kenai.jffi.Type;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.ir.IrFunction;
import dev.simplec.api.ir.IrType;

/**
 * Runs instantiated code in this process, for {@code simplec:run}: maps it executable (W^X:
 * written, then made read+exec), calls it through jffi with scalar arguments, unmaps it.
 */
final class NativeRunner {
    private NativeRunner() {
    }

    static String run(IrFunction entry, byte[] code, List<String> args) {
        if (args.size() != entry.params().size()) {
            throw new SimplecException(ErrorKind.INVALID_INPUT, entry.name() + " takes " + entry.params().size()
                    + " arguments, got " + args.size());
        }
        if (entry.returns().size() != 1) {
            throw new SimplecException(ErrorKind.UNSUPPORTED, "simplec:run shows one scalar result; " + entry.name()
                    + " returns " + entry.returns().size());
        }
        IrType ret = entry.returns().get(0);
        Type[] params = new Type[args.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = ffiType(entry.params().get(i));
        }
        CallContext ctx = CallContext.getCallContext(ffiType(ret), params, CallingConvention.DEFAULT, false);
        HeapInvocationBuffer buffer = new HeapInvocationBuffer(ctx);
        for (int i = 0; i < params.length; i++) {
            put(buffer, entry.params().get(i), args.get(i));
        }
        PageManager pages = PageManager.getInstance();
        int n = (int) ((code.length + pages.pageSize() - 1) / pages.pageSize());
        long address = pages.allocatePages(n, PageManager.PROT_READ | PageManager.PROT_WRITE);
        try {
            MemoryIO.getInstance().putByteArray(address, code, 0, code.length);
            pages.protectPages(address, n, PageManager.PROT_READ | PageManager.PROT_EXEC);
            Invoker invoker = Invoker.getInstance();
            return switch (ret) {
                case I64 -> Long.toString(invoker.invokeLong(ctx, address, buffer));
                case I32 -> Integer.toString(invoker.invokeInt(ctx, address, buffer));
                case I16 -> Short.toString((short) invoker.invokeInt(ctx, address, buffer));
                case I8 -> Byte.toString((byte) invoker.invokeInt(ctx, address, buffer));
                case F64 -> Double.toString(invoker.invokeDouble(ctx, address, buffer));
                case F32 -> Float.toString(invoker.invokeFloat(ctx, address, buffer));
                default -> throw new IllegalStateException();
            };
        } finally {
            pages.freePages(address, n);
        }
    }

    private static Type ffiType(IrType t) {
        return switch (t) {
            case I8 -> Type.SINT8;
            case I16 -> Type.SINT16;
            case I32 -> Type.SINT32;
            case I64 -> Type.SINT64;
            case F32 -> Type.FLOAT;
            case F64 -> Type.DOUBLE;
            default -> throw new SimplecException(ErrorKind.UNSUPPORTED,
                    "simplec:run passes scalars only; use the C ABI for " + t.text());
        };
    }

    private static void put(HeapInvocationBuffer buffer, IrType t, String arg) {
        try {
            switch (t) {
                case I8 -> buffer.putByte((int) Long.parseLong(arg));
                case I16 -> buffer.putShort((int) Long.parseLong(arg));
                case I32 -> buffer.putInt((int) Long.parseLong(arg));
                case I64 -> buffer.putLong(Long.parseLong(arg));
                case F32 -> buffer.putFloat(Float.parseFloat(arg));
                case F64 -> buffer.putDouble(Double.parseDouble(arg));
                default -> throw new IllegalStateException();
            }
        } catch (NumberFormatException e) {
            throw new SimplecException(ErrorKind.INVALID_INPUT, "\"" + arg + "\" is not a " + t.text());
        }
    }
}
