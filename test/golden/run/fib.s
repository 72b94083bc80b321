; fib(n) = fib(n - 1) + fib(n - 2) by recursive calls, saving registers on the stack; then print it.
; expect-output: fib(10) = 55\n
; expect-reg: a0=55, sp=stack_top, s0=0x5eed, s1=0x5eed

_start:
        la      sp, stack_top
        li      s0, 0x5eed              ; callee-saved registers must survive the calls
        li      s1, 0x5eed
        la      a0, label
        call    puts
        li      a0, 10
        call    fib
        push    a0
        call    print_number
        li      a0, '\n'
        out     0x20, a0
        pop     a0
        halt

; a0 = fib(a0)
fib:
        li      t0, 2
        blt     a0, t0, .base           ; fib(0) = 0, fib(1) = 1
        push    lr
        push    s0
        push    s1
        mov     s0, a0
        addi    a0, s0, -1
        call    fib
        mov     s1, a0                  ; fib(n - 1)
        addi    a0, s0, -2
        call    fib
        add     a0, a0, s1              ; + fib(n - 2)
        pop     s1
        pop     s0
        pop     lr
.base:
        ret

; prints the string at a0
puts:
        ldbu    t0, [a0]
        beqz    t0, .done
        out     0x20, t0
        addi    a0, a0, 1
        j       puts
.done:
        ret

; prints a0 (unsigned) in decimal
print_number:
        la      t1, digits_end
        li      t2, 10
.divide:
        remu    t0, a0, t2
        divu    a0, a0, t2
        addi    t0, t0, '0'
        addi    t1, t1, -1
        stb     t0, [t1]
        bnez    a0, .divide
        mov     a0, t1
        j       puts                    ; a tail call: puts returns to our caller

        .rodata
label:  .asciz  "fib(10) = "

        .bss
digits: .space  11
digits_end:
        .space  1                       ; the zero after the digits
        .align  16
stack:  .space  4096
stack_top:
