/** The x86-64 target description: machine opcodes and the register file the shared allocator works over. */
@NonNullByDefault
package dev.simplec.backend.x86.targ;

import org.eclipse.jdt.annotation.NonNullByDefault;
