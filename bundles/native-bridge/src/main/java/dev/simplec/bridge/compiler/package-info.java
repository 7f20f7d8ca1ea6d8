/** The compiler facade: serializer, inference and the chosen backend behind CompilerService. */
@NonNullByDefault
package dev.simplec.bridge.compiler;

import org.eclipse.jdt.annotation.NonNullByDefault;
