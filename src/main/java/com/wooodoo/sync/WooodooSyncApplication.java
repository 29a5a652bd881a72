package com.wooodoo.sync;

import com.wooodoo.sync.admin.AdminCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WooodooSyncApplication {

    public static void main(String[] args) {
        if (AdminCommandLine.isAdminCommand(args)) {
            System.exit(AdminCommandLine.run(args));
        }
        SpringApplication.run(WooodooSyncApplication.class, args);
    }
}
