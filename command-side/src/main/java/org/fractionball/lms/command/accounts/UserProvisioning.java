package org.fractionball.lms.command.accounts;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.schools.SchoolDomains;
import org.springframework.stereotype.Component;

/** Creates UserAccount aggregates and answers with their state. */
@Component
public class UserProvisioning {
    private final Repository<UserAccount> accounts;
    private final UserRegistry users;
    private final SchoolDomains schools;

    public UserProvisioning(Repository<UserAccount> accounts, UserRegistry users, SchoolDomains schools) {
        this.accounts = accounts;
        this.users = users;
        this.schools = schools;
    }

    @CommandHandler
    public UserAccountState handle(ProvisionUser command) throws Exception {
        return accounts.newInstance(() -> new UserAccount(command, users, schools)).invoke(UserAccount::state);
    }
}
