/** Errors shared by every simplec service. */
@Export
@Version("1.0.0")
@NonNullByDefault
package dev.simplec.api;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
