package dev.feedbackloop.regenerate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Model answers for tests: the sample files next to this package's resources, as text or as editable trees. */
public final class SampleAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleAnswers() {
    }

    /** An answer proposing a fix of {@code tests/checkout.spec.ts}. */
    public static String fix() {
        return text("answer-fix.json");
    }

    /** An answer declining to fix: the product is at fault. */
    public static String cannotFix() {
        return text("answer-cannot-fix.json");
    }

    /** The fix answer as a tree, to edit into a wrong one. */
    public static ObjectNode fixTree() {
        try {
            return (ObjectNode) JSON.readTree(fix());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name) {
        try (InputStream in = SampleAnswers.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
