package dev.feedbackloop.rollup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One subject's counts for each of its last {@code days.size()} UTC days, ending at {@code lastDay}: a rolling
 * aggregate the nightly rollup reads and writes once per subject it touches, so that comparing the last 7 days with
 * the 21 before costs one item, not 28 days of results.
 *
 * <p>{@link #with} <em>replaces</em> a day's count rather than adding to it, so re-running the rollup of a day, or
 * rolling up an older day after a backfill, is idempotent.
 *
 * @param lastDay the newest day held
 * @param days    counts per day, oldest first; the last is {@code lastDay}'s
 */
public record DailySeries(LocalDate lastDay, List<DayCount> days) {

    public DailySeries {
        Objects.requireNonNull(lastDay, "lastDay");
        days = List.copyOf(Objects.requireNonNull(days, "days"));
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a daily series needs at least one day");
        }
    }

    /** {@code length} empty days ending at {@code lastDay}. */
    public static DailySeries empty(LocalDate lastDay, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("a daily series needs at least one day, was " + length);
        }
        return new DailySeries(lastDay, Collections.nCopies(length, DayCount.NONE));
    }

    /** This series holding {@code length} days up to the same last day: older days drop, missing ones are empty. */
    public DailySeries resized(int length) {
        if (length == days.size()) {
            return this;
        }
        DailySeries resized = empty(lastDay, length);
        for (LocalDate d = firstDay(); !d.isAfter(lastDay); d = d.plusDays(1)) {
            resized = resized.with(d, on(d));
        }
        return resized;
    }

    /** The first day held. */
    public LocalDate firstDay() {
        return lastDay.minusDays(days.size() - 1L);
    }

    /**
     * This series with {@code day}'s count set to {@code count}: a later day moves the series forward (days in
     * between count nothing), a held day is replaced, a day older than the series changes nothing.
     */
    public DailySeries with(LocalDate day, DayCount count) {
        Objects.requireNonNull(count, "count");
        if (day.isBefore(firstDay())) {
            return this;
        }
        List<DayCount> next = new ArrayList<>(days);
        LocalDate last = lastDay;
        long ahead = ChronoUnit.DAYS.between(lastDay, day);
        for (long i = 0; i < Math.min(ahead, days.size()); i++) {
            next.remove(0);
            next.add(DayCount.NONE);
        }
        if (ahead > 0) {
            last = day;
        }
        int slot = days.size() - 1 - (int) ChronoUnit.DAYS.between(day, last);
        next.set(slot, count);
        return new DailySeries(last, next);
    }

    /** The count of one day, {@link DayCount#NONE} outside the series. */
    public DayCount on(LocalDate day) {
        if (day.isBefore(firstDay()) || day.isAfter(lastDay)) {
            return DayCount.NONE;
        }
        return days.get(days.size() - 1 - (int) ChronoUnit.DAYS.between(day, lastDay));
    }

    /** The sum over {@code from} to {@code to}, both included; days outside the series count nothing. */
    public DayCount total(LocalDate from, LocalDate to) {
        DayCount sum = DayCount.NONE;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            sum = sum.plus(on(d));
        }
        return sum;
    }

    /**
     * This series' failures over {@code trials}' trials, day by day: a scenario's occurrences against the project's
     * runs, which are counted every day even when the scenario did not occur. Failures are capped at the trials.
     */
    public DailySeries againstTrialsOf(DailySeries trials) {
        List<DayCount> next = new ArrayList<>(days.size());
        for (LocalDate d = firstDay(); !d.isAfter(lastDay); d = d.plusDays(1)) {
            long n = trials.on(d).trials();
            next.add(new DayCount(n, Math.min(n, on(d).failures())));
        }
        return new DailySeries(lastDay, next);
    }
}
