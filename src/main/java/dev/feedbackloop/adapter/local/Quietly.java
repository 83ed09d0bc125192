package dev.feedbackloop.adapter.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Starting embedded engines without their console output. */
final class Quietly {

    private Quietly() {
    }

    /**
     * Runs {@code start} with standard output held back: DynamoDB Local prints its configuration banner there, and
     * standard output is for the command's results alone. What was held back is dropped; if starting fails and
     * {@code FEEDBACK_DEBUG} is set, it is shown on standard error.
     */
    static <T> T start(Supplier<T> start) {
        PrintStream out = System.out;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setOut(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            return start.get();
        } catch (RuntimeException e) {
            if (System.getenv("FEEDBACK_DEBUG") != null) {
                System.err.print(held.toString(StandardCharsets.UTF_8));
            }
            throw e;
        } finally {
            System.setOut(out);
        }
    }
}
