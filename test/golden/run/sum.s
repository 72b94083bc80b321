; Sum 1..10 in a loop.
; expect-output:
; expect-reg: a0=55, t0=11, t1=10

_start:
        li      a0, 0           ; the sum
        li      t0, 1           ; i
        li      t1, 10          ; the last i
.loop:
        bgt     t0, t1, .done
        add     a0, a0, t0
        addi    t0, t0, 1
        j       .loop
.done:
        halt
