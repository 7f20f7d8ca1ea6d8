/**
 * The architecture-neutral half of code generation, shared by every backend: machine
 * instructions on virtual registers ({@link dev.simplec.api.codegen.MFunction}) over a control
 * flow graph, liveness, live intervals and a linear-scan register allocator that works over a
 * target's register descriptor ({@link dev.simplec.api.codegen.TargetRegisters}), spilling only
 * under pressure and by loop-weighted cost. Block parameters travel as two pseudo-instructions
 * (see {@link dev.simplec.api.codegen.MOpcode}) that become
 * {@link dev.simplec.api.codegen.ParallelMoves} after allocation. Calls are instructions with
 * per-instruction operand roles (fixed argument and result registers) that clobber the
 * caller-saved set. {@link dev.simplec.api.codegen.StackSlots} lays out a function's stack
 * memory; {@link dev.simplec.api.codegen.CodeBuffer} and {@link dev.simplec.api.codegen.Label}
 * sit under both assemblers. Before selection, target-neutral IR rewrites, the same in both
 * backends: calls of small leaf functions inlined module-wide
 * ({@link dev.simplec.api.codegen.CallInlining}), then the control-flow and loop rewrites per
 * function ({@link dev.simplec.api.codegen.IrRewrites}).
 */
@Export
@Version("1.8.0")
@NonNullByDefault
package dev.simplec.api.codegen;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
import org.osgi.annotation.bundle.Export;
