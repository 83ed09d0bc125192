package dev.feedbackloop.tracker;

import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.recommend.IssueReport;
import dev.feedbackloop.recommend.Markdown;
import dev.feedbackloop.redact.Redactor;
import dev.feedbackloop.text.Plural;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, without I/O, what the tracker needs so that every actionable scenario has exactly one current issue:
 * <ul>
 *   <li>a scenario is found by its hidden marker; one with none joins the current issue of its group (test file),
 *       else a new issue is made for its group;</li>
 *   <li>an open issue gets its title and body brought up to date (only when they differ, so a second run writes
 *       nothing) and one comment per commit its scenarios were seen at, unless the commit is already reported (a
 *       commit marker in its body or a comment) or it is labelled {@code quiet};</li>
 *   <li>a closed issue whose scenarios recurred within {@link #REOPEN_WINDOW} of its closing is reopened; later than
 *       that a new issue is made that links it; without recurrence it is left alone.</li>
 * </ul>
 * When a scenario's marker (or a group's) is in several issues, the open one with the highest number is current
 * (then the closed one with the highest number), so the old issue a new one followed is not looked at again. A new
 * scenario joining a closed group issue is a recurrence of that issue: reopened or followed as above.
 */
public final class IssuePlanner {

    /** The label every filed issue carries; issues are listed by it. */
    public static final String LABEL = "feedback-loop";
    /** The label people add to stop comments. */
    public static final String QUIET_LABEL = "quiet";
    /** A closed issue whose scenario recurs within this time of closing is reopened; later, a new one follows it. */
    public static final Duration REOPEN_WINDOW = Duration.ofDays(10);
    /** GitHub refuses a body over 65,536 characters; room is kept for markers and the group's header. */
    static final int BODY_LIMIT = 60_000;
    /** GitHub refuses a title over 256 characters. */
    static final int TITLE_LIMIT = 256;

    private static final Comparator<TrackedIssue> CURRENT_FIRST = Comparator
            .comparing(TrackedIssue::open).thenComparingInt(TrackedIssue::number).reversed();

    private final Redactor redactor;

    public IssuePlanner(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * The writes that bring {@code issues} in line with {@code scenarios}, creates first, in the scenarios' order.
     *
     * @param scenarios the actionable scenarios, most important first; a repeated fingerprint counts once
     * @param issues    every issue with {@link #LABEL}, open and closed
     * @param commented the commit markers of an issue's comments, asked only for an open (or reopened) issue, not
     *                  quiet, whose scenarios were seen at a commit its body does not mark
     */
    public List<IssueAction> plan(List<TrackedScenario> scenarios, List<TrackedIssue> issues,
                                  Function<Integer, Set<String>> commented) {
        Map<Fingerprint, TrackedIssue> byScenario = new LinkedHashMap<>();
        Map<String, TrackedIssue> byGroup = new LinkedHashMap<>();
        issues.stream().sorted(CURRENT_FIRST).forEach(issue -> {
            issue.scenarios().forEach(f -> byScenario.putIfAbsent(f, issue));
            Markers.groupKeyIn(issue.body()).ifPresent(g -> byGroup.putIfAbsent(g, issue));
        });
        Map<Integer, List<TrackedScenario>> toExisting = new LinkedHashMap<>();
        Map<Integer, TrackedIssue> existing = new LinkedHashMap<>();
        Map<String, List<TrackedScenario>> toNew = new LinkedHashMap<>();
        Set<Fingerprint> seen = new LinkedHashSet<>();
        for (TrackedScenario s : scenarios) {
            if (!seen.add(s.scenario())) {
                continue;
            }
            Optional<TrackedIssue> issue = Optional.ofNullable(byScenario.get(s.scenario()))
                    .or(() -> s.group().map(Markers::groupKey).map(byGroup::get));
            if (issue.isPresent()) {
                existing.put(issue.get().number(), issue.get());
                toExisting.computeIfAbsent(issue.get().number(), n -> new ArrayList<>()).add(s);
            } else {
                toNew.computeIfAbsent(s.group().map(Markers::groupKey).orElse("scenario:" + s.scenario().value()),
                        k -> new ArrayList<>()).add(s);
            }
        }
        List<IssueAction> creates = new ArrayList<>();
        List<IssueAction> others = new ArrayList<>();
        toNew.values().forEach(members -> creates.add(create(members, Optional.empty(), Set.of())));
        toExisting.forEach((number, members) -> {
            TrackedIssue issue = existing.get(number);
            if (issue.open()) {
                update(issue, members).ifPresent(others::add);
                others.addAll(comments(issue, members, commented));
            } else {
                closed(issue, members, commented, creates, others);
            }
        });
        List<IssueAction> all = new ArrayList<>(creates);
        all.addAll(others);
        return all;
    }

    private void closed(TrackedIssue issue, List<TrackedScenario> members, Function<Integer, Set<String>> commented,
                        List<IssueAction> creates, List<IssueAction> others) {
        Instant closedAt = issue.closedAt().orElseThrow();
        Optional<Instant> recurred = members.stream().map(TrackedScenario::lastSeen).filter(t -> t.isAfter(closedAt))
                .max(Comparator.naturalOrder());
        if (recurred.isEmpty()) {
            return; // closed, and nothing seen since: the fix held
        }
        Duration after = Duration.between(closedAt, recurred.get());
        if (after.compareTo(REOPEN_WINDOW) <= 0) {
            others.add(new IssueAction.Reopen(issue.number(), title(members), body(members, issue.body()), after,
                    fingerprints(members)));
            others.addAll(comments(issue, members, commented));
        } else {
            creates.add(create(members, Optional.of(issue.number()), Set.of()));
        }
    }

    private IssueAction.Create create(List<TrackedScenario> members, Optional<Integer> follows, Set<String> commits) {
        StringBuilder markers = new StringBuilder();
        follows.ifPresent(n -> markers.append(Markers.follows(n)).append('\n'));
        Set<String> reported = new LinkedHashSet<>(commits);
        members.forEach(m -> m.commit().ifPresent(reported::add));
        reported.forEach(c -> markers.append(Markers.commit(c)).append('\n'));
        return new IssueAction.Create(title(members), body(members, markers.toString()), List.of(LABEL),
                fingerprints(members), follows);
    }

    private Optional<IssueAction> update(TrackedIssue issue, List<TrackedScenario> members) {
        String title = title(members);
        String body = body(members, issue.body());
        boolean titleChanged = !title.equals(issue.title());
        if (!titleChanged && normal(body).equals(normal(issue.body()))) {
            return Optional.empty();
        }
        return Optional.of(new IssueAction.Update(issue.number(), title, body, titleChanged, fingerprints(members)));
    }

    /** One comment per commit its members were last seen at and the issue does not report yet. */
    private List<IssueAction> comments(TrackedIssue issue, List<TrackedScenario> members,
                                       Function<Integer, Set<String>> commented) {
        Set<String> known = new LinkedHashSet<>(Markers.commits(issue.body()));
        if (issue.quiet() || members.stream().allMatch(m -> m.commit().isEmpty() || known.contains(m.commit().get()))) {
            return List.of(); // nothing new: the comments need not be read
        }
        known.addAll(commented.apply(issue.number()));
        Map<String, List<TrackedScenario>> byCommit = new LinkedHashMap<>();
        members.forEach(m -> m.commit().filter(c -> !known.contains(c))
                .ifPresent(c -> byCommit.computeIfAbsent(c, k -> new ArrayList<>()).add(m)));
        List<IssueAction> comments = new ArrayList<>();
        String title = title(members);
        byCommit.forEach((commit, seenThere) -> comments.add(new IssueAction.Comment(issue.number(), title, commit,
                commentBody(commit, seenThere), fingerprints(seenThere))));
        return comments;
    }

    private String commentBody(String commit, List<TrackedScenario> seenThere) {
        StringBuilder md = new StringBuilder("Seen again at commit `").append(commit).append("`:\n\n");
        for (TrackedScenario s : seenThere) {
            md.append("- ").append(Markdown.text(clean(s.title()))).append(" (scenario `").append(s.scenario().value())
                    .append("`): ").append(Plural.of(s.occurrences(), "occurrence")).append(" in ")
                    .append(Plural.of(s.runsAffected(), "run")).append(" so far, last seen ").append(s.lastSeen())
                    .append('\n');
        }
        return md.append('\n').append(Markers.commit(commit)).append('\n').toString();
    }

    /** The title for an issue's members: the recommendation's for one scenario, the group's for several. */
    String title(List<TrackedScenario> members) {
        TrackedScenario first = members.get(0);
        String title = members.size() == 1 ? first.title() + " (scenario " + first.scenario().value().substring(0, 8)
                + ")" : members.size() + " failure scenarios in " + first.group().orElse("one test file");
        return cap(clean(title).replaceAll("[\\p{Cntrl}\\s]+", " ").strip());
    }

    /**
     * The body: the reports of the members (the later ones shortened to their title and marker when all would
     * exceed GitHub's limit), the group's marker, and the markers an earlier body remembered (the issue it follows,
     * commits reported).
     */
    String body(List<TrackedScenario> members, String earlier) {
        StringBuilder md = new StringBuilder();
        Markers.followsIn(earlier).ifPresent(n -> md.append("Follows #").append(n)
                .append(", which was closed before this scenario recurred.\n\n"));
        if (members.size() > 1) {
            md.append("### ").append(Markdown.text(title(members))).append("\n\n");
            members.forEach(m -> md.append("- ").append(Markdown.text(clean(m.title()))).append(" (scenario `")
                    .append(m.scenario().value()).append("`)\n"));
            md.append('\n');
        }
        int room = BODY_LIMIT - md.length();
        for (TrackedScenario m : members) {
            String report = m.report().length() <= room - 1_000 ? m.report() : shortReport(m);
            room -= report.length();
            md.append(members.size() > 1 ? "---\n\n" : "").append(report).append('\n');
        }
        members.get(0).group().ifPresent(g -> md.append(Markers.group(g)).append('\n'));
        Markers.followsIn(earlier).ifPresent(n -> md.append(Markers.follows(n)).append('\n'));
        Markers.commits(earlier).forEach(c -> md.append(Markers.commit(c)).append('\n'));
        return md.toString();
    }

    private String shortReport(TrackedScenario m) {
        return "## " + Markdown.text(clean(m.title())) + "\n\nThe full report is too long for this issue: run `feedback"
                + " recommendation show " + m.recommendation().substring(0, 12) + "`.\n\n"
                + IssueReport.MARKER_PREFIX + "scenario=" + m.scenario().value() + " -->\n";
    }

    private String clean(String text) {
        return redactor.redact(text);
    }

    private static String cap(String title) {
        return title.codePointCount(0, title.length()) <= TITLE_LIMIT ? title
                : title.substring(0, title.offsetByCodePoints(0, TITLE_LIMIT - 1)) + "…";
    }

    /** Bodies as GitHub gives them back: line ends and trailing blanks may differ from what was sent. */
    private static String normal(String body) {
        return body.replace("\r\n", "\n").strip();
    }

    private static List<Fingerprint> fingerprints(List<TrackedScenario> members) {
        return members.stream().map(TrackedScenario::scenario).toList();
    }

    static String count(List<Fingerprint> scenarios) {
        return scenarios.size() == 1 ? "scenario " + scenarios.get(0).value()
                : scenarios.size() + " scenarios";
    }

    static String days(Duration duration) {
        long hours = duration.toHours();
        return hours < 48 ? Plural.of(hours, "hour") : Plural.of(duration.toDays(), "day");
    }
}
