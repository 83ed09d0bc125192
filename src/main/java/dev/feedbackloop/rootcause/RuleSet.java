package dev.feedbackloop.rootcause;

import dev.feedbackloop.text.KeywordIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private static final int METHOD_OWNER = 0;
    private static final int VALUE_OWNER = 1 << 20;
    private static final int LOCAL_MASK = VALUE_OWNER - 1;

    private final List<Rule> rules;
    private final boolean withExtractors;
    private final KeywordIndex keywords;
    /**
     * Per keyword id, its owners: {@code rule * 2 + 1} where it is one of a rule's phrases, {@code rule * 2} where a
     * keyword, and (built-in set only) negative codes for the assertion-method and compared-value patterns, whose
     * scans the same keyword pass fills.
     */
    private final int[][] rulesOfKeyword;
    /** Rule indexes by descending weight, file order among equal weights: the order rules are tried in. */
    private final int[] byWeight;
    /** Rules without keywords: tried on every failure. */
    /** Rules tried whatever the text, one bit per rule index. */
    private final long[] alwaysTried;

    private RuleSet(List<Rule> rules, boolean withExtractors) {
        this.rules = List.copyOf(rules);
        this.withExtractors = withExtractors;
        Set<String> ids = new HashSet<>();
        Map<String, List<Integer>> owners = new LinkedHashMap<>();
        alwaysTried = new long[(rules.size() + 63) >>> 6];
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            if (!ids.add(rule.id())) {
                throw new InvalidRuleException("duplicate rule id '" + rule.id() + "'");
            }
            if (rule.keywords().isEmpty() && rule.phrases().isEmpty()) {
                alwaysTried[r >>> 6] |= 1L << r;
            }
            for (String phrase : rule.phrases()) {
                owners.computeIfAbsent(phrase, k -> new ArrayList<>()).add(r * 2 + 1);
            }
            for (String keyword : rule.keywords()) {
                owners.computeIfAbsent(keyword, k -> new ArrayList<>()).add(r * 2);
            }
        }
        if (withExtractors) {
            addExtractor(owners, AssertionMethods.METHODS.keywords(), METHOD_OWNER);
            addExtractor(owners, ComparedValues.PATTERNS.keywords(), VALUE_OWNER);
        }
        byWeight = java.util.stream.IntStream.range(0, rules.size()).boxed()
                .sorted(java.util.Comparator.comparingDouble((Integer r) -> -rules.get(r).weight()))
                .mapToInt(Integer::intValue).toArray();
        keywords = KeywordIndex.of(new ArrayList<>(owners.keySet()));
        rulesOfKeyword = owners.values().stream().map(o -> o.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** Extractor keywords are owned by negative codes: {@code -(1 + (extractor | local id))}. */
    private static void addExtractor(Map<String, List<Integer>> owners, List<String> words, int extractor) {
        for (int local = 0; local < words.size(); local++) {
            owners.computeIfAbsent(words.get(local), k -> new ArrayList<>()).add(-(1 + (extractor | local)));
        }
    }

    /** A rule set of {@code rules}, in precedence order for equal weights. */
    public static RuleSet of(List<Rule> rules) {
        return new RuleSet(Objects.requireNonNull(rules, "rules"), false);
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
        return new RuleSet(RuleFiles.read(json, source, false), false);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Rule indexes in the order they are tried: descending weight, file order among equal weights. */
    int[] byWeight() {
        return byWeight;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The rules worth trying on {@code text} (those with a phrase or keyword in it, and those with neither), with
     * where their phrases and keywords occur.
     */
    Candidates candidates(String text) {
        Candidates candidates = new Candidates(rules.size(), alwaysTried, withExtractors);
        keywords.forEachMatch(text, (keyword, start, end) -> {
            for (int owner : rulesOfKeyword[keyword]) {
                if (owner >= 0) {
                    candidates.add(owner >> 1, start, (owner & 1) == 1 ? end : -1);
                } else {
                    int code = -owner - 1;
                    GatedPatterns<?> extractor = code >= VALUE_OWNER ? ComparedValues.PATTERNS : AssertionMethods.METHODS;
                    extractor.record(code >= VALUE_OWNER ? candidates.valueScan : candidates.methodScan,
                            code & LOCAL_MASK, start);
                }
            }
        });
        return candidates;
    }

    /** Rules to try on one text, and for each rule with phrases or keywords where they occur. */
    static final class Candidates {
        /**
         * One bit per rule. A plain word array: a cloned {@code BitSet} of an empty set is trimmed to no words and
         * regrows on every set, which showed as the top frame of a classification profile.
         */
        private final long[] rules;
        /** Hits in the order found: {@code rule, position, phrase end (or -1)} triples. */
        private int[] hits = new int[48];
        private int size;
        /** Keyword scans for the assertion-method and compared-value patterns; null for a custom rule set. */
        final int[][] methodScan;
        final int[][] valueScan;

        Candidates(int size, long[] always, boolean withExtractors) {
            rules = always.clone();
            methodScan = withExtractors ? AssertionMethods.METHODS.newScan() : null;
            valueScan = withExtractors ? ComparedValues.PATTERNS.newScan() : null;
        }

        /** Records a phrase ({@code phraseEnd >= 0}) or keyword of {@code rule} found at {@code position}. */
        void add(int rule, int position, int phraseEnd) {
            rules[rule >>> 6] |= 1L << rule;
            if (size + 3 > hits.length) {
                hits = Arrays.copyOf(hits, hits.length * 2);
            }
            hits[size++] = rule;
            hits[size++] = position;
            hits[size++] = phraseEnd;
        }

        /** Whether {@code rule} is worth trying. */
        boolean contains(int rule) {
            return (rules[rule >>> 6] & (1L << rule)) != 0;
        }

        /** The next rule to try at or after {@code from}, or -1. */
        int next(int from) {
            int word = from >>> 6;
            if (word >= rules.length) {
                return -1;
            }
            long bits = rules[word] & (-1L << from);
            while (true) {
                if (bits != 0) {
                    return (word << 6) + Long.numberOfTrailingZeros(bits);
                }
                if (++word == rules.length) {
                    return -1;
                }
                bits = rules[word];
            }
        }

        /** Where the rule's phrases and keywords occur; null for a rule with neither found. */
        Hits hits(int rule) {
            int[] positions = null;
            int count = 0;
            int phraseStart = -1;
            int phraseEnd = -1;
            for (int i = 0; i < size; i += 3) {
                if (hits[i] == rule) {
                    positions = positions == null ? new int[4] : positions.length == count
                            ? Arrays.copyOf(positions, count * 2) : positions;
                    positions[count++] = hits[i + 1];
                    if (hits[i + 2] >= 0 && phraseStart < 0) {
                        phraseStart = hits[i + 1];
                        phraseEnd = hits[i + 2];
                    }
                }
            }
            return positions == null ? null : new Hits(positions, count, phraseStart, phraseEnd);
        }
    }

    /** Lazily loaded sets: the built-in file is read once, on first use. */
    private static final class Holder {
        static final RuleSet EMPTY = new RuleSet(List.of(), false);
        static final RuleSet BUILT_IN = loadBuiltIn();

        private static RuleSet loadBuiltIn() {
            try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("built-in rules missing from the class path: " + BUILT_IN_RESOURCE);
                }
                return new RuleSet(RuleFiles.read(in, BUILT_IN_RESOURCE, true), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in rules " + BUILT_IN_RESOURCE, e);
            }
        }
    }
}
