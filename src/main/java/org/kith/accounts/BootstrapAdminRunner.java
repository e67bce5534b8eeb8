package org.kith.accounts;

import java.io.PrintStream;

import org.flowable.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar kith.jar --kith.bootstrap-admin=EMAIL [--kith.bootstrap-admin-name=NAME]}: makes the first
 * administrator ({@link FirstAdministrator}), prints the link that sets their password, and exits
 * ({@code KithApplication} starts no web server in this mode). Exit code 0 when the account was made or an
 * administrator already exists; {@value #EXIT_REFUSED} when the address or name cannot be used.
 */
@Component
@ConditionalOnProperty("kith.bootstrap-admin")
class BootstrapAdminRunner implements ApplicationRunner, ExitCodeGenerator {

    static final int EXIT_REFUSED = 2;

    private final FirstAdministrator first;
    private final String email;
    private final String name;
    private int exitCode;

    /**
     * @param engine not used here, but made first: Kith's clock is the engine's ({@code workflow.EngineClock}),
     *        and with lazy beans nothing else would make it
     */
    BootstrapAdminRunner(FirstAdministrator first, ProcessEngine engine, @Value("${kith.bootstrap-admin}") String email,
            @Value("${kith.bootstrap-admin-name:}") String name) {
        this.first = first;
        this.email = email;
        this.name = name;
    }

    @Override
    public void run(ApplicationArguments args) {
        exitCode = report(first.create(email, name), System.out);
    }

    /** Prints what happened; the exit code. */
    static int report(FirstAdministrator.Outcome outcome, PrintStream out) {
        switch (outcome.result()) {
            case CREATED -> {
                out.println();
                out.println("Kith: created the administrator account " + outcome.email() + ".");
                out.println("Open this link within 24 hours to choose its password. It works once:");
                out.println();
                out.println("  " + outcome.link());
                out.println();
                return 0;
            }
            case ADMIN_EXISTS -> {
                out.println();
                out.println("Kith: an administrator already exists, so nothing was changed and no link was made.");
                out.println("An administrator invites everyone else at /staff/people.");
                out.println();
                return 0;
            }
            default -> {
                out.println();
                out.println("Kith: cannot make an administrator for \"" + outcome.email() + "\": "
                        + outcome.problem());
                out.println();
                return EXIT_REFUSED;
            }
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
