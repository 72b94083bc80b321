; A file full of mistakes: every one is reported, with a suggestion where one is obvious.
main:
        ad      a0, a1, a2
        addi    a0, a0, 70000
        ldw     a0, [x5 + 4]
        j       mian
        li      a0, #3
        .wrod   1
        shli    a0, a0, 40
        mfcr    a0, stauts
        .kapi   pritnf
        .bss
        .word   1
