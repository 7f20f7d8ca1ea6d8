/** Diagnostics: positions in the source, the compiler-style message with its caret line. */
@NonNullByDefault
package dev.simplec.inference.diag;

import org.eclipse.jdt.annotation.NonNullByDefault;
