; Hello, world on the bare machine: write each byte of a string to the console port.
CONSOLE = 0x20

        .text
        .global _start
_start:
        la      s0, message         ; the address of the string (a hilo relocation)
.next:
        ldbu    a0, [s0]            ; one byte
        beqz    a0, .done           ; the terminating zero
        out     CONSOLE, a0
        addi    s0, s0, 1
        j       .next
.done:
        li      a0, 0
        halt

        .rodata
message:
        .asciz  "Hello, world!\n"
