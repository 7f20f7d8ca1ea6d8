package dev.simplec.api.ir;

/** The text form of the IR, used in test expectations, the shell and error reports. */
public final class IrPrinter {
    private IrPrinter() {
    }

    public static String module(IrModule module) {
        StringBuilder sb = new StringBuilder();
        for (IrFunction f : module.functions()) {
            function(sb, f);
        }
        return sb.toString();
    }

    static void function(StringBuilder sb, IrFunction f) {
        sb.append("function ").append(f.name()).append('(');
        for (int i = 0; i < f.params().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(f.params().get(i).name().toLowerCase());
        }
        sb.append(')');
        IrType ret = f.ret();
        if (ret != null) {
            sb.append(" -> ").append(ret.name().toLowerCase());
        }
        sb.append(" {\n");
        for (int b = 0; b < f.blocks().size(); b++) {
            IrBlock block = f.blocks().get(b);
            sb.append("b").append(b).append(":\n");
            for (IrInst inst : block.insts()) {
                sb.append("  ").append(inst(inst)).append('\n');
            }
            sb.append("  ").append(terminator(block.terminator())).append('\n');
        }
        sb.append("}\n");
    }

    public static String inst(IrInst inst) {
        StringBuilder sb = new StringBuilder();
        if (inst.dst() != IrInst.NO_VALUE) {
            sb.append('v').append(inst.dst()).append(" = ");
        }
        sb.append(inst.op().name().toLowerCase()).append('.').append(inst.type().name().toLowerCase());
        int[] args = inst.args();
        for (int i = 0; i < args.length; i++) {
            sb.append(i == 0 ? " v" : ", v").append(args[i]);
        }
        switch (inst.op()) {
            case PARAM, ICONST -> sb.append(' ').append(inst.imm());
            case FCONST -> sb.append(' ').append(inst.type() == IrType.F32
                    ? Float.toString(Float.intBitsToFloat((int) inst.imm()))
                    : Double.toString(Double.longBitsToDouble(inst.imm())));
            default -> { }
        }
        return sb.toString();
    }

    static String terminator(IrTerminator t) {
        if (t instanceof IrTerminator.Ret ret) {
            return ret.value() == IrInst.NO_VALUE ? "ret" : "ret v" + ret.value();
        }
        throw new IllegalStateException("unknown terminator " + t);
    }
}
