package dev.simplec.api.ir;

/** A block parameter: the value a predecessor's jump or branch argument binds (SSA without phis). */
public record IrBlockParam(int value, IrType type) {
}
