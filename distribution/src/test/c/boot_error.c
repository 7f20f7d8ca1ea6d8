/* The first call's answer when the platform cannot boot: prints the error and exits 0 if the call
 * failed cleanly (NULL and an error), 1 if it did not fail. NativeHostIT runs it with settings
 * the boot must refuse. */
#include <stdio.h>

#include "compiler_ffi.h"

int main(void) {
    CompilerContextImpl *ctx = compiler_create_context();
    const char *error = compiler_get_last_error();
    printf("%s\n", error ? error : "(no error)");
    if (ctx) {
        compiler_destroy_context(ctx);
        return 1;
    }
    return error ? 0 : 1;
}
