package dev.simplec.api.ir;

import java.util.List;

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

    public static String function(IrFunction f) {
        StringBuilder sb = new StringBuilder();
        function(sb, f);
        return sb.toString();
    }

    static void function(StringBuilder sb, IrFunction f) {
        sb.append("function ").append(f.name()).append('(');
        types(sb, f.params());
        sb.append(')');
        if (f.returns().size() == 1) {
            sb.append(" -> ").append(f.returns().get(0).text());
        } else if (f.returns().size() > 1) {
            sb.append(" -> (");
            types(sb, f.returns());
            sb.append(')');
        }
        sb.append(" {\n");
        for (int s = 0; s < f.stackSlots().size(); s++) {
            IrStackSlot slot = f.stackSlots().get(s);
            sb.append("  slot").append(s).append(": ").append(slot.size()).append(" bytes, align ").append(slot.align()).append('\n');
        }
        for (int b = 0; b < f.blocks().size(); b++) {
            IrBlock block = f.blocks().get(b);
            sb.append("b").append(b);
            if (!block.params().isEmpty()) {
                sb.append('(');
                for (int i = 0; i < block.params().size(); i++) {
                    IrBlockParam p = block.params().get(i);
                    sb.append(i == 0 ? "" : ", ").append('v').append(p.value()).append(": ").append(p.type().text());
                }
                sb.append(')');
            }
            sb.append(":\n");
            for (IrInst inst : block.insts()) {
                sb.append("  ").append(inst(inst)).append('\n');
            }
            sb.append("  ").append(terminator(block.terminator())).append('\n');
        }
        sb.append("}\n");
    }

    private static void types(StringBuilder sb, List<IrType> types) {
        for (int i = 0; i < types.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(types.get(i).text());
        }
    }

    public static String inst(IrInst inst) {
        StringBuilder sb = new StringBuilder();
        if (inst.dst() != IrInst.NO_VALUE) {
            sb.append('v').append(inst.dst());
            if (inst.dst2() != IrInst.NO_VALUE) {
                sb.append(", v").append(inst.dst2());
            }
            sb.append(" = ");
        }
        sb.append(inst.op().name().toLowerCase(java.util.Locale.ROOT)).append('.').append(inst.type().text());
        int[] args = inst.args();
        switch (inst.op()) {
            case CALL -> sb.append(" f").append(inst.imm()).append('(').append(values(args, 0)).append(')');
            case CALL_INDIRECT -> sb.append(" v").append(args[0]).append('(').append(values(args, 1)).append(')');
            case FUNC_ADDR -> sb.append(" f").append(inst.imm());
            case STACK_ADDR -> sb.append(" slot").append(inst.imm());
            case PARAM, ICONST -> sb.append(' ').append(inst.imm());
            case FCONST -> sb.append(' ').append(inst.type() == IrType.F32
                    ? Float.toString(Float.intBitsToFloat((int) inst.imm()))
                    : Double.toString(Double.longBitsToDouble(inst.imm())));
            case EXTRACT -> sb.append(' ').append(values(args, 0)).append(", ").append(inst.imm());
            case LOAD, STORE -> {
                sb.append(' ').append(values(args, 0));
                if (inst.imm() != 0) {
                    sb.append(", +").append(inst.imm());
                }
            }
            default -> sb.append(' ').append(values(args, 0));
        }
        return sb.toString();
    }

    private static String values(int[] args, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < args.length; i++) {
            sb.append(i == from ? "v" : ", v").append(args[i]);
        }
        return sb.toString();
    }

    public static String terminator(IrTerminator t) {
        if (t instanceof IrTerminator.Ret ret) {
            StringBuilder sb = new StringBuilder("ret");
            int[] v = ret.values();
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? " v" : ", v").append(v[i]);
            }
            return sb.toString();
        }
        if (t instanceof IrTerminator.Jump j) {
            return "jump " + target(j.target(), j.args());
        }
        if (t instanceof IrTerminator.Branch b) {
            return "branch v" + b.cond() + ", " + target(b.thenTarget(), b.thenArgs()) + ", " + target(b.elseTarget(), b.elseArgs());
        }
        if (t instanceof IrTerminator.Trap trap) {
            return "trap " + trap.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalStateException("unknown terminator " + t);
    }

    private static String target(int block, int[] args) {
        StringBuilder sb = new StringBuilder("b").append(block);
        if (args.length > 0) {
            sb.append('(');
            for (int i = 0; i < args.length; i++) {
                sb.append(i == 0 ? "v" : ", v").append(args[i]);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
