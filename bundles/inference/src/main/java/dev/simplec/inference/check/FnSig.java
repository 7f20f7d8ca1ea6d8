package dev.simplec.inference.check;

import java.util.List;

/** A function's checked signature: type parameters in order, value parameter types, result (unit when omitted). */
public record FnSig(String name, List<Type.Param> typeParams, List<Type> params, Type ret) {
    public FnSig {
        typeParams = List.copyOf(typeParams);
        params = List.copyOf(params);
    }

    /** "(T, U)": how messages list the type parameters. */
    public String typeParamList() {
        StringBuilder sb = new StringBuilder("(");
        for (Type.Param p : typeParams) {
            sb.append(sb.length() == 1 ? "" : ", ").append(p.name());
        }
        return sb.append(')').toString();
    }
}
