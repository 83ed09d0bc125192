package dev.feedbackloop.guard;

/**
 * A control block a statement sits in, relative to its test or hook body.
 *
 * @param kind  what kind of block
 * @param id    unique in its file
 * @param group shared by the blocks of one construct ({@code try}, its {@code catch} and {@code finally}; an
 *              {@code if} and its {@code else})
 * @param line  the line of the block's header
 */
record Block(Kind kind, int id, int group, int line) {

    /** Block kinds. */
    enum Kind {
        /** The body of an {@code if} (or {@code elif}). */
        IF,
        /** The body of an {@code else}. */
        ELSE,
        /** A loop body. */
        LOOP,
        /** The body of a {@code try}. */
        TRY,
        /** A {@code catch} / {@code except} body. */
        CATCH,
        /** A {@code finally} body. */
        FINALLY,
        /** A Python {@code with} body. */
        WITH,
        /** A nested function. */
        FUNCTION
    }

    boolean conditional() {
        return kind == Kind.IF || kind == Kind.ELSE;
    }
}
