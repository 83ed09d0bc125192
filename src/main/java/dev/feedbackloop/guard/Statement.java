package dev.feedbackloop.guard;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One statement of a test file: its tokens, the control blocks it sits in, and the block it opens when it is a
 * header ({@code if (...)}, {@code try}, {@code catch (e)}, {@code for (...)}). Compound statements are split:
 * a header and then each statement of its body with the block added to its context, so moving an assertion under
 * an {@code if} shows as a change of that assertion.
 */
final class Statement implements Tokens {

    private final List<Token> tokens;
    private final List<Block> context;
    private final Block opens;
    private final String key;
    private int[] partner;

    Statement(List<Token> tokens, List<Block> context, Block opens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one token");
        }
        this.tokens = List.copyOf(tokens);
        this.context = List.copyOf(context);
        this.opens = opens;
        this.key = normalise(this.tokens) + contextKey(this.context);
    }

    List<Token> tokens() {
        return tokens;
    }

    @Override
    public Token get(int i) {
        return tokens.get(i);
    }

    @Override
    public int size() {
        return tokens.size();
    }

    /** The partner bracket of token {@code i} within this statement, or -1. */
    @Override
    public int partner(int i) {
        if (partner == null) {
            partner = Code.Brackets.partners(tokens);
        }
        return partner[i];
    }

    List<Block> context() {
        return context;
    }

    Optional<Block> opens() {
        return Optional.ofNullable(opens);
    }

    int line() {
        return tokens.get(0).line();
    }

    int lastLine() {
        return tokens.get(tokens.size() - 1).line();
    }

    /** Normalised text and context: equal keys mean an unchanged statement. */
    String key() {
        return key;
    }

    /** The normalised text alone. */
    String text() {
        return normalise(tokens);
    }

    boolean startsWith(String word) {
        int i = tokens.get(0).is("await") && tokens.size() > 1 ? 1 : 0;
        return tokens.get(i).is(word);
    }

    boolean contains(String word) {
        return tokens.stream().anyMatch(t -> t.is(word));
    }

    boolean inContext(Block.Kind kind) {
        return context.stream().anyMatch(b -> b.kind() == kind);
    }

    /** Token texts joined by spaces, literals by value, with statement-ending semicolons and trailing commas out. */
    static String normalise(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean trailingComma = t.is(",") && i + 1 < tokens.size()
                    && (tokens.get(i + 1).is(")") || tokens.get(i + 1).is("]") || tokens.get(i + 1).is("}"));
            if (t.is(";") || trailingComma || t.kind() == Token.Kind.NEWLINE) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(t.normalized());
        }
        return out.toString();
    }

    private static String contextKey(List<Block> context) {
        if (context.isEmpty()) {
            return "";
        }
        return context.stream().map(b -> b.kind().name()).collect(Collectors.joining("/", " @", ""));
    }

    @Override
    public String toString() {
        return line() + ": " + key;
    }
}
