package dev.feedbackloop.guard;

/** One check of the guard: reads the comparison, adds what it finds. */
interface Rule {

    void check(Comparison comparison, Findings findings);
}
