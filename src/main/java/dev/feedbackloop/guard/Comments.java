package dev.feedbackloop.guard;

import java.util.Optional;

/** Comments in the source, which the tokenizer drops: read from the lines themselves. */
final class Comments {

    private Comments() {
    }

    /** The comment on the lines directly above {@code line} (or ending it), if there is one. */
    static Optional<String> above(Code code, int line) {
        StringBuilder comment = new StringBuilder();
        for (int n = line - 1; n >= 1; n--) {
            String text = code.line(n).trim();
            if (!isComment(text)) {
                break;
            }
            comment.insert(0, text + " ");
        }
        String own = code.line(line);
        int trailing = own.indexOf(code.language == Language.PYTHON ? " # " : " // ");
        if (trailing > 0) {
            comment.append(own.substring(trailing).trim());
        }
        return comment.isEmpty() ? Optional.empty() : Optional.of(comment.toString().trim());
    }

    private static boolean isComment(String text) {
        return text.startsWith("//") || text.startsWith("#") || text.startsWith("/*") || text.startsWith("*");
    }
}
