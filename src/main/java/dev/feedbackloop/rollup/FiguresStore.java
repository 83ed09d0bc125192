package dev.feedbackloop.rollup;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the nightly figures and the rolling series they are computed from are kept (DynamoDB in production and in
 * the embedded store). Every write replaces what it names, so recomputing a day is idempotent; every read names
 * its items (a day, a range of days, the subjects of one day), so its cost never grows with the history.
 */
public interface FiguresStore {

    /** Stores a day's figures, replacing those stored for that project and day. */
    void put(DailyFigures figures);

    /** One day's figures, if rolled up. */
    Optional<DailyFigures> find(String project, LocalDate day);

    /** A project's figures from {@code from} to {@code to}, both included, newest first. */
    List<DailyFigures> range(String project, LocalDate from, LocalDate to);

    /** The stored series of these subjects; a subject without one is left out. */
    List<Trend> trends(String project, Collection<TrendSubject> subjects);

    /** Stores these series, each replacing its subject's. */
    void putTrends(String project, List<Trend> trends);

    /** The project's series of runs, if stored. */
    Optional<DailySeries> projectRuns(String project);

    /** Stores the project's series of runs. */
    void putProjectRuns(String project, DailySeries series);
}
