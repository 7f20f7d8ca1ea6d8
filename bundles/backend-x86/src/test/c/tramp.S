/*
 * tramp(fn, in, out, avx): calls fn with every System V argument register loaded from *in
 * (rdi..r9, xmm0..xmm7 or ymm0..ymm7 when avx, and in->nstack stack slots), and stores what
 * any return convention leaves (rax, rdx, xmm0/ymm0, xmm1/ymm1) in *out. Before the call the
 * callee-saved registers (rbx, rbp, r12-r15) get sentinel values; out->bad records which ones
 * the callee failed to preserve (bit 0 rbx, 1 rbp, 2 r12, 3 r13, 4 r14, 5 r15).
 *
 *   struct In  { uint64_t gpr[6]; uint8_t vec[8][32]; uint64_t nstack; uint64_t stack[64]; };
 *   struct Out { uint64_t rax, rdx; uint8_t v0[32], v1[32]; uint64_t bad; };
 */
        .intel_syntax noprefix
        .text
        .globl tramp
        .type tramp, @function
tramp:
        push rbp
        mov rbp, rsp
        push rbx
        push r12
        push r13
        push r14
        push r15
        sub rsp, 8
        push rdx                       /* [rbp-56] out */
        push rcx                       /* [rbp-64] avx */
        mov r10, rdi
        mov r11, rsi
        mov rcx, [r11 + 304]           /* nstack */
        lea rax, [rcx*8 + 15]
        and rax, -16
        sub rsp, rax
        xor eax, eax
1:      cmp rax, rcx
        jae 2f
        mov rdx, [r11 + 312 + rax*8]
        mov [rsp + rax*8], rdx
        inc rax
        jmp 1b
2:      cmp qword ptr [rbp - 64], 0
        je 3f
        vmovdqu ymm0, [r11 + 48]
        vmovdqu ymm1, [r11 + 80]
        vmovdqu ymm2, [r11 + 112]
        vmovdqu ymm3, [r11 + 144]
        vmovdqu ymm4, [r11 + 176]
        vmovdqu ymm5, [r11 + 208]
        vmovdqu ymm6, [r11 + 240]
        vmovdqu ymm7, [r11 + 272]
        jmp 4f
3:      movdqu xmm0, [r11 + 48]
        movdqu xmm1, [r11 + 80]
        movdqu xmm2, [r11 + 112]
        movdqu xmm3, [r11 + 144]
        movdqu xmm4, [r11 + 176]
        movdqu xmm5, [r11 + 208]
        movdqu xmm6, [r11 + 240]
        movdqu xmm7, [r11 + 272]
4:      mov rdi, [r11]
        mov rsi, [r11 + 8]
        mov rdx, [r11 + 16]
        mov rcx, [r11 + 24]
        mov r8, [r11 + 32]
        mov r9, [r11 + 40]
        mov [rip + saved_rbp], rbp
        movabs rbx, 0x1b1b1b1b1b1b1b1b
        movabs rbp, 0x2b2b2b2b2b2b2b2b
        movabs r12, 0x3c3c3c3c3c3c3c3c
        movabs r13, 0x4d4d4d4d4d4d4d4d
        movabs r14, 0x5e5e5e5e5e5e5e5e
        movabs r15, 0x6f6f6f6f6f6f6f6f
        call r10
        xor ecx, ecx
        movabs r11, 0x1b1b1b1b1b1b1b1b
        cmp rbx, r11
        je 5f
        or ecx, 1
5:      movabs r11, 0x2b2b2b2b2b2b2b2b
        cmp rbp, r11
        je 5f
        or ecx, 2
5:      movabs r11, 0x3c3c3c3c3c3c3c3c
        cmp r12, r11
        je 5f
        or ecx, 4
5:      movabs r11, 0x4d4d4d4d4d4d4d4d
        cmp r13, r11
        je 5f
        or ecx, 8
5:      movabs r11, 0x5e5e5e5e5e5e5e5e
        cmp r14, r11
        je 5f
        or ecx, 16
5:      movabs r11, 0x6f6f6f6f6f6f6f6f
        cmp r15, r11
        je 5f
        or ecx, 32
5:      mov rbp, [rip + saved_rbp]
        mov r11, [rbp - 56]
        mov [r11], rax
        mov [r11 + 8], rdx
        mov [r11 + 80], rcx
        cmp qword ptr [rbp - 64], 0
        je 6f
        vmovdqu [r11 + 16], ymm0
        vmovdqu [r11 + 48], ymm1
        vzeroupper
        jmp 7f
6:      movdqu [r11 + 16], xmm0
        movdqu [r11 + 48], xmm1
7:      lea rsp, [rbp - 40]
        pop r15
        pop r14
        pop r13
        pop r12
        pop rbx
        pop rbp
        ret
        .size tramp, .-tramp

        .data
        .align 8
saved_rbp:
        .quad 0
        .section .note.GNU-stack,"",@progbits
