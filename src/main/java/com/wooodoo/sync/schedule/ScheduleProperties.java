package com.wooodoo.sync.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code wooodoo.schedules-file}: the syncs started by the clock (see config/application.yaml). */
@ConfigurationProperties(prefix = "wooodoo")
public class ScheduleProperties {

    /** The file with the schedules. */
    private String schedulesFile = "config/schedules.yaml";

    public String getSchedulesFile() {
        return schedulesFile;
    }

    public void setSchedulesFile(String schedulesFile) {
        this.schedulesFile = schedulesFile;
    }
}
