package dev.feedbackloop.regenerate;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two versions of one file in the unified format ({@code diff -u}, {@code git diff}), for a person to
 * review a proposed fix. Pure and small on purpose: no diff library resolves on this project's mirror that we would
 * want in a native image, and a test file is at most {@link TestSources}' cap. The common head and tail are trimmed
 * first (a fix changes a few lines of one test), the rest is a longest-common-subsequence alignment; when that middle
 * is too large to align in bounded memory, it is shown as replaced whole, which is still a correct diff.
 * A difference only in the file's final newline is not shown.
 */
public final class UnifiedDiff {

    /** Unchanged lines shown around each change. */
    public static final int CONTEXT = 3;
    /** Most cells of the alignment table (4 bytes each): 16 MB. */
    static final long MAX_CELLS = 4_000_000L;

    private UnifiedDiff() {
    }

    private enum Op { EQUAL, DELETE, INSERT }

    /** One line of the edit script: its kind and its index in the original and in the proposed version. */
    private record Edit(Op op, int a, int b) {
    }

    /**
     * The unified diff turning {@code original} into {@code proposed}, headed {@code a/path} and {@code b/path};
     * empty when their lines are the same.
     */
    public static String of(String path, String original, String proposed) {
        String[] a = lines(original);
        String[] b = lines(proposed);
        List<Edit> script = script(a, b);
        if (script.stream().allMatch(e -> e.op() == Op.EQUAL)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- a/").append(path).append('\n').append("+++ b/").append(path).append('\n');
        int i = 0;
        while (i < script.size()) {
            int change = next(script, i);
            if (change < 0) {
                break;
            }
            int start = Math.max(i, change - CONTEXT);
            int end = hunkEnd(script, change);
            hunk(out, script.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.split("\r?\n", -1);
    }

    private static List<Edit> script(String[] a, String[] b) {
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Edit> script = new ArrayList<>(a.length + b.length);
        for (int k = 0; k < head; k++) {
            script.add(new Edit(Op.EQUAL, k, k));
        }
        middle(a, b, head, a.length - tail, b.length - tail, script);
        for (int k = tail; k > 0; k--) {
            script.add(new Edit(Op.EQUAL, a.length - k, b.length - k));
        }
        return script;
    }

    /** Aligns a[from..aEnd) with b[from..bEnd) by their longest common subsequence. */
    private static void middle(String[] a, String[] b, int from, int aEnd, int bEnd, List<Edit> script) {
        int n = aEnd - from;
        int m = bEnd - from;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int k = 0; k < n; k++) {
                script.add(new Edit(Op.DELETE, from + k, -1));
            }
            for (int k = 0; k < m; k++) {
                script.add(new Edit(Op.INSERT, -1, from + k));
            }
            return;
        }
        // common[i][j]: the longest common subsequence of a's middle from i and b's middle from j
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a[from + i].equals(b[from + j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[from + i].equals(b[from + j])) {
                script.add(new Edit(Op.EQUAL, from + i++, from + j++));
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // removed lines before added ones, as diff -u prints a replacement
                script.add(new Edit(Op.DELETE, from + i++, -1));
            } else {
                script.add(new Edit(Op.INSERT, -1, from + j++));
            }
        }
    }

    private static int next(List<Edit> script, int from) {
        for (int k = from; k < script.size(); k++) {
            if (script.get(k).op() != Op.EQUAL) {
                return k;
            }
        }
        return -1;
    }

    /** Where the hunk holding the change at {@code change} ends: changes closer than twice the context join it. */
    private static int hunkEnd(List<Edit> script, int change) {
        int last = change;
        int k = change;
        while (k < script.size()) {
            if (script.get(k).op() != Op.EQUAL) {
                last = k;
            } else if (k - last > 2 * CONTEXT) {
                break;
            }
            k++;
        }
        return Math.min(script.size(), last + 1 + CONTEXT);
    }

    private static void hunk(StringBuilder out, List<Edit> edits, String[] a, String[] b) {
        int aCount = (int) edits.stream().filter(e -> e.op() != Op.INSERT).count();
        int bCount = (int) edits.stream().filter(e -> e.op() != Op.DELETE).count();
        int aFirst = firstIndex(edits, true);
        int bFirst = firstIndex(edits, false);
        out.append("@@ -").append(range(aFirst, aCount)).append(" +").append(range(bFirst, bCount)).append(" @@\n");
        for (Edit e : edits) {
            switch (e.op()) {
                case EQUAL -> out.append(' ').append(a[e.a()]).append('\n');
                case DELETE -> out.append('-').append(a[e.a()]).append('\n');
                case INSERT -> out.append('+').append(b[e.b()]).append('\n');
            }
        }
    }

    /**
     * The 0-based index in one version where the hunk starts. A hunk always holds its context lines, which both
     * versions share, so a hunk without a line in a version means that version is empty.
     */
    private static int firstIndex(List<Edit> edits, boolean original) {
        for (Edit e : edits) {
            int index = original ? e.a() : e.b();
            if (index >= 0) {
                return index;
            }
        }
        return 0;
    }

    private static String range(int first, int count) {
        // an empty range names the line before it, as diff -u does
        return (count == 0 ? first : first + 1) + "," + count;
    }
}
