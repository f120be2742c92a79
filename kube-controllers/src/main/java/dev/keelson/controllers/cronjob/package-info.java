/**
 * The CronJob controller: creates a Job per schedule time (robfig/cron standard schedules, time
 * zones, {@code @every}), with concurrencyPolicy, startingDeadlineSeconds, suspend and history
 * limits, timed on the Clock.
 */
package dev.keelson.controllers.cronjob;
