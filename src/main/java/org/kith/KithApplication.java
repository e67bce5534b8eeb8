package org.kith;

import java.util.Arrays;
import java.util.Map;
import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KithApplication {

    /** The argument that makes the first administrator and exits ({@code accounts.BootstrapAdminRunner}). */
    public static final String BOOTSTRAP_ADMIN = "--kith.bootstrap-admin=";

    public static void main(String[] args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        if (Arrays.stream(args).anyMatch(a -> a.startsWith(BOOTSTRAP_ADMIN) || (a + "=").equals(BOOTSTRAP_ADMIN))) {
            System.exit(command(args));
        }
        SpringApplication.run(KithApplication.class, args);
    }

    /**
     * A one-off command such as {@code --kith.bootstrap-admin=EMAIL}: Kith starts without a web server, the
     * command runs, and Kith stops again. Beans are made only when the command needs them, so the pages,
     * controllers and security filters (which need a web server) are never made.
     * @return the command's exit code
     */
    public static int command(String... args) {
        SpringApplication application = new SpringApplication(KithApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLazyInitialization(true);
        // a command run beside the nodes takes none of their work: no jobs, no timers, no email
        application.setDefaultProperties(Map.of("flowable.async-executor-activate", "false",
                "kith.scheduling.enabled", "false"));
        return SpringApplication.exit(application.run(args));
    }
}
