// Sections, data directives, alignment and relocations.
        .text
        .type   main, function
main:
        la      a0, table
        ldw     a1, [a0 + 4]
        call    printf
        halt
        .size   main, . - main
        .kapi   printf

        .rodata
        .type   greeting, object
greeting:
        .ascii  "Hi\t", "there"
        .byte   0, -1, 'A'
        .align  4
        .half   0x1234, -2
        .size   greeting, . - greeting

        .data
table:  .word   greeting, greeting + 4, end - table, -1
        .org    table + 32
end:    .word   0xdeadbeef

        .bss
        .align  16
buffer: .space  256
        .zero   4
