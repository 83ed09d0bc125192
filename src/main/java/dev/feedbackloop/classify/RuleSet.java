package dev.feedbackloop.classify;

import dev.feedbackloop.text.KeywordIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered set of classification rules with the keyword index that picks which rules to try on a failure.
 * Immutable and thread-safe.
 *
 * <p>The built-in set ({@link #builtIn()}) is data: {@code builtin-rules.json} beside this class, one rule per
 * entry with examples. Projects add their own rules ({@link #parse}), which take precedence over the built-in ones;
 * see {@code RuleFiles} for the file format, which also accepts Allure's {@code categories.json} entries.
 */
public final class RuleSet {

    private static final String BUILT_IN_RESOURCE = "builtin-rules.json";

    private final List<Rule> rules;
    private final KeywordIndex keywords;
    /** Rule indexes per keyword id. */
    private final int[][] rulesOfKeyword;
    /** Rules without keywords: tried on every failure. */
    private final BitSet alwaysTried;

    private RuleSet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        List<String> words = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        alwaysTried = new BitSet(rules.size());
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            if (!ids.add(rule.id())) {
                throw new InvalidRuleException("duplicate rule id '" + rule.id() + "'");
            }
            if (rule.keywords().isEmpty()) {
                alwaysTried.set(r);
            }
            for (String keyword : rule.keywords()) {
                int id = words.indexOf(keyword);
                if (id < 0) {
                    words.add(keyword);
                    owners.add(new ArrayList<>());
                    id = words.size() - 1;
                }
                owners.get(id).add(r);
            }
        }
        keywords = KeywordIndex.of(words);
        rulesOfKeyword = owners.stream().map(o -> o.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** A rule set of {@code rules}, in precedence order for equal weights. */
    public static RuleSet of(List<Rule> rules) {
        return new RuleSet(Objects.requireNonNull(rules, "rules"));
    }

    /** No rules. */
    public static RuleSet empty() {
        return Holder.EMPTY;
    }

    /** The built-in rules. */
    public static RuleSet builtIn() {
        return Holder.BUILT_IN;
    }

    /**
     * Reads custom rules from a JSON rule file.
     *
     * @param json   the file's content; not closed
     * @param source the file's name, for error messages
     * @throws InvalidRuleException naming the rule and what is wrong with it, or the JSON syntax error
     * @throws UncheckedIOException if {@code json} cannot be read
     */
    public static RuleSet parse(InputStream json, String source) {
        return new RuleSet(RuleFiles.read(json, source, false));
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Indexes of the rules worth trying on {@code text}: those with a keyword in it, and those with none. */
    BitSet candidates(String text) {
        BitSet hits = keywords.scan(text);
        BitSet candidates = (BitSet) alwaysTried.clone();
        for (int k = hits.nextSetBit(0); k >= 0; k = hits.nextSetBit(k + 1)) {
            for (int r : rulesOfKeyword[k]) {
                candidates.set(r);
            }
        }
        return candidates;
    }

    /** Lazily loaded sets: the built-in file is read once, on first use. */
    private static final class Holder {
        static final RuleSet EMPTY = new RuleSet(List.of());
        static final RuleSet BUILT_IN = loadBuiltIn();

        private static RuleSet loadBuiltIn() {
            try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("built-in rules missing from the class path: " + BUILT_IN_RESOURCE);
                }
                return new RuleSet(RuleFiles.read(in, BUILT_IN_RESOURCE, true));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in rules " + BUILT_IN_RESOURCE, e);
            }
        }
    }
}
