/**
 * The architecture-neutral half of code generation, shared by every backend: machine
 * instructions on virtual registers ({@link dev.simplec.api.codegen.MFunction}), liveness, live
 * intervals and a linear-scan register allocator that works over a target's register descriptor
 * ({@link dev.simplec.api.codegen.TargetRegisters}), spilling under pressure.
 */
@Export
@Version("1.0.0")
@NonNullByDefault
package dev.simplec.api.codegen;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
