package dev.feedbackloop.adapter.lambda;

import dev.feedbackloop.rollup.RollupSchedule;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Fires the rollup function on the deployment's schedule inside a long-running process ({@code quarkus:dev}, with
 * {@code feedback.rollup.run-on-schedule=true}) through quarkus-scheduler: the same EventBridge expression of the
 * deployment contract, in its Quartz form ({@link RollupSchedule#quartz()}), and the same function with an event
 * whose time is the scheduled fire time, so it rolls up the day EventBridge's event would. On Lambda this stays off
 * and the scheduler is not started.
 */
@ApplicationScoped
public class RollupScheduling {

    static final String JOB = "feedback-nightly-rollup";

    void schedule(@Observes StartupEvent started, FeedbackConfig config, Instance<Scheduler> scheduler,
                  Instance<RollupFunction> rollup) {
        if (!config.rollup().runOnSchedule()) {
            return;
        }
        RollupSchedule schedule = RollupSchedule.nightly();
        scheduler.get().newJob(JOB).setCron(schedule.quartz()).setTimeZone("UTC").setTask(execution -> {
            ScheduledEvent event = new ScheduledEvent();
            event.detailType = "Scheduled Event";
            event.time = execution.getScheduledFireTime().toString();
            rollup.get().rollup(event);
        }).schedule();
        System.getLogger(RollupScheduling.class.getName()).log(System.Logger.Level.INFO,
                "nightly rollup scheduled in this process: {0} UTC (Quartz {1})", schedule.eventBridge(),
                schedule.quartz());
    }
}
