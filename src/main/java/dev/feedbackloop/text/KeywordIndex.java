package dev.feedbackloop.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds which of a fixed set of ASCII keywords occur in a text, ignoring ASCII case, in one pass over the text
 * (an Aho–Corasick automaton compiled to a transition table).
 *
 * <p>Why: the classifier and the redactor each hold a few hundred trigger words. Testing them one by one with
 * {@code indexOf} costs hundreds of scans per message; one automaton pass costs one, so the regular expressions
 * behind the triggers run only on the few messages that can match them.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class KeywordIndex {

    private static final int ASCII = 128;

    private final int keywordCount;
    private final int[] lengths;
    /** Character class of each ASCII character; 0 for characters no keyword uses. */
    private final byte[] classOf;
    private final int classes;
    /** {@code next[state * classes + class]}: the automaton's complete transition table. */
    private final int[] next;
    /** Keyword ids that end in each state (including those reached by suffix links); null when none. */
    private final int[][] outputs;

    private KeywordIndex(int[] lengths, byte[] classOf, int classes, int[] next, int[][] outputs) {
        this.keywordCount = lengths.length;
        this.lengths = lengths;
        this.classOf = classOf;
        this.classes = classes;
        this.next = next;
        this.outputs = outputs;
    }

    /**
     * An index of {@code keywords}; keyword {@code i} is reported as id {@code i}.
     *
     * @throws IllegalArgumentException if a keyword is empty or contains a non-ASCII character
     */
    public static KeywordIndex of(List<String> keywords) {
        Objects.requireNonNull(keywords, "keywords");
        List<String> lower = new ArrayList<>(keywords.size());
        for (String keyword : keywords) {
            if (keyword == null || keyword.isEmpty() || !keyword.chars().allMatch(c -> c < ASCII)) {
                throw new IllegalArgumentException("keyword must be non-empty ASCII, was '" + keyword + "'");
            }
            lower.add(keyword.toLowerCase(Locale.ROOT));
        }
        return new Builder(lower).build();
    }

    /** Number of keywords in the index. */
    public int size() {
        return keywordCount;
    }

    /** Ids of the keywords that occur in {@code text}, ignoring ASCII case. */
    public BitSet scan(CharSequence text) {
        BitSet hits = new BitSet(keywordCount);
        scanInto(text, hits);
        return hits;
    }

    /** Adds the ids of the keywords that occur in {@code text} to {@code hits}. */
    public void scanInto(CharSequence text, BitSet hits) {
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ASCII) {
                state = 0; // keywords are ASCII, so no match runs through this character
                continue;
            }
            state = next[state * classes + classOf[c]];
            int[] ends = outputs[state];
            if (ends != null) {
                for (int id : ends) {
                    hits.set(id);
                }
            }
        }
    }

    /** Receives one occurrence of a keyword: its id and where it is, {@code text.subSequence(start, end)}. */
    @FunctionalInterface
    public interface MatchHandler {
        void onMatch(int keywordId, int start, int end);
    }

    /** Reports every occurrence of every keyword in {@code text}, in order of where they end. */
    public void forEachMatch(CharSequence text, MatchHandler handler) {
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ASCII) {
                state = 0;
                continue;
            }
            state = next[state * classes + classOf[c]];
            int[] ends = outputs[state];
            if (ends != null) {
                for (int id : ends) {
                    handler.onMatch(id, i + 1 - lengths[id], i + 1);
                }
            }
        }
    }

    /** Whether any keyword occurs in {@code text}: stops at the first one. */
    public boolean anyIn(CharSequence text) {
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ASCII) {
                state = 0;
                continue;
            }
            state = next[state * classes + classOf[c]];
            if (outputs[state] != null) {
                return true;
            }
        }
        return false;
    }

    /** Builds the trie, then the failure links breadth first, then the full transition table. */
    private static final class Builder {
        private final List<String> keywords;
        private final byte[] classOf = new byte[ASCII];
        private int classes = 1;
        private final List<int[]> children = new ArrayList<>();
        private final List<int[]> ends = new ArrayList<>();

        Builder(List<String> keywords) {
            this.keywords = keywords;
        }

        KeywordIndex build() {
            assignClasses();
            newState();
            for (int id = 0; id < keywords.size(); id++) {
                insert(keywords.get(id), id);
            }
            int states = children.size();
            int[] next = new int[states * classes];
            int[][] outputs = new int[states][];
            linkBreadthFirst(next, outputs);
            int[] lengths = keywords.stream().mapToInt(String::length).toArray();
            return new KeywordIndex(lengths, classOf, classes, next, outputs);
        }

        private void assignClasses() {
            for (String keyword : keywords) {
                for (int i = 0; i < keyword.length(); i++) {
                    char c = keyword.charAt(i);
                    if (classOf[c] == 0) {
                        if (classes == Byte.MAX_VALUE) {
                            throw new IllegalArgumentException("keywords use more than 126 distinct characters");
                        }
                        classOf[c] = (byte) classes++;
                    }
                }
            }
            // Upper-case letters share their lower-case letter's class: the scan ignores ASCII case.
            for (char c = 'A'; c <= 'Z'; c++) {
                classOf[c] = classOf[Character.toLowerCase(c)];
            }
        }

        private int newState() {
            int[] row = new int[classes];
            Arrays.fill(row, -1);
            children.add(row);
            ends.add(null);
            return children.size() - 1;
        }

        private void insert(String keyword, int id) {
            int state = 0;
            for (int i = 0; i < keyword.length(); i++) {
                int cls = classOf[keyword.charAt(i)];
                if (children.get(state)[cls] < 0) {
                    int created = newState();
                    children.get(state)[cls] = created;
                }
                state = children.get(state)[cls];
            }
            ends.set(state, append(ends.get(state), id));
        }

        private void linkBreadthFirst(int[] next, int[][] outputs) {
            int[] fail = new int[children.size()];
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int cls = 0; cls < classes; cls++) {
                int child = children.get(0)[cls];
                next[cls] = Math.max(child, 0);
                if (child > 0) {
                    queue.add(child);
                }
            }
            outputs[0] = ends.get(0);
            while (!queue.isEmpty()) {
                int state = queue.poll();
                outputs[state] = merge(ends.get(state), outputs[fail[state]]);
                for (int cls = 0; cls < classes; cls++) {
                    int child = children.get(state)[cls];
                    int viaFail = next[fail[state] * classes + cls];
                    if (child > 0) {
                        fail[child] = viaFail;
                        next[state * classes + cls] = child;
                        queue.add(child);
                    } else {
                        next[state * classes + cls] = viaFail;
                    }
                }
            }
        }

        private static int[] append(int[] ids, int id) {
            if (ids == null) {
                return new int[] {id};
            }
            int[] longer = Arrays.copyOf(ids, ids.length + 1);
            longer[ids.length] = id;
            return longer;
        }

        private static int[] merge(int[] own, int[] inherited) {
            if (own == null) {
                return inherited;
            }
            if (inherited == null) {
                return own;
            }
            int[] merged = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, merged, own.length, inherited.length);
            return merged;
        }
    }
}
