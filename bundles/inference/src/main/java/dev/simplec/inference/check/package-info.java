/** Semantic types, bounds, unification and the type checker of template modules. */
@NonNullByDefault
package dev.simplec.inference.check;

import org.eclipse.jdt.annotation.NonNullByDefault;
