; Bubble sort of 8 words in .data, then print them.
; expect-output: -4 1 2 3 5 8 9 12\n
; expect-reg: a0=0

COUNT = 8

_start:
        la      s0, numbers
        li      s1, COUNT
        call    sort
        li      s2, 0                   ; index
.print:
        shli    t0, s2, 2
        add     t0, s0, t0
        ldw     a0, [t0]
        call    print_signed
        addi    s2, s2, 1
        beq     s2, s1, .end
        li      a0, ' '
        out     0x20, a0
        j       .print
.end:
        li      a0, '\n'
        out     0x20, a0
        li      a0, 0
        halt

; sort(s0 = array, s1 = count), ascending, signed
sort:
        addi    t4, s1, -1              ; passes left
.pass:
        bge     zero, t4, .sorted       ; no passes left
        li      t3, 0                   ; swapped?
        mov     t0, s0                  ; p
        shli    t2, t4, 2
        add     t2, s0, t2              ; the last p of this pass
.step:
        bgeu    t0, t2, .passed
        ldw     a0, [t0]
        ldw     a1, [t0 + 4]
        ble     a0, a1, .inorder
        stw     a1, [t0]
        stw     a0, [t0 + 4]
        li      t3, 1
.inorder:
        addi    t0, t0, 4
        j       .step
.passed:
        beqz    t3, .sorted             ; no swaps: done early
        addi    t4, t4, -1
        j       .pass
.sorted:
        ret

; prints a0 as a signed decimal number
print_signed:
        bge     a0, zero, .positive
        li      t0, '-'
        out     0x20, t0
        neg     a0, a0
.positive:
        la      t1, digits_end
        li      t2, 10
.divide:
        remu    t0, a0, t2
        divu    a0, a0, t2
        addi    t0, t0, '0'
        addi    t1, t1, -1
        stb     t0, [t1]
        bnez    a0, .divide
        la      t2, digits_end
.out:
        ldbu    t0, [t1]
        out     0x20, t0
        addi    t1, t1, 1
        bltu    t1, t2, .out
        ret

        .data
numbers: .word  9, 3, -4, 12, 1, 8, 2, 5

        .bss
digits: .space  11
digits_end:
