; Hello, world: write each byte of a string to the console port until the terminating zero.
; expect-output: Hello, world!\n
; expect-reg: a0=0, s0=message+14

CONSOLE = 0x20

_start:
        la      s0, message
.next:
        ldbu    a0, [s0]
        beqz    a0, .done
        out     CONSOLE, a0
        addi    s0, s0, 1
        j       .next
.done:
        halt

        .rodata
message:
        .asciz  "Hello, world!\n"
