; Every pseudo-instruction and what it becomes.
SMALL = 1000
        .text
start:
        nop
        mov     a0, a1
        li      a0, SMALL           ; known and small: one addi
        li      a0, -1
        li      a0, 0x12345678      ; large: lui + ori
        li      a1, LATER           ; defined later: always lui + ori
        la      a2, start           ; an address: lui + ori with a hilo relocation
        call    start
        ret
        j       start
        jr      t0
        neg     a0, a1
        not     a0, a1
        push    s0
        pop     s0
        beqz    a0, start
        bnez    a0, start
        bgt     a0, a1, start
        ble     a0, a1, start
        bgtu    a0, a1, start
        bleu    a0, a1, start
        seqz    a0, a1
        snez    a0, a1
LATER = 7
