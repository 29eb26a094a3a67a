package org.fractionball.lms.command.schools;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Creates School aggregates and answers with their state (an aggregate constructor can only return its id). */
@Component
public class SchoolRegistration {
    private final Repository<School> schools;
    private final SchoolDomains domains;

    public SchoolRegistration(Repository<School> schools, SchoolDomains domains) {
        this.schools = schools;
        this.domains = domains;
    }

    @CommandHandler
    public SchoolState handle(RegisterSchool command) throws Exception {
        return schools.newInstance(() -> new School(command, domains)).invoke(School::state);
    }
}
