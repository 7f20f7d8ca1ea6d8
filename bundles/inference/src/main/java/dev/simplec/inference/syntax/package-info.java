/** Lexer, parser and the syntax tree of the template language (SPEC §5); every node carries its source span. */
@NonNullByDefault
package dev.simplec.inference.syntax;

import org.eclipse.jdt.annotation.NonNullByDefault;
