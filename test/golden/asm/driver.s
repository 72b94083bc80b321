; What the driver C compiler emits: .file/.loc/.func map every instruction back to the C source.
        .file   "counter.c"
        .text
        .global count_up
        .type   count_up, function
        .func   count_up
count_up:
        .loc    3 1
        push    fp
        mov     fp, sp
        .loc    4 9
        li      t0, 0
.L1:
        .loc    5 5
        bge     t0, a0, .L2
        .loc    6 9
        addi    t0, t0, 1
        j       .L1
.L2:
        .loc    8 5
        mov     a0, t0
        pop     fp
        ret
        .endfunc
        .size   count_up, . - count_up
        .kapi   putchar
