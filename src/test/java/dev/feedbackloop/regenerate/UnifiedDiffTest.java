package dev.feedbackloop.regenerate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    private static final String ORIGINAL = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n";

    @Test
    void sameLinesGiveNoDiff() {
        assertThat(UnifiedDiff.of("t.spec.ts", ORIGINAL, ORIGINAL)).isEmpty();
        assertThat(UnifiedDiff.of("t.spec.ts", "", "")).isEmpty();
    }

    @Test
    void changesFarApartAreTwoHunks_asDiffUPrintsThem() {
        String proposed = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";

        // the expected text is what GNU diff -u prints for these two files
        assertThat(UnifiedDiff.of("tests/t.spec.ts", ORIGINAL, proposed)).isEqualTo("""
                --- a/tests/t.spec.ts
                +++ b/tests/t.spec.ts
                @@ -1,5 +1,5 @@
                 a
                -b
                +B
                 c
                 d
                 e
                @@ -9,3 +9,4 @@
                 i
                 j
                 k
                +l
                """);
    }

    @Test
    void changesCloseTogetherShareAHunk() {
        String proposed = ORIGINAL.replace("c\n", "C\n").replace("h\n", "H\n");

        String diff = UnifiedDiff.of("t", ORIGINAL, proposed);

        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).containsExactly("@@ -1,11 +1,11 @@");
    }

    @Test
    void anEmptyVersionIsARangeAtLineZero() {
        assertThat(UnifiedDiff.of("t", "", "x\ny\n")).contains("@@ -0,0 +1,2 @@\n+x\n+y\n");
        assertThat(UnifiedDiff.of("t", "x\ny\n", "")).contains("@@ -1,2 +0,0 @@\n-x\n-y\n");
    }

    @Test
    void applyingTheDiffGivesTheProposedFile_forRandomEdits() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> original = randomLines(random, random.nextInt(30));
            List<String> proposed = new ArrayList<>(original);
            for (int edits = random.nextInt(5); edits > 0; edits--) {
                int at = proposed.isEmpty() ? 0 : random.nextInt(proposed.size());
                switch (random.nextInt(3)) {
                    case 0 -> proposed.add(at, "new" + random.nextInt(5));
                    case 1 -> { if (!proposed.isEmpty()) proposed.remove(at); }
                    default -> { if (!proposed.isEmpty()) proposed.set(at, "changed" + random.nextInt(5)); }
                }
            }
            String diff = UnifiedDiff.of("f", text(original), text(proposed));

            assertThat(apply(original, diff)).as("round %d:%n%s", round, diff).isEqualTo(proposed);
        }
    }

    @Test
    void aMiddleTooLargeToAlignIsShownReplacedWhole_stillCorrect() {
        List<String> original = new ArrayList<>();
        List<String> proposed = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            original.add("line " + i);
            proposed.add(i % 2 == 0 ? "line " + i : "other " + i);
        }

        String diff = UnifiedDiff.of("f", text(original), text(proposed));

        assertThat(apply(original, diff)).isEqualTo(proposed);
    }

    private static List<String> randomLines(Random random, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("line" + random.nextInt(8));
        }
        return lines;
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Applies a unified diff the way patch does, checking every context and removed line. */
    private static List<String> apply(List<String> original, String diff) {
        List<String> out = new ArrayList<>();
        int next = 0;
        List<String> lines = diff.lines().toList();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            if (line.startsWith("---") || line.startsWith("+++")) {
                continue;
            }
            if (line.startsWith("@@")) {
                String[] ranges = line.split(" ");
                String[] from = ranges[1].substring(1).split(",");
                int start = Integer.parseInt(from[0]) - (Integer.parseInt(from[1]) == 0 ? 0 : 1);
                while (next < start) {
                    out.add(original.get(next++));
                }
                continue;
            }
            char kind = line.charAt(0);
            String body = line.substring(1);
            if (kind == '+') {
                out.add(body);
            } else {
                assertThat(original.get(next)).isEqualTo(body);
                next++;
                if (kind == ' ') {
                    out.add(body);
                }
            }
        }
        while (next < original.size()) {
            out.add(original.get(next++));
        }
        return out;
    }
}
