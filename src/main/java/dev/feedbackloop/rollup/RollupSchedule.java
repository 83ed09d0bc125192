package dev.feedbackloop.rollup;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the nightly rollup runs: one EventBridge {@code cron(...)} expression, in UTC, kept once in
 * {@code contract/deployment-contract.json} ({@code rollupSchedule}). The CDK app gives it to EventBridge as it is;
 * a long-running process (the Quarkus application in {@code quarkus:dev}, {@code feedback serve}) runs the same
 * expression in its Quartz form ({@link #quartz()}: EventBridge's six fields with a seconds field in front, both
 * counting weekdays 1-7 from Sunday), parsed and evaluated by cron-utils, the library quarkus-scheduler uses.
 * Only {@code cron(...)} is accepted: a {@code rate(...)} counts from when the rule was created, which a local
 * process cannot know.
 */
public final class RollupSchedule {

    /** Where the packaged contract is found on the class path. */
    static final String CONTRACT_RESOURCE = "/dev/feedbackloop/contract/deployment-contract.json";
    private static final Pattern EVENTBRIDGE_CRON = Pattern.compile("cron\\(\\s*(\\S+(?:\\s+\\S+){5})\\s*\\)");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String eventBridge;
    private final String quartz;
    private final ExecutionTime executions;

    private RollupSchedule(String eventBridge, String quartz, Cron cron) {
        this.eventBridge = eventBridge;
        this.quartz = quartz;
        this.executions = ExecutionTime.forCron(cron);
    }

    /**
     * Parses an EventBridge cron expression such as {@code cron(30 2 * * ? *)}.
     *
     * @throws IllegalArgumentException naming the expression and what is wrong with it
     */
    public static RollupSchedule parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        Matcher matcher = EVENTBRIDGE_CRON.matcher(expression.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("rollup schedule '" + expression + "' must be an EventBridge"
                    + " expression cron(minutes hours day-of-month month day-of-week year), e.g. cron(30 2 * * ? *)");
        }
        String quartz = "0 " + matcher.group(1).trim().replaceAll("\\s+", " ");
        try {
            Cron cron = QUARTZ.parse(quartz);
            cron.validate();
            return new RollupSchedule(expression.strip(), quartz, cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rollup schedule '" + expression + "' is not a valid cron expression: "
                    + e.getMessage(), e);
        }
    }

    /** The schedule written in the packaged deployment contract: the one EventBridge runs on AWS. */
    public static RollupSchedule nightly() {
        try (InputStream in = RollupSchedule.class.getResourceAsStream(CONTRACT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT_RESOURCE + " is not on the class path: the build copies"
                        + " contract/ there");
            }
            JsonNode value = new ObjectMapper().readTree(in).path("rollupSchedule");
            if (!value.isTextual()) {
                throw new IllegalStateException(CONTRACT_RESOURCE + " has no text field rollupSchedule");
            }
            return parse(value.asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONTRACT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The expression as EventBridge takes it, e.g. {@code cron(30 2 * * ? *)}. */
    public String eventBridge() {
        return eventBridge;
    }

    /** The same schedule as a Quartz cron expression, what quarkus-scheduler takes, e.g. {@code 0 30 2 * * ? *}. */
    public String quartz() {
        return quartz;
    }

    /**
     * The first time the schedule fires strictly after {@code instant}.
     *
     * @throws IllegalStateException when it never fires again (a year field in the past)
     */
    public Instant nextAfter(Instant instant) {
        return executions.nextExecution(instant.atZone(ZoneOffset.UTC)).map(Instant::from)
                .orElseThrow(() -> new IllegalStateException("rollup schedule " + eventBridge + " never fires after "
                        + instant));
    }

    @Override
    public String toString() {
        return eventBridge;
    }
}
