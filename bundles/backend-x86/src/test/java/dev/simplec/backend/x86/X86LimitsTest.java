package dev.simplec.backend.x86;

import dev.simplec.api.service.CodegenBackend;
import dev.simplec.inference.BackendLimitsContract;

/** The backend's size limits: the cases of {@link BackendLimitsContract} on {@link X86Backend}. */
class X86LimitsTest extends BackendLimitsContract {
    @Override
    protected CodegenBackend backend() {
        return new X86Backend();
    }
}
