; Copy a string into a buffer in .bss byte by byte, then print the copy.
; expect-output: copied into .bss!\n
; expect-reg: a0=18, a1=buffer+18

_start:
        la      a0, buffer
        la      a1, source
        call    strcpy
        mov     s0, a0                  ; the length
        la      a1, buffer
.print:
        ldbu    t0, [a1]
        beqz    t0, .done
        out     0x20, t0
        addi    a1, a1, 1
        j       .print
.done:
        mov     a0, s0
        halt

; strcpy(a0 = destination, a1 = source); returns the length in a0
strcpy:
        mov     t1, a0
.loop:
        ldbu    t0, [a1]
        stb     t0, [t1]
        beqz    t0, .end
        addi    a1, a1, 1
        addi    t1, t1, 1
        j       .loop
.end:
        sub     a0, t1, a0
        ret

        .rodata
source: .asciz  "copied into .bss!\n"

        .bss
buffer: .space  64
