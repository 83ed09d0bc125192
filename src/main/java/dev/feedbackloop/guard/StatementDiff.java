package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Aligns the statements of an original and a proposed unit: a longest common subsequence of unchanged statements,
 * then, between two unchanged ones, each removed statement paired with the most similar added one (a modified
 * statement), and finally a removed statement paired with an identical one added elsewhere (a moved statement).
 * What is left is purely removed or purely added.
 */
final class StatementDiff {

    /** How a statement fared. */
    enum Type { SAME, MODIFIED, REMOVED, ADDED }

    /**
     * One entry of the alignment.
     *
     * @param type         what happened
     * @param original     the original statement (absent when added)
     * @param proposed     the proposed statement (absent when removed)
     * @param proposedLine the line in the proposed file where it is, or for a removed statement where it was
     * @param hunk         the stretch of changes between two unchanged statements it belongs to
     */
    record Change(Type type, Optional<Statement> original, Optional<Statement> proposed, int proposedLine,
                  int hunk) {
        boolean changed() {
            return type != Type.SAME;
        }
    }

    /** Token overlap above which a removed and an added statement are one statement modified. */
    private static final double SIMILAR = 0.4;

    private final List<Change> changes;

    StatementDiff(List<Statement> original, List<Statement> proposed, int fallbackLine) {
        this.changes = align(original, proposed, fallbackLine);
    }

    List<Change> changes() {
        return changes;
    }

    boolean unchanged() {
        return changes.stream().noneMatch(Change::changed);
    }

    /** The proposed statements that are new or modified. */
    List<Statement> newStatements() {
        return changes.stream().filter(c -> c.type() == Type.ADDED || c.type() == Type.MODIFIED)
                .map(c -> c.proposed().get()).toList();
    }

    /** The original statement a proposed one replaced, if it was modified. */
    Optional<Statement> originalOf(Statement proposed) {
        return changes.stream().filter(c -> c.proposed().isPresent() && c.proposed().get() == proposed)
                .findFirst().flatMap(Change::original);
    }

    private static List<Change> align(List<Statement> a, List<Statement> b, int fallbackLine) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).key().equals(b.get(j).key()) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Change> out = new ArrayList<>();
        List<Statement> removed = new ArrayList<>();
        List<Statement> added = new ArrayList<>();
        int i = 0;
        int j = 0;
        int hunk = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).key().equals(b.get(j).key())) {
                hunk(removed, added, b.get(j).line(), hunk++, out);
                out.add(new Change(Type.SAME, Optional.of(a.get(i)), Optional.of(b.get(j)), b.get(j).line(), -1));
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added.add(b.get(j++));
            } else {
                removed.add(a.get(i++));
            }
        }
        int end = b.isEmpty() ? fallbackLine : b.get(b.size() - 1).lastLine();
        hunk(removed, added, end, hunk, out);
        return pairMoves(out);
    }

    /** Pairs the removed and added statements between two unchanged ones, most similar first, in order. */
    private static void hunk(List<Statement> removed, List<Statement> added, int nextLine, int index,
                             List<Change> out) {
        Set<Statement> used = new HashSet<>();
        List<Change> hunk = new ArrayList<>();
        for (Statement r : removed) {
            Statement best = sameNameAssigned(r, added, used);
            double bestScore = best == null ? SIMILAR : 1;
            for (Statement a : best != null ? List.<Statement>of() : added) {
                double score = similarity(r, a);
                if (!used.contains(a) && score >= bestScore && (best == null || score > bestScore)) {
                    best = a;
                    bestScore = score;
                }
            }
            if (best != null) {
                used.add(best);
                hunk.add(new Change(Type.MODIFIED, Optional.of(r), Optional.of(best), best.line(), index));
            } else {
                hunk.add(new Change(Type.REMOVED, Optional.of(r), Optional.empty(), nextLine, index));
            }
        }
        for (Statement a : added) {
            if (!used.contains(a)) {
                hunk.add(new Change(Type.ADDED, Optional.empty(), Optional.of(a), a.line(), index));
            }
        }
        hunk.sort((x, y) -> Integer.compare(x.proposedLine(), y.proposedLine()));
        out.addAll(hunk);
        removed.clear();
        added.clear();
    }

    /**
     * The added statement that is {@code removed} given other values: it assigns the same name, or it makes the same
     * first call on the same literal ({@code cy.visit('/vouchers')} given options).
     */
    private static Statement sameNameAssigned(Statement removed, List<Statement> added, Set<Statement> used) {
        Optional<String> name = Names.assignedName(removed);
        Optional<String> call = firstCallOnLiteral(removed);
        for (Statement a : added) {
            if (used.contains(a)) {
                continue;
            }
            if (name.isPresent() && Names.assignedName(a).equals(name)
                    || name.isEmpty() && call.isPresent() && firstCallOnLiteral(a).equals(call)) {
                return a;
            }
        }
        return null;
    }

    /** The statement's first call with its receiver and first argument, when that argument is a literal. */
    private static Optional<String> firstCallOnLiteral(Statement s) {
        List<Call> calls = Call.all(s);
        if (calls.isEmpty() || Names.assigned(s).isPresent() || s.opens().isPresent()) {
            return Optional.empty(); // a callback's header (each, then): what it does is in its block
        }
        Call first = calls.get(0);
        return first.arg(0).flatMap(Call.Arg::text).filter(t -> t.length() >= 4)
                .map(t -> first.receiver() + "." + first.name() + "(" + t);
    }

    /** A statement removed in one place and added unchanged (text, not context) in another was moved. */
    private static List<Change> pairMoves(List<Change> changes) {
        List<Change> out = new ArrayList<>(changes);
        for (int r = 0; r < out.size(); r++) {
            Change removed = out.get(r);
            if (removed.type() != Type.REMOVED) {
                continue;
            }
            for (int a = 0; a < out.size(); a++) {
                Change added = out.get(a);
                if (added.type() == Type.ADDED
                        && added.proposed().get().text().equals(removed.original().get().text())) {
                    out.set(a, new Change(Type.MODIFIED, removed.original(), added.proposed(), added.proposedLine(),
                            added.hunk()));
                    out.remove(r);
                    r--;
                    break;
                }
            }
        }
        return out;
    }

    /** Overlap of the words and literals of two statements (Jaccard), 0 to 1. */
    static double similarity(Statement x, Statement y) {
        Set<String> a = words(x);
        Set<String> b = words(y);
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        Set<String> either = new HashSet<>(a);
        either.addAll(b);
        return (double) both.size() / either.size();
    }

    private static Set<String> words(Statement s) {
        Set<String> words = new HashSet<>();
        for (Token t : s.tokens()) {
            if (t.kind() != Token.Kind.PUNCT && !t.is("await")) {
                words.add(t.normalized());
            }
        }
        return words;
    }
}
