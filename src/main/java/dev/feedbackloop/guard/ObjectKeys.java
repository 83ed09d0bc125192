package dev.feedbackloop.guard;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The top-level keys of an object literal in normalised text: {@code { id : 7 , name : "x" }} has id, name. */
final class ObjectKeys {

    private ObjectKeys() {
    }

    /** The keys of the first object literal in {@code text}; empty when there is none. */
    static Set<String> of(String text) {
        List<Token> tokens = Lexer.tokenize(text, Language.JAVASCRIPT);
        Set<String> keys = new LinkedHashSet<>();
        int depth = 0;
        boolean inObject = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("{") || t.is("[") || t.is("(")) {
                depth++;
                inObject |= t.is("{") && depth == 1;
                continue;
            }
            if (t.is("}") || t.is("]") || t.is(")")) {
                depth--;
                if (depth == 0 && inObject) {
                    return keys;
                }
                continue;
            }
            boolean key = (t.isWord() || t.isText()) && depth == 1 && inObject && i + 1 < tokens.size()
                    && (tokens.get(i + 1).is(":") || tokens.get(i + 1).is(",") || tokens.get(i + 1).is("}"))
                    && (tokens.get(i - 1).is("{") || tokens.get(i - 1).is(","));
            if (key) {
                keys.add(t.isText() ? t.value() : t.text());
            }
        }
        return keys;
    }
}
