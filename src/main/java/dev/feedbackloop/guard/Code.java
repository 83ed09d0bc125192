package dev.feedbackloop.guard;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A tokenised file: its tokens, the partner of every bracket, and its source lines. Unbalanced brackets are
 * tolerated: a bracket without a partner has partner -1 and a stray closer is ignored.
 */
final class Code implements Tokens {

    final Language language;
    final List<Token> tokens;
    private final int[] partner;
    private final String[] lines;
    private int nextBlockId;

    Code(String source, Language language) {
        this.language = language;
        this.tokens = Lexer.tokenize(source, language);
        this.partner = Brackets.partners(tokens);
        this.lines = source.split("\n", -1);
    }

    @Override
    public int size() {
        return tokens.size();
    }

    @Override
    public Token get(int i) {
        return tokens.get(i);
    }

    /** The index of the bracket matching the one at {@code i}, or -1. */
    @Override
    public int partner(int i) {
        return partner[i];
    }

    /** The source line with this 1-based number, or an empty string beyond the file. */
    String line(int number) {
        return number >= 1 && number <= lines.length ? lines[number - 1] : "";
    }

    int lineCount() {
        return lines.length;
    }

    int newBlockId() {
        return nextBlockId++;
    }

    /** Bracket matching over a token list, shared with statements that keep their own tokens. */
    static final class Brackets {
        private Brackets() {
        }

        static int[] partners(List<Token> tokens) {
            int[] partner = new int[tokens.size()];
            Arrays.fill(partner, -1);
            Deque<Integer> open = new ArrayDeque<>();
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.kind() != Token.Kind.PUNCT) {
                    continue;
                }
                String s = t.text();
                if (s.equals("(") || s.equals("[") || s.equals("{")) {
                    open.push(i);
                } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                    closeMatching(tokens, partner, open, i, opener(s));
                }
            }
            return partner;
        }

        /** Pops to the nearest opener of the right kind, so one stray bracket does not unbalance the rest. */
        private static void closeMatching(List<Token> tokens, int[] partner, Deque<Integer> open, int i,
                                          String opener) {
            if (open.stream().noneMatch(o -> tokens.get(o).text().equals(opener))) {
                return;
            }
            while (!open.isEmpty()) {
                int o = open.pop();
                if (tokens.get(o).text().equals(opener)) {
                    partner[o] = i;
                    partner[i] = o;
                    return;
                }
            }
        }

        private static String opener(String closer) {
            return switch (closer) {
                case ")" -> "(";
                case "]" -> "[";
                default -> "{";
            };
        }
    }
}
