package dev.feedbackloop.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds which of a fixed set of ASCII keywords occur in a text, ignoring ASCII case, in one pass over the text
 * (an Aho–Corasick automaton).
 *
 * <p>Why: the classifier and the redactor each hold hundreds of trigger words and phrases. Testing them one by one
 * with {@code indexOf} costs hundreds of scans per message; one automaton pass costs one, so the patterns behind the
 * triggers run only on the few texts, and lines, where they can match.
 *
 * <p>Layout: a complete transition table for every state is fast but large (700 phrases make 8,000 states; their
 * full table is about 2 MB, more than a core's L2 cache, and every character then misses the cache). So in a large
 * index only the states within {@link #DENSE_DEPTH} characters of the root, where a scan over ordinary text spends
 * nearly all its time, get complete rows; deeper states keep their few children and a failure link. A small index
 * (at most {@link #DENSE_ENTRIES} table entries, such as the redactor's or the generated-frame markers) is complete
 * throughout, so no character walks a failure chain. Immutable and thread-safe.
 */
public final class KeywordIndex {

    /** States this close to the root get a complete transition row. */
    static final int DENSE_DEPTH = 2;
    /** Indexes whose complete table has at most this many entries (256 KB) get a complete row for every state. */
    static final int DENSE_ENTRIES = 1 << 16;
    private static final int ASCII = 128;

    private final int[] lengths;
    /** Character class of each ASCII character; 0 for characters no keyword uses. */
    private final byte[] classOf;
    private final int classes;
    /** Complete rows of the shallow states, which are numbered first: {@code dense[state * classes + class]}. */
    private final int[] dense;
    /** States below this number are shallow and have a row in {@link #dense}. */
    private final int shallowStates;
    /** Children of deep states: {@code childClass/childState[childStart[s] .. childStart[s + 1])}. */
    private final int[] childStart;
    private final byte[] childClass;
    private final int[] childState;
    private final int[] fail;
    /** Keyword ids that end in each state (including those reached by suffix links); null when none. */
    private final int[][] outputs;

    private KeywordIndex(Builder b) {
        lengths = b.lengths;
        classOf = b.classOf;
        classes = b.classes;
        dense = b.dense;
        shallowStates = b.shallowStates;
        childStart = b.childStart;
        childClass = b.childClass;
        childState = b.childState;
        fail = b.fail;
        outputs = b.outputs;
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
            if (keyword == null || keyword.isEmpty() || !isAscii(keyword)) {
                throw new IllegalArgumentException("keyword must be non-empty ASCII, was '" + keyword + "'");
            }
            lower.add(keyword.toLowerCase(Locale.ROOT));
        }
        return new KeywordIndex(new Builder(lower).build());
    }

    private static boolean isAscii(String keyword) {
        for (int i = 0; i < keyword.length(); i++) {
            if (keyword.charAt(i) >= ASCII) {
                return false;
            }
        }
        return true;
    }

    /** Number of keywords in the index. */
    public int size() {
        return lengths.length;
    }

    /** Whether every state has a complete transition row (a small index), for tests of both layouts. */
    boolean everyRowComplete() {
        return shallowStates == fail.length;
    }

    /** Receives one occurrence of a keyword: its id and where it is, {@code text.subSequence(start, end)}. */
    @FunctionalInterface
    public interface MatchHandler {
        void onMatch(int keywordId, int start, int end);
    }

    /** Ids of the keywords that occur in {@code text}, ignoring ASCII case. */
    public BitSet scan(CharSequence text) {
        BitSet hits = new BitSet(lengths.length);
        forEachMatch(text, (id, start, end) -> hits.set(id));
        return hits;
    }

    /** Reports every occurrence of every keyword in {@code text}, in order of where they end. */
    public void forEachMatch(CharSequence text, MatchHandler handler) {
        int state = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ASCII) {
                state = 0; // keywords are ASCII, so no match runs through this character
                continue;
            }
            int next = step(state, classOf[c]);
            if (next < 0) {
                next = ~next;
                for (int id : outputs[next]) {
                    handler.onMatch(id, i + 1 - lengths[id], i + 1);
                }
            }
            state = next;
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
            state = step(state, classOf[c]);
            if (state < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The state after {@code state} reads a character of class {@code cls}; negative ({@code ~target}) when the
     * target state ends a keyword, so the scan needs no second lookup to know.
     */
    private int step(int state, int cls) {
        int s = state;
        while (true) {
            if (s < shallowStates) {
                return dense[s * classes + cls];
            }
            for (int k = childStart[s]; k < childStart[s + 1]; k++) {
                if (childClass[k] == cls) {
                    return childState[k];
                }
            }
            s = fail[s]; // ends at a shallow state: failure links lead to shorter prefixes
        }
    }

    /**
     * Builds the trie, numbers its states breadth first (so the shallow ones come first), then computes failure links
     * and the complete transition of every state in one breadth-first pass: a state's failure state is shallower, so
     * its complete row is ready by the time a deeper state needs it. All tables are flat primitive arrays: the
     * rule set's index has 8,000 states, built at every start, mostly before the JIT compiles anything.
     */
    private static final class Builder {
        private final List<String> keywords;
        final byte[] classOf = new byte[ASCII];
        int classes = 1;
        /** Trie children, {@code goTo[state * classes + cls]}, 0 for none (the root is nobody's child). */
        private int[] goTo;
        private int[] depth;
        private int[][] ends;
        private int states;
        int[] lengths;
        int[] dense;
        int shallowStates;
        int[] childStart;
        byte[] childClass;
        int[] childState;
        int[] fail;
        int[][] outputs;

        Builder(List<String> keywords) {
            this.keywords = keywords;
        }

        Builder build() {
            lengths = new int[keywords.size()];
            int capacity = 1;
            for (int id = 0; id < keywords.size(); id++) {
                lengths[id] = keywords.get(id).length();
                capacity += lengths[id];
            }
            assignClasses();
            goTo = new int[capacity * classes];
            depth = new int[capacity];
            ends = new int[capacity][];
            states = 1;
            for (int id = 0; id < keywords.size(); id++) {
                insert(keywords.get(id), id);
            }
            renumberBreadthFirst();
            link();
            markOutputs();
            return this;
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

        private void insert(String keyword, int id) {
            int state = 0;
            for (int i = 0; i < keyword.length(); i++) {
                int slot = state * classes + classOf[keyword.charAt(i)];
                if (goTo[slot] == 0) {
                    depth[states] = i + 1;
                    goTo[slot] = states++;
                }
                state = goTo[slot];
            }
            ends[state] = append(ends[state], id);
        }

        /** Renumbers states in breadth-first order, so the shallow ones (those with complete rows) come first. */
        private void renumberBreadthFirst() {
            int[] order = new int[states];
            int[] newId = new int[states];
            int tail = 1;
            for (int head = 0; head < tail; head++) {
                int state = order[head];
                newId[state] = head;
                for (int cls = 0; cls < classes; cls++) {
                    int child = goTo[state * classes + cls];
                    if (child != 0) {
                        order[tail++] = child;
                    }
                }
            }
            int[] renumbered = new int[states * classes];
            int[] newDepth = new int[states];
            int[][] newEnds = new int[states][];
            for (int n = 0; n < states; n++) {
                int old = order[n];
                for (int cls = 0; cls < classes; cls++) {
                    int child = goTo[old * classes + cls];
                    renumbered[n * classes + cls] = child == 0 ? 0 : newId[child];
                }
                newDepth[n] = depth[old];
                newEnds[n] = ends[old];
            }
            goTo = renumbered;
            depth = newDepth;
            ends = newEnds;
        }

        /** Failure links, outputs and the complete transition table, breadth first; then the stored layout. */
        private void link() {
            fail = new int[states];
            outputs = new int[states][];
            int[] delta = new int[states * classes];
            for (int state = 0; state < states; state++) {
                outputs[state] = state == 0 ? null : merge(ends[state], outputs[fail[state]]);
                int row = state * classes;
                int failRow = fail[state] * classes;
                for (int cls = 0; cls < classes; cls++) {
                    int child = goTo[row + cls];
                    int viaFail = state == 0 ? 0 : delta[failRow + cls];
                    if (child != 0) {
                        fail[child] = viaFail;
                        delta[row + cls] = child;
                    } else {
                        delta[row + cls] = viaFail;
                    }
                }
            }
            boolean small = (long) states * classes <= DENSE_ENTRIES;
            while (shallowStates < states && (small || depth[shallowStates] <= DENSE_DEPTH)) {
                shallowStates++;
            }
            dense = Arrays.copyOf(delta, shallowStates * classes);
            sparseChildren();
        }

        /** Child lists of the deep states, from the trie. */
        private void sparseChildren() {
            childStart = new int[states + 1];
            int count = 0;
            for (int s = shallowStates; s < states; s++) {
                for (int cls = 0; cls < classes; cls++) {
                    count += goTo[s * classes + cls] != 0 ? 1 : 0;
                }
            }
            childClass = new byte[count];
            childState = new int[count];
            int k = 0;
            for (int s = 0; s < states; s++) {
                childStart[s] = k;
                if (s >= shallowStates) {
                    for (int cls = 0; cls < classes; cls++) {
                        int child = goTo[s * classes + cls];
                        if (child != 0) {
                            childClass[k] = (byte) cls;
                            childState[k++] = child;
                        }
                    }
                }
            }
            childStart[states] = k;
        }

        /** Encodes "this target ends a keyword" as {@code ~target} in every stored transition. */
        private void markOutputs() {
            for (int k = 0; k < dense.length; k++) {
                if (outputs[dense[k]] != null) {
                    dense[k] = ~dense[k];
                }
            }
            for (int k = 0; k < childState.length; k++) {
                if (outputs[childState[k]] != null) {
                    childState[k] = ~childState[k];
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
