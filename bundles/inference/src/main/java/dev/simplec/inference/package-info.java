/** The InferenceEngine service: the template language front end behind a DS component. */
@NonNullByDefault
package dev.simplec.inference;

import org.eclipse.jdt.annotation.NonNullByDefault;
