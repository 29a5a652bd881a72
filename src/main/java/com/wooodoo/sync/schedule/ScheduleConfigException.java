package com.wooodoo.sync.schedule;

/** The schedules file is wrong; the message names the file, the entry and what to fix. */
public class ScheduleConfigException extends RuntimeException {

    public ScheduleConfigException(String message) {
        super(message);
    }
}
