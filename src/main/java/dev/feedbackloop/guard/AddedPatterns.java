package dev.feedbackloop.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds what a proposal adds: occurrences of a pattern in new or modified statements beyond those in the
 * statements they replaced, counted per unit so that a statement merely moved within its unit adds nothing.
 */
final class AddedPatterns {

    /**
     * One occurrence of a pattern.
     *
     * @param statement where it is
     * @param what      a short description for the message ({@code page.waitForTimeout(2000)})
     */
    record Hit(Statement statement, String what) {
        int line() {
            return statement.line();
        }
    }

    /** An added occurrence with the unit it is in. */
    record Added(Hit hit, Comparison.UnitChange unit) {
    }

    private AddedPatterns() {
    }

    static List<Added> in(Comparison c, Function<Statement, List<Hit>> detector) {
        List<Added> out = new ArrayList<>();
        for (Comparison.UnitChange u : c.units) {
            int before = count(u.original().map(Unit::statements).orElse(List.of()), detector);
            int after = count(u.proposed().map(Unit::statements).orElse(List.of()), detector);
            if (after <= before) {
                continue;
            }
            List<Hit> hits = new ArrayList<>();
            for (Statement s : u.diff().newStatements()) {
                List<Hit> now = detector.apply(s);
                int had = u.diff().originalOf(s).map(o -> detector.apply(o).size()).orElse(0);
                hits.addAll(now.subList(Math.min(had, now.size()), now.size()));
            }
            hits.stream().limit(after - before).forEach(h -> out.add(new Added(h, u)));
        }
        return out;
    }

    private static int count(List<Statement> statements, Function<Statement, List<Hit>> detector) {
        return statements.stream().mapToInt(s -> detector.apply(s).size()).sum();
    }
}
