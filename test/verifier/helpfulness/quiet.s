; rewrites: lessons/01-rings.md /bin/quiet.s
; quiet switches interrupts off to keep the processor to itself.
        .text
        .global on_event
        .type on_event, function
on_event:
        cli                     ; expect: privileged instruction
        addi    a0, zero, 0
        ret
        .size on_event, . - on_event
