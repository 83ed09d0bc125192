package dev.feedbackloop.guard;

/** The source language of a test file: decides how it is tokenised and how its tests and statements are found. */
enum Language {
    /** JavaScript and TypeScript: braces, automatic semicolons, regex and template literals. */
    JAVASCRIPT,
    /** Python: indentation blocks, logical lines, decorators. */
    PYTHON,
    /** Java: braces, semicolons, annotations, text blocks. */
    JAVA
}
