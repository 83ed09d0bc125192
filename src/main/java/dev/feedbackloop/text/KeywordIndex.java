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
 * <p>Layout: every state gets a complete transition row when the table fits in {@link #DENSE_ENTRIES} entries (the
 * built-in rule set's 873 phrases and keywords make 10,674 states of 60 character classes, a 2.5 MB table): a
 * character then costs one addition and one load. Measured on the benchmark's 215,000 failures (294 characters on average) that is 3.4 ns a
 * character, against 4.7 ns when only the states within {@link #DENSE_DEPTH} characters of the root have rows and
 * deeper states keep their few children and a failure link, the layout a larger index falls back to. Immutable
 * and thread-safe.
 */
public final class KeywordIndex {

    /** States this close to the root get a complete transition row. */
    static final int DENSE_DEPTH = 2;
    /** Indexes whose complete table has at most this many entries (4 MB) get a complete row for every state. */
    static final int DENSE_ENTRIES = 1 << 20;
    private static final int ASCII = 128;

    private final int[] lengths;
    /** Character class of each ASCII character; 0 for characters no keyword uses. */
    private final byte[] classOf;
    /**
     * Complete rows of the shallow states, which are numbered first: {@code dense[code + class]}. A state is named by
     * its code: for a shallow state the offset of its row (so a step is one addition and one load, with no
     * multiplication in the chain from one character to the next), for a deep state {@link #shallowRows} plus its
     * number among the deep states. A stored code is negated ({@code ~code}) when that state ends a keyword.
     */
    private final int[] dense;
    /** Codes below this are shallow states, with a row in {@link #dense}. */
    private final int shallowRows;
    private final int shallowStates;
    private final int classes;
    /** Children of deep state {@code d}: {@code childClass/childState[childStart[d] .. childStart[d + 1])}. */
    private final int[] childStart;
    private final byte[] childClass;
    private final int[] childState;
    /** Failure code of each deep state. */
    private final int[] deepFail;
    /** Keyword ids that end in each state (including those reached by suffix links), by state number. */
    private final int[][] outputs;

    private KeywordIndex(Builder b) {
        lengths = b.lengths;
        classOf = b.classOf;
        dense = b.dense;
        shallowRows = b.shallowRows;
        shallowStates = b.shallowStates;
        classes = b.classes;
        childStart = b.childStart;
        childClass = b.childClass;
        childState = b.childState;
        deepFail = b.deepFail;
        outputs = b.outputs;
    }

    /**
     * An index of {@code keywords}; keyword {@code i} is reported as id {@code i}.
     *
     * @throws IllegalArgumentException if a keyword is empty or contains a non-ASCII character
     */
    public static KeywordIndex of(List<String> keywords) {
        return of(keywords, DENSE_ENTRIES);
    }

    /** As {@link #of(List)}, with complete rows throughout only when they take at most {@code denseEntries}. */
    static KeywordIndex of(List<String> keywords, int denseEntries) {
        Objects.requireNonNull(keywords, "keywords");
        List<String> lower = new ArrayList<>(keywords.size());
        for (String keyword : keywords) {
            if (keyword == null || keyword.isEmpty() || !isAscii(keyword)) {
                throw new IllegalArgumentException("keyword must be non-empty ASCII, was '" + keyword + "'");
            }
            lower.add(keyword.toLowerCase(Locale.ROOT));
        }
        return new KeywordIndex(new Builder(lower, denseEntries).build());
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
        return shallowStates == outputs.length;
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
        int code = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ASCII) {
                code = 0; // keywords are ASCII, so no match runs through this character
                continue;
            }
            int cls = classOf[c];
            int next = code < shallowRows ? dense[code + cls] : deepStep(code, cls);
            if (next < 0) {
                next = ~next;
                for (int id : outputsOf(next)) {
                    handler.onMatch(id, i + 1 - lengths[id], i + 1);
                }
            }
            code = next;
        }
    }

    /** Whether any keyword occurs in {@code text}: stops at the first one. */
    public boolean anyIn(CharSequence text) {
        int code = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= ASCII) {
                code = 0;
                continue;
            }
            int cls = classOf[c];
            code = code < shallowRows ? dense[code + cls] : deepStep(code, cls);
            if (code < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The code after deep state {@code code} reads a character of class {@code cls}: a child, or else the failure
     * state's transition (failure links lead to shorter prefixes, and end at a shallow state).
     */
    private int deepStep(int code, int cls) {
        int c = code;
        while (c >= shallowRows) {
            int d = c - shallowRows;
            for (int k = childStart[d]; k < childStart[d + 1]; k++) {
                if (childClass[k] == cls) {
                    return childState[k];
                }
            }
            c = deepFail[d];
        }
        return dense[c + cls];
    }

    private int[] outputsOf(int code) {
        return outputs[code < shallowRows ? code / classes : shallowStates + code - shallowRows];
    }

    /**
     * Builds the trie, numbers its states breadth first (so the shallow ones come first), then computes failure links
     * and the complete transition of every state in one breadth-first pass: a state's failure state is shallower, so
     * its complete row is ready by the time a deeper state needs it. All tables are flat primitive arrays: the
     * rule set's index has about 10,700 states, built at every start, mostly before the JIT compiles anything.
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
        int shallowRows;
        int[] childStart;
        byte[] childClass;
        int[] childState;
        int[] fail;
        int[] deepFail;
        int[][] outputs;

        private final int denseEntries;

        Builder(List<String> keywords, int denseEntries) {
            this.keywords = keywords;
            this.denseEntries = denseEntries;
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
            encode();
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
            boolean small = (long) states * classes <= denseEntries;
            while (shallowStates < states && (small || depth[shallowStates] <= DENSE_DEPTH)) {
                shallowStates++;
            }
            dense = shallowStates == states ? delta : Arrays.copyOf(delta, shallowStates * classes);
            sparseChildren();
        }

        /** Child lists of the deep states, from the trie, indexed by deep number ({@code state - shallowStates}). */
        private void sparseChildren() {
            int deep = states - shallowStates;
            childStart = new int[deep + 1];
            int count = 0;
            for (int s = shallowStates; s < states; s++) {
                for (int cls = 0; cls < classes; cls++) {
                    count += goTo[s * classes + cls] != 0 ? 1 : 0;
                }
            }
            childClass = new byte[count];
            childState = new int[count];
            int k = 0;
            for (int d = 0; d < deep; d++) {
                childStart[d] = k;
                int row = (shallowStates + d) * classes;
                for (int cls = 0; cls < classes; cls++) {
                    int child = goTo[row + cls];
                    if (child != 0) {
                        childClass[k] = (byte) cls;
                        childState[k++] = child;
                    }
                }
            }
            childStart[deep] = k;
        }

        /** Replaces state numbers by codes in every stored transition, negated when the target ends a keyword. */
        private void encode() {
            shallowRows = shallowStates * classes;
            for (int k = 0; k < dense.length; k++) {
                dense[k] = marked(dense[k]);
            }
            for (int k = 0; k < childState.length; k++) {
                childState[k] = marked(childState[k]);
            }
            deepFail = new int[states - shallowStates];
            for (int d = 0; d < deepFail.length; d++) {
                deepFail[d] = code(fail[shallowStates + d]);
            }
        }

        private int code(int state) {
            return state < shallowStates ? state * classes : shallowRows + state - shallowStates;
        }

        private int marked(int state) {
            return outputs[state] != null ? ~code(state) : code(state);
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
