package org.fractionball.lms.query.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.accounts.UserView;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Contract §5.2: the signed-in user. */
@RestController
@Tag(name = "Current user")
@ReadsFrom(ProjectionNames.ACCOUNTS)
public class MeQueryController {
    private final QueryGateway queries;

    public MeQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "The signed-in user with its permissions")
    @GetMapping("/api/me/")
    public MeResponse me(Caller caller) {
        UserView user = queries.query(new FindUser(caller.userId()), ResponseTypes.optionalInstanceOf(UserView.class))
                .join().orElseThrow(() -> QueryRejected.notFound("User"));
        return MeResponse.of(user);
    }
}
