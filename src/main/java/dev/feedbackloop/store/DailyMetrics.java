package dev.feedbackloop.store;

import dev.feedbackloop.rootcause.Category;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One project's quality figures for one UTC day: the runs whose run time falls on it.
 *
 * @param project            the project, or {@link #ALL_PROJECTS} for the sum over all projects
 * @param day                the UTC day
 * @param runs               runs of that day
 * @param tests              test results in them (a test run in three runs counts three times)
 * @param passed             results that passed
 * @param failed             results that failed an assertion
 * @param errored            results that ended in an error
 * @param skipped            results that did not run
 * @param flaky              results that failed and passed within their run
 * @param failuresByCategory failed and errored results by root cause (unclassified ones as {@code UNKNOWN})
 * @param newScenarios       scenarios first seen that day
 * @param computedAt         when these figures were computed
 */
public record DailyMetrics(String project, LocalDate day, long runs, long tests, long passed, long failed,
                           long errored, long skipped, long flaky, Map<Category, Long> failuresByCategory,
                           long newScenarios, Instant computedAt) {

    /** The project name under which the sum over all projects is kept ({@code *} is no valid project name). */
    public static final String ALL_PROJECTS = "*";
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public DailyMetrics {
        Objects.requireNonNull(project, "project");
        if (!project.equals(ALL_PROJECTS) && !PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("metrics project must be a project name or '*', was '" + project + "'");
        }
        Objects.requireNonNull(day, "day");
        if (runs < 0 || tests < 0 || passed < 0 || failed < 0 || errored < 0 || skipped < 0 || flaky < 0
                || newScenarios < 0) {
            throw new IllegalArgumentException("daily metrics of " + project + " on " + day
                    + " must not be negative");
        }
        EnumMap<Category, Long> byCategory = new EnumMap<>(Category.class);
        Objects.requireNonNull(failuresByCategory, "failuresByCategory").forEach((category, count) -> {
            if (count != null && count > 0) {
                byCategory.put(category, count);
            }
        });
        failuresByCategory = Collections.unmodifiableMap(byCategory);
        Objects.requireNonNull(computedAt, "computedAt");
    }

    /** The sum of two projects' figures for the same day, under {@code project}. */
    public DailyMetrics plus(DailyMetrics other, String project) {
        EnumMap<Category, Long> byCategory = new EnumMap<>(Category.class);
        byCategory.putAll(failuresByCategory);
        other.failuresByCategory.forEach((c, n) -> byCategory.merge(c, n, Long::sum));
        return new DailyMetrics(project, day, runs + other.runs, tests + other.tests, passed + other.passed,
                failed + other.failed, errored + other.errored, skipped + other.skipped, flaky + other.flaky,
                byCategory, newScenarios + other.newScenarios, computedAt);
    }

    /** No activity. */
    public static DailyMetrics empty(String project, LocalDate day, Instant computedAt) {
        return new DailyMetrics(project, day, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, computedAt);
    }
}
